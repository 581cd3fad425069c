// Field visibility, element by element (each bubble, each box, through the map it was read by):
// its read area's corners against the image's edges; the paper level around it against the
// page's; probe points on its printed outline (eight round a bubble, the middle of each side of a
// square or box) darker than that paper.
#include "scan/field_view.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "core/geometry.hpp"
#include "scan/grey_levels.hpp"
#include "scan/page_map.hpp"

namespace quizscan {
namespace {

struct Element {
    RectMm area;                      // what a reading looks at (a bubble with its ring, a box with the crop's margin)
    std::vector<cv::Point2d> outline; // probe points on its print
};

std::vector<Element> elements_of(const FieldGeom& f) {
    std::vector<Element> out;
    for (const auto& o : f.options) {
        Element e{{o.center.x - o.w * 0.9, o.center.y - o.h * 0.9, o.w * 1.8, o.h * 1.8}, {}};
        if (f.type == FieldType::Checkbox)  // a square: the middle of each side
            for (const auto& d : {cv::Point2d(0.5, 0), cv::Point2d(-0.5, 0), cv::Point2d(0, 0.5), cv::Point2d(0, -0.5)})
                e.outline.emplace_back(o.center.x + d.x * o.w, o.center.y + d.y * o.h);
        else
            for (int k = 0; k < 8; ++k)
                e.outline.emplace_back(o.center.x + std::cos(k * CV_PI / 4) * o.w / 2, o.center.y + std::sin(k * CV_PI / 4) * o.h / 2);
        out.push_back(std::move(e));
    }
    for (const auto& b : f.boxes)
        out.push_back({{b.x - kBoxCropMarginMm, b.y - kBoxCropMarginMm, b.w + 2 * kBoxCropMarginMm, b.h + 2 * kBoxCropMarginMm},
                       {{b.x + b.w / 2, b.y}, {b.x + b.w / 2, b.bottom()}, {b.x, b.y + b.h / 2}, {b.right(), b.y + b.h / 2}}});
    return out;
}

// The element's area in image px (its corners' bounding box), or empty when a corner is outside.
cv::Rect image_area(const RectMm& a, const cv::Matx33d& h, cv::Size image) {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (const cv::Point2d c : {cv::Point2d(a.x, a.y), cv::Point2d(a.right(), a.y), cv::Point2d(a.x, a.bottom()), cv::Point2d(a.right(), a.bottom())}) {
        const cv::Point2d p = apply(h, c);
        if (!(p.x >= 0 && p.y >= 0 && p.x <= image.width - 1 && p.y <= image.height - 1)) return {};
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    }
    return cv::Rect(cv::Point(static_cast<int>(x0), static_cast<int>(y0)), cv::Point(static_cast<int>(x1) + 1, static_cast<int>(y1) + 1)) &
           cv::Rect(0, 0, image.width, image.height);
}

// The paper's grey level in an area: its 75th percentile (the ink of a mark or digit is less).
double paper_level(const cv::Mat& img) { return GreyLevels(img).at_index(img.total() * 3 / 4); }

// Share of the outline's probe points that show print: the darkest pixel within 0.6 mm (areas are
// read where found only when they moved by kApplyShiftMm = 0.5 mm or more) clearly darker than the
// paper; a mark covering the outline counts.
double print_share(const Element& e, const cv::Matx33d& h, const cv::Mat& img, double paper, const Tone& tone) {
    const double dark = paper - 0.25 * (paper - tone.ink);
    const double ppm = cv::norm(apply(h, e.outline.front() + cv::Point2d(1, 0)) - apply(h, e.outline.front()));
    const int reach = std::max(1, static_cast<int>(std::lround(0.6 * ppm)));
    int n = 0, seen = 0;
    for (const auto& p : e.outline) {
        const cv::Point2d q = apply(h, p);
        const int x = static_cast<int>(std::lround(q.x)), y = static_cast<int>(std::lround(q.y));
        if (x < reach || y < reach || x >= img.cols - reach || y >= img.rows - reach) continue;
        double m = 255;
        for (int dy = -reach; dy <= reach; ++dy)
            for (int dx = -reach; dx <= reach; ++dx) m = std::min<double>(m, img.at<uchar>(y + dy, x + dx));
        ++n;
        seen += m < dark;
    }
    return n ? static_cast<double>(seen) / n : 0.0;
}

}  // namespace

bool FieldView::readable() const { return inside && on_paper && print_seen >= kMinPrintSeen; }

std::string FieldView::problem() const {
    if (!inside) return "this answer lies (partly) outside the scanned image (the page was shifted or cut off): read it from the paper";
    if (!on_paper) return "this answer is not on white paper in the scan (a dark background, a shadow or a fold?): read it from the paper";
    if (print_seen < kMinPrintSeen)
        return "the printed bubbles or boxes of this answer do not show where they should (a folded corner, or covered?): read it from the paper";
    return {};
}

FieldView view_field(const FieldGeom& f, const std::vector<cv::Matx33d>& maps, const cv::Mat& upright, const Tone& tone, bool bilevel) {
    FieldView v;
    const auto elements = elements_of(f);
    for (std::size_t k = 0; k < elements.size() && k < maps.size(); ++k) {
        const cv::Rect a = image_area(elements[k].area, maps[k], upright.size());
        if (a.area() == 0) {
            v.inside = false;
            continue;
        }
        const double paper = paper_level(upright(a));
        if (paper < tone.paper - 0.4 * (tone.paper - tone.ink)) v.on_paper = false;
        const bool box = k >= f.options.size();
        if (!(box && bilevel)) v.print_seen = std::min(v.print_seen, print_share(elements[k], maps[k], upright, paper, tone));
    }
    return v;
}

}  // namespace quizscan
