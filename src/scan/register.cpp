// Registration: finds the fiducials near where a page of this size would have them,
// fits a homography (least squares over all found; drops one outlier), keeps the residual.
// When some are not where a scan would have them (a photo: the page smaller than the image,
// off centre, in perspective), they are matched by their arrangement instead.
#include "scan/register.hpp"

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "scan/fiducials.hpp"

namespace quizscan {
namespace {

// Layout fiducials matched to hits: mm (layout) and px (of the image the hits are in).
struct Matches {
    std::vector<cv::Point2f> mm, px;
    double off_mm = 0;  // summed distance of the hits from where the map put them
};

// Each layout fiducial to the nearest hit of a plausible size within tol_mm of where `map` puts it.
template <class Map>
Matches match_near(const PageLayout& page, const std::vector<FiducialHit>& hits, const Map& map, double tol_mm) {
    Matches m;
    for (const auto& f : page.fiducials) {
        const cv::Point2d c(f.center.x, f.center.y);
        const cv::Point2d p = map(c);
        // Local scale (px per mm) at the fiducial, from the map itself: right under perspective.
        const double ppm = cv::norm(map(c + cv::Point2d(1, 0)) - p);
        const FiducialHit* best = nullptr;
        double best_d = tol_mm * ppm;
        for (const auto& h : hits) {
            const double ratio = h.size_px / (f.size * ppm);
            if (ratio < 0.65 || ratio > 1.5) continue;
            const double d = cv::norm(h.center - p);
            if (d < best_d) best_d = d, best = &h;
        }
        if (!best) continue;
        m.off_mm += best_d / ppm;
        m.mm.emplace_back(static_cast<float>(c.x), static_cast<float>(c.y));
        m.px.emplace_back(static_cast<float>(best->center.x), static_cast<float>(best->center.y));
    }
    return m;
}

// The page anywhere in the image at any scale up to filling it (`max_ppm`, px per mm), upright
// within 50 degrees (turned by its barcode, it is within 45, perspective aside): every pair of
// hits taken as every pair of layout fiducials gives a similarity; the one that puts most
// fiducials on hits wins, and a homography through those collects the rest.
Matches match_by_arrangement(const PageLayout& page, const std::vector<FiducialHit>& hits, double max_ppm) {
    Matches best;
    const auto& fs = page.fiducials;
    const double kMaxTurn = 50.0 * CV_PI / 180.0;
    for (std::size_t i = 0; i < hits.size(); ++i) {
        for (std::size_t j = 0; j < hits.size(); ++j) {
            if (i == j) continue;
            const cv::Point2d vp = hits[j].center - hits[i].center;
            for (std::size_t a = 0; a < fs.size(); ++a) {
                for (std::size_t b = 0; b < fs.size(); ++b) {
                    if (a == b) continue;
                    const cv::Point2d ma(fs[a].center.x, fs[a].center.y), mb(fs[b].center.x, fs[b].center.y);
                    const cv::Point2d vm = mb - ma;
                    const double ppm = cv::norm(vp) / cv::norm(vm);
                    if (ppm > max_ppm * 1.1 || ppm < max_ppm * 0.3) continue;
                    auto fits = [ppm](const FiducialHit& h, const Fiducial& f) {
                        const double ratio = h.size_px / (f.size * ppm);
                        return ratio >= 0.65 && ratio <= 1.5;
                    };
                    if (!fits(hits[i], fs[a]) || !fits(hits[j], fs[b])) continue;
                    double turn = std::atan2(vp.y, vp.x) - std::atan2(vm.y, vm.x);
                    turn = std::remainder(turn, 2 * CV_PI);
                    if (std::abs(turn) > kMaxTurn) continue;
                    const double c = std::cos(turn) * ppm, sn = std::sin(turn) * ppm;
                    const cv::Point2d origin = hits[i].center;
                    auto similarity = [&](const cv::Point2d& m) {
                        const cv::Point2d d = m - ma;
                        return origin + cv::Point2d(c * d.x - sn * d.y, sn * d.x + c * d.y);
                    };
                    // Perspective may move a far corner by a tenth of the page from the similarity.
                    Matches m = match_near(page, hits, similarity, 25.0);
                    if (m.mm.size() > best.mm.size() || (m.mm.size() == best.mm.size() && m.off_mm < best.off_mm))
                        best = std::move(m);
                }
            }
        }
        if (best.mm.size() == fs.size()) break;  // all found from this hit's pairs: enough
    }
    std::vector<cv::Point2d> best_mm(best.mm.begin(), best.mm.end());
    if (best.mm.size() < 4 || supported_model(best_mm, true) != MapModel::Homography) return best;
    // Refine: a homography through the matches, then the fiducials near where it puts them.
    for (int round = 0; round < 2; ++round) {
        const cv::Mat H = cv::findHomography(best.mm, best.px, 0);
        if (H.empty()) return {};
        const cv::Matx33d h(reinterpret_cast<const double*>(H.data));
        auto homography = [&h](const cv::Point2d& m) {
            const cv::Vec3d v = h * cv::Vec3d(m.x, m.y, 1.0);
            return cv::Point2d(v[0] / v[2], v[1] / v[2]);
        };
        Matches m = match_near(page, hits, homography, 4.0);
        if (m.mm.size() < best.mm.size()) break;
        best = std::move(m);
    }
    return best;
}

// The fiducials anywhere in `small`, as 0.3 to 1.6 times `fid_px` (the size if the page filled the
// image), matched by arrangement. Candidates are found in size bands, the likeliest for a photo
// first, until all fiducials are matched: the threshold's window follows the band, so a small,
// soft mark is not washed out by a window sized for a large one (one band from 0.3 to 1.6 found 2
// of the 6 marks of a blurred 150-dpi photo; these bands, all 6).
Matches find_by_arrangement(const cv::Mat& small, const PageLayout& page, double fid_px, double max_ppm) {
    std::vector<FiducialHit> hits;
    Matches best;
    for (const auto& [lo, hi] : {std::pair{0.55, 0.9}, std::pair{0.9, 1.6}, std::pair{0.3, 0.55}}) {
        for (const auto& h : find_fiducials(small, fid_px * lo, fid_px * hi)) {
            const bool seen = std::any_of(hits.begin(), hits.end(), [&h](const FiducialHit& o) {
                return cv::norm(o.center - h.center) < std::max(o.size_px, h.size_px) / 2;
            });
            if (!seen) hits.push_back(h);
        }
        // The search is cubic in the candidates: a page full of finder-like squares keeps its largest.
        constexpr std::size_t kMaxCandidates = 24;
        if (hits.size() > kMaxCandidates) {
            std::sort(hits.begin(), hits.end(), [](const auto& x, const auto& y) { return x.size_px > y.size_px; });
            hits.resize(kMaxCandidates);
        }
        Matches m = match_by_arrangement(page, hits, max_ppm);
        if (m.mm.size() > best.mm.size()) best = std::move(m);
        if (best.mm.size() == page.fiducials.size()) break;
    }
    return best;
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
    if (mm.size() < page.fiducials.size()) {  // not all where a scan has them: a photo, or a page off centre
        const Matches m = find_by_arrangement(small, page, fid_px, px_per_mm * s);
        // Four points fit any homography exactly, so nothing would check them: found anywhere, at
        // least five must agree (four squares elsewhere on a page turned the wrong way can match).
        if (m.mm.size() >= 5 && m.mm.size() > mm.size()) {
            mm = m.mm;
            px.clear();
            for (const auto& p : m.px) px.emplace_back(p / static_cast<float>(s));
        } else if (m.mm.size() == 4 && mm.size() < 4) {
            reg.fiducials_found = 4;
            reg.problem = "found 4 of " + std::to_string(page.fiducials.size()) +
                          " corner marks away from where a scan has them; 5 are needed there (two covered? a photo "
                          "must show the whole page)";
            return reg;
        }
    }
    reg.fiducials_found = static_cast<int>(mm.size());
    for (std::size_t i = 0; i < mm.size(); ++i) reg.marks.push_back({cv::Point2d(mm[i]), cv::Point2d(px[i])});
    if (mm.size() < 4) {
        reg.problem = "found " + std::to_string(mm.size()) + " of " + std::to_string(page.fiducials.size()) +
                      " corner marks (a corner cut off, folded or covered? a photo must show the whole page)";
        return reg;
    }
    std::vector<cv::Point2d> mm_pts(mm.begin(), mm.end());
    if (supported_model(mm_pts, true) != MapModel::Homography) {
        // Three marks of one column and one of the other fit any homography exactly, and wildly.
        reg.problem = "found " + std::to_string(mm.size()) + " of " + std::to_string(page.fiducials.size()) +
                      " corner marks, too nearly in line to place the page (an edge cut off or folded?)";
        return reg;
    }
    const double ppm_hint = dpi_hint > 0 ? dpi_hint / 25.4 : px_per_mm;
    PageMap best = fit_page_map(reg.marks, MapModel::Homography, ppm_hint);
    // One bad point (a smudge taken for a mark) is dropped if that improves the fit a lot.
    if (mm.size() > 4 && (!best.ok || best.rms_mm > 0.3)) {
        for (std::size_t drop = 0; drop < reg.marks.size(); ++drop) {
            auto rest = reg.marks;
            rest.erase(rest.begin() + static_cast<long>(drop));
            std::vector<cv::Point2d> rest_mm;
            for (const auto& m : rest) rest_mm.push_back(m.mm);
            if (supported_model(rest_mm, true) != MapModel::Homography) continue;
            const PageMap f = fit_page_map(rest, MapModel::Homography, ppm_hint);
            if (f.ok && (!best.ok || f.rms_mm < best.rms_mm * 0.5)) best = f, reg.fiducials_found = static_cast<int>(rest.size());
        }
    }
    if (!best.ok) {
        reg.problem = "the corner marks do not form a page (" + best.problem + ")";
        return reg;
    }
    reg.mm_to_px = best.mm_to_px;
    reg.residual_mm = best.rms_mm;
    reg.points_used = best.used_count();
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
