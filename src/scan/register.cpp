// Registration: finds the fiducials near where a page of this size would have them,
// fits a homography (least squares over all found; drops one outlier), keeps the residual.
#include "scan/register.hpp"

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

#include "scan/fiducials.hpp"

namespace quizscan {
namespace {

struct Fit {
    cv::Mat H;
    double rms = 1e9;
    std::vector<double> errs;
};

Fit fit(const std::vector<cv::Point2f>& mm, const std::vector<cv::Point2f>& px, double px_per_mm) {
    Fit f;
    f.H = cv::findHomography(mm, px, 0);
    if (f.H.empty()) return f;
    std::vector<cv::Point2f> proj;
    cv::perspectiveTransform(mm, proj, f.H);
    double s = 0;
    for (std::size_t i = 0; i < mm.size(); ++i) {
        const double e = cv::norm(proj[i] - px[i]) / px_per_mm;
        f.errs.push_back(e);
        s += e * e;
    }
    f.rms = std::sqrt(s / static_cast<double>(mm.size()));
    return f;
}

}  // namespace

cv::Point2d to_px(const Registration& r, const PointMm& p) {
    const cv::Vec3d v = r.mm_to_px * cv::Vec3d(p.x, p.y, 1.0);
    return {v[0] / v[2], v[1] / v[2]};
}

Registration register_page(const cv::Mat& small, double s, const PageLayout& page, double width_mm, double height_mm,
                           double dpi_hint) {
    Registration reg;
    // Scale of the full image: from the dpi if known, else assume the scan shows the whole page.
    const double px_per_mm = dpi_hint > 0 ? dpi_hint / 25.4
                                          : std::min(small.cols / s / width_mm, small.rows / s / height_mm);
    const double fid_px = page.fiducials.front().size * px_per_mm * s;
    const auto hits = find_fiducials(small, fid_px * 0.6, fid_px * 1.5);

    // Expected position of each fiducial: the page centred in the image at the estimated scale.
    const cv::Point2d offset((small.cols - width_mm * px_per_mm * s) / 2, (small.rows - height_mm * px_per_mm * s) / 2);
    std::vector<cv::Point2f> mm, px;
    const double radius = 25.0 * px_per_mm * s;  // a scan may be shifted or cropped by up to ~25 mm
    for (const auto& f : page.fiducials) {
        const cv::Point2d expect = offset + cv::Point2d(f.center.x, f.center.y) * px_per_mm * s;
        const FiducialHit* best = nullptr;
        double best_d = radius;
        for (const auto& h : hits) {
            const double d = cv::norm(h.center - expect);
            if (d < best_d) best_d = d, best = &h;
        }
        if (!best) continue;
        mm.emplace_back(static_cast<float>(f.center.x), static_cast<float>(f.center.y));
        px.emplace_back(static_cast<float>(best->center.x / s), static_cast<float>(best->center.y / s));
    }
    reg.fiducials_found = static_cast<int>(mm.size());
    if (mm.size() < 4) {
        reg.problem = "found " + std::to_string(mm.size()) + " of " + std::to_string(page.fiducials.size()) +
                      " corner marks (a corner cut off, folded or covered?)";
        return reg;
    }
    Fit best = fit(mm, px, px_per_mm);
    // One bad point (a smudge taken for a mark) is dropped if that improves the fit a lot.
    if (mm.size() > 4 && best.rms > 0.3) {
        for (std::size_t drop = 0; drop < mm.size(); ++drop) {
            auto mm2 = mm, px2 = px;
            mm2.erase(mm2.begin() + static_cast<long>(drop));
            px2.erase(px2.begin() + static_cast<long>(drop));
            Fit f = fit(mm2, px2, px_per_mm);
            if (f.rms < best.rms * 0.5) best = f, reg.fiducials_found = static_cast<int>(mm2.size());
        }
    }
    if (best.H.empty()) {
        reg.problem = "the corner marks do not form a page";
        return reg;
    }
    reg.mm_to_px = cv::Matx33d(reinterpret_cast<const double*>(best.H.data));
    reg.residual_mm = best.rms;
    // Mean scale from the fitted page width and height.
    const double wpx = cv::norm(to_px(reg, {width_mm, height_mm / 2}) - to_px(reg, {0, height_mm / 2}));
    const double hpx = cv::norm(to_px(reg, {width_mm / 2, height_mm}) - to_px(reg, {width_mm / 2, 0}));
    reg.px_per_mm = (wpx / width_mm + hpx / height_mm) / 2;
    if (reg.residual_mm > kMaxResidualMm) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "the corner marks fit the page poorly (%.2f mm off; creased or curled?)", reg.residual_mm);
        reg.problem = buf;
        return reg;
    }
    reg.ok = true;
    return reg;
}

}  // namespace quizscan
