// Fitting page maps to matched points: model choice by the points' layout, least squares or
// RANSAC (OpenCV's estimators), and the checks that refuse a map no page could have.
#include "scan/page_map.hpp"

#include <opencv2/calib3d.hpp>

#include <algorithm>
#include <cmath>

namespace quizscan {
namespace {

// Smallest triangle (mm²) that counts as "not in line": three points 100 mm apart with the
// third 8 mm off their line. The corner marks of one column are exactly in line; a QR code's
// corners (18 mm apart) are too close together to fix a perspective.
constexpr double kMinTriangleMm2 = 400;

double triangle_area(cv::Point2d a, cv::Point2d b, cv::Point2d c) { return std::abs((b - a).cross(c - a)) / 2; }

bool general_quad(const std::vector<cv::Point2d>& p, std::size_t i, std::size_t j, std::size_t k, std::size_t l) {
    return triangle_area(p[i], p[j], p[k]) >= kMinTriangleMm2 && triangle_area(p[i], p[j], p[l]) >= kMinTriangleMm2 &&
           triangle_area(p[i], p[k], p[l]) >= kMinTriangleMm2 && triangle_area(p[j], p[k], p[l]) >= kMinTriangleMm2;
}

// Four points, no three in line (brute force: callers have a dozen points or fewer).
bool has_general_quad(const std::vector<cv::Point2d>& p) {
    const std::size_t n = p.size();
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            for (std::size_t k = j + 1; k < n; ++k)
                for (std::size_t l = k + 1; l < n; ++l)
                    if (general_quad(p, i, j, k, l)) return true;
    return false;
}

bool has_triangle(const std::vector<cv::Point2d>& p) {
    const std::size_t n = p.size();
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            for (std::size_t k = j + 1; k < n; ++k)
                if (triangle_area(p[i], p[j], p[k]) >= kMinTriangleMm2) return true;
    return false;
}

// Many points (page print found in many places): spread both ways is enough.
bool spread_both_ways(const std::vector<cv::Point2d>& p, double min_sd_mm) {
    cv::Mat data(static_cast<int>(p.size()), 2, CV_64F);
    for (std::size_t i = 0; i < p.size(); ++i) data.at<double>(static_cast<int>(i), 0) = p[i].x, data.at<double>(static_cast<int>(i), 1) = p[i].y;
    cv::Mat cov, mean;
    cv::calcCovarMatrix(data, cov, mean, cv::COVAR_NORMAL | cv::COVAR_ROWS | cv::COVAR_SCALE);
    cv::Mat ev;
    cv::eigen(cov, ev);
    return ev.at<double>(1) >= min_sd_mm * min_sd_mm;
}

// Least-squares affine or similarity map (rows of A x = b: x = the map's unknowns).
cv::Matx33d solve_linear(const std::vector<PointMatch>& pts, const std::vector<bool>& use, MapModel model) {
    const int k = model == MapModel::Affine ? 6 : 4;
    cv::Mat A = cv::Mat::zeros(0, k, CV_64F), b = cv::Mat::zeros(0, 1, CV_64F);
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!use[i]) continue;
        const double x = pts[i].mm.x, y = pts[i].mm.y;
        cv::Mat rx = cv::Mat::zeros(1, k, CV_64F), ry = cv::Mat::zeros(1, k, CV_64F);
        if (model == MapModel::Affine) {
            rx.at<double>(0) = x, rx.at<double>(1) = y, rx.at<double>(2) = 1;
            ry.at<double>(3) = x, ry.at<double>(4) = y, ry.at<double>(5) = 1;
        } else {  // [a -b tx; b a ty]
            rx.at<double>(0) = x, rx.at<double>(1) = -y, rx.at<double>(2) = 1;
            ry.at<double>(0) = y, ry.at<double>(1) = x, ry.at<double>(3) = 1;
        }
        A.push_back(rx), A.push_back(ry);
        b.push_back(pts[i].px.x), b.push_back(pts[i].px.y);
    }
    cv::Mat s;
    if (A.rows < k || !cv::solve(A, b, s, cv::DECOMP_SVD)) return cv::Matx33d::zeros();
    const auto v = [&](int i) { return s.at<double>(i); };
    if (model == MapModel::Affine) return {v(0), v(1), v(2), v(3), v(4), v(5), 0, 0, 1};
    return {v(0), -v(1), v(2), v(1), v(0), v(3), 0, 0, 1};
}

cv::Matx33d to_matx(const cv::Mat& m) {
    if (m.empty()) return cv::Matx33d::zeros();
    cv::Mat d;
    m.convertTo(d, CV_64F);
    if (d.rows == 2) return {d.at<double>(0, 0), d.at<double>(0, 1), d.at<double>(0, 2), d.at<double>(1, 0), d.at<double>(1, 1), d.at<double>(1, 2), 0, 0, 1};
    return cv::Matx33d(reinterpret_cast<const double*>(d.data));
}

// Pixels per mm of the map at p (mean of its two axes), negative when it mirrors the page there.
double local_scale(const cv::Matx33d& h, cv::Point2d p) {
    const cv::Point2d o = apply(h, p), ex = apply(h, p + cv::Point2d(1, 0)) - o, ey = apply(h, p + cv::Point2d(0, 1)) - o;
    const double s = (cv::norm(ex) + cv::norm(ey)) / 2;
    return ex.cross(ey) > 0 ? s : -s;
}

}  // namespace

const char* to_string(MapModel m) {
    switch (m) {
        case MapModel::Similarity: return "similarity";
        case MapModel::Affine: return "affine";
        case MapModel::Homography: return "homography";
    }
    return "?";
}

int PageMap::used_count() const { return static_cast<int>(std::count(used.begin(), used.end(), true)); }

cv::Point2d apply(const cv::Matx33d& h, cv::Point2d p) {
    const cv::Vec3d v = h * cv::Vec3d(p.x, p.y, 1.0);
    return {v[0] / v[2], v[1] / v[2]};
}

MapModel supported_model(const std::vector<cv::Point2d>& mm, bool allow_homography) {
    const bool many = mm.size() > 12;
    if (allow_homography && mm.size() >= 4 && (many ? spread_both_ways(mm, 40) : has_general_quad(mm))) return MapModel::Homography;
    if (mm.size() >= 3 && (many ? spread_both_ways(mm, 15) : has_triangle(mm))) return MapModel::Affine;
    return MapModel::Similarity;
}

PageMap fit_page_map(const std::vector<PointMatch>& pts, MapModel model, double px_per_mm, double outlier_mm) {
    PageMap out;
    out.model = model;
    const std::size_t need = model == MapModel::Homography ? 4 : model == MapModel::Affine ? 3 : 2;
    if (pts.size() < need) {
        out.problem = "too few points to fit the page (" + std::to_string(pts.size()) + ")";
        return out;
    }
    std::vector<cv::Point2f> mm, px;
    for (const auto& p : pts) mm.emplace_back(p.mm), px.emplace_back(p.px);
    out.used.assign(pts.size(), true);
    const double thr = outlier_mm * px_per_mm;
    std::vector<uchar> inl;
    if (model == MapModel::Homography) {
        out.mm_to_px = to_matx(cv::findHomography(mm, px, outlier_mm > 0 ? cv::RANSAC : 0, thr, inl));
    } else {
        if (outlier_mm > 0) {
            const cv::Mat m = model == MapModel::Affine ? cv::estimateAffine2D(mm, px, inl, cv::RANSAC, thr)
                                                         : cv::estimateAffinePartial2D(mm, px, inl, cv::RANSAC, thr);
            if (m.empty()) inl.assign(pts.size(), 0);
        }
        if (!inl.empty())
            for (std::size_t i = 0; i < pts.size(); ++i) out.used[i] = inl[i] != 0;
        out.mm_to_px = solve_linear(pts, out.used, model);  // least squares on the inliers
    }
    if (model == MapModel::Homography && !inl.empty())
        for (std::size_t i = 0; i < pts.size(); ++i) out.used[i] = inl[i] != 0;
    if (out.used_count() < static_cast<int>(need) || out.mm_to_px == cv::Matx33d::zeros()) {
        out.problem = "the points do not agree on any page position";
        return out;
    }
    double s2 = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        if (!out.used[i]) continue;
        const double scale = local_scale(out.mm_to_px, pts[i].mm);
        if (!(scale > 0.2 * px_per_mm && scale < 5 * px_per_mm)) {
            out.problem = "the points would fold or stretch the page (a mark taken for another?)";
            return out;
        }
        const double e = cv::norm(apply(out.mm_to_px, pts[i].mm) - pts[i].px) / scale;
        s2 += e * e;
        out.max_mm = std::max(out.max_mm, e);
    }
    out.rms_mm = std::sqrt(s2 / out.used_count());
    out.ok = true;
    return out;
}

}  // namespace quizscan
