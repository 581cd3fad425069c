// Annotation overlay: green = read and accepted, orange = sent to review, with the value
// and confidence beside each field, and the page's identity and fit in the corner.
#include "scan/annotate.hpp"

#include <opencv2/imgproc.hpp>

#include <cstdio>

namespace quizscan {

cv::Mat annotate_page(const cv::Mat& upright, const cv::Matx33d& mm_to_px, const PageLayout& page, const PageResult& r) {
    const double ppm = 100.0 / 25.4;
    const cv::Matx33d out_from_mm(ppm, 0, 0, 0, ppm, 0, 0, 0, 1);
    const cv::Matx33d img_to_out = out_from_mm * mm_to_px.inv();
    cv::Mat gray;
    // Output canvas: the layout page at 100 dpi.
    const cv::Point2d br = [&] {
        double w = 0, h = 0;
        for (const auto& f : page.fiducials) w = std::max(w, f.center.x + 10), h = std::max(h, f.center.y + 10);
        return cv::Point2d(w * ppm, h * ppm);
    }();
    cv::warpPerspective(upright, gray, cv::Mat(img_to_out), cv::Size(static_cast<int>(br.x), static_cast<int>(br.y)), cv::INTER_AREA,
                        cv::BORDER_CONSTANT, cv::Scalar(255));
    cv::Mat out;
    cv::cvtColor(gray, out, cv::COLOR_GRAY2BGR);
    const cv::Scalar green(40, 160, 40), orange(0, 140, 255), red(30, 30, 220);
    auto P = [&](const PointMm& p) { return cv::Point(static_cast<int>(p.x * ppm), static_cast<int>(p.y * ppm)); };
    // Where the i-th option or box was read (moved from the layout's place on a bent page).
    auto read_at = [](const FieldResult& fr, std::size_t i, PointMm p) {
        if (i < fr.read_at_mm.size()) p.x += fr.read_at_mm[i].x, p.y += fr.read_at_mm[i].y;
        return p;
    };
    for (const auto& f : page.fields) {
        const FieldResult* fr = nullptr;
        for (const auto& x : r.fields)
            if (x.field == f.id) fr = &x;
        if (!fr) continue;
        const cv::Scalar col = fr->needs_review ? orange : green;
        for (std::size_t i = 0; i < f.options.size(); ++i) {
            const BubbleGeom& o = f.options[i];
            // A grid's value holds a digit a column (ten bubbles each).
            const bool marked = f.type == FieldType::DigitGrid ? i / 10 < fr->value.size() && fr->value[i / 10] == o.value[0]
                                                                : fr->value.find(o.value) != std::string::npos;
            cv::ellipse(out, P(read_at(*fr, i, o.center)), cv::Size(static_cast<int>(o.w / 2 * ppm) + 2, static_cast<int>(o.h / 2 * ppm) + 2), 0,
                        0, 360, col, marked ? 2 : 1, cv::LINE_AA);
        }
        for (std::size_t i = 0; i < f.boxes.size(); ++i) {
            const RectMm& b = f.boxes[i];
            cv::rectangle(out, P(read_at(*fr, i, {b.x, b.y})), P(read_at(*fr, i, {b.right(), b.bottom()})), col, 1, cv::LINE_AA);
        }
        char label[160];
        std::snprintf(label, sizeof label, "%s=%s %.2f%s%s", f.id.c_str(), fr->value.empty() ? "(blank)" : fr->value.c_str(),
                      fr->confidence, fr->needs_review ? " REVIEW: " : "", fr->needs_review ? fr->reason.c_str() : "");
        // Numbers: label right of the boxes; choices: in the right margin of the question.
        const cv::Point at = f.type == FieldType::Number ? P({f.region.right() + 1, f.region.y + f.region.h / 2}) + cv::Point(4, 8)
                                                         : P({f.region.right() - 40, f.region.y + 1}) + cv::Point(0, 8);
        cv::putText(out, label, at, cv::FONT_HERSHEY_SIMPLEX, 0.42, col, 1, cv::LINE_AA);
    }
    char head[200];
    std::snprintf(head, sizeof head, "%s %s p%d  via %s  rot %d  fit %.2f mm", r.id ? r.id->participant.c_str() : "?",
                  r.id ? r.id->session.c_str() : "?", r.id ? r.id->page : 0, r.id_source.c_str(), r.rotation, r.residual_mm);
    cv::putText(out, head, cv::Point(70, 22), cv::FONT_HERSHEY_SIMPLEX, 0.55, r.status == PageStatus::Read ? green : red, 1, cv::LINE_AA);
    return out;
}

}  // namespace quizscan
