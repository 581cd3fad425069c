// Finding an unbarcoded page (see find_page.hpp): each way it may be turned, each paper, each
// side; the best fit of the printed outlines wins.
#include "scan/find_page.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include "core/geometry.hpp"
#include "scan/blank_align.hpp"
#include "scan/identify.hpp"
#include "scan/print_register.hpp"
#include "scan/unprinted_ink.hpp"

namespace quizscan {
namespace {

constexpr double kPi = 3.14159265358979;

std::vector<int> turns(const cv::Mat& g) { return g.rows >= g.cols ? std::vector<int>{0, 180} : std::vector<int>{90, 270}; }

const BlankForm* blank_of(const ReadContext& ctx, const Layout& layout) {
    const BlankSource* source = layout.paper == "a4" ? ctx.blank_a4 : ctx.blank_letter;
    return source ? source->get() : nullptr;
}

const cv::Mat* blank_page_of(const ReadContext& ctx, const Layout& layout, const PageLayout& page) {
    const BlankForm* blank = blank_of(ctx, layout);
    return blank ? blank->page(page.page) : nullptr;
}

// By the corner marks, the page whose outlines fit best.
std::optional<FoundPage> by_marks(const cv::Mat& g, const cv::Mat& small, double small_scale, double dpi, const Tone& tone,
                                  const ReadContext& ctx) {
    std::optional<FoundPage> best;
    for (int rot : turns(g)) {
        const cv::Mat upright = rotate_cw(g, rot);
        const cv::Mat upright_small = rotate_cw(small, rot);
        for (const Layout* layout : {&ctx.letter, &ctx.a4}) {
            const Registration reg =
                register_page(upright_small, small_scale, layout->pages.front(), layout->width_mm, layout->height_mm, dpi);
            if (!reg.ok) continue;
            for (const auto& page : layout->pages) {
                const double m = outline_match(upright, reg.mm_to_px, page, tone);
                if (!best || m > best->match) best = FoundPage{rot, layout, &page, reg, m, upright, upright_small, blank_page_of(ctx, *layout, page)};
            }
        }
    }
    return best;
}

// By the print alone: each candidate aligned with its blank page (the scan's ink made once per
// turn), the closest ones checked piece by piece; of those that register, the one whose outlines
// fit best.
std::optional<FoundPage> by_print(const cv::Mat& g, const cv::Mat& small, double dpi, const Tone& tone, const ReadContext& ctx) {
    struct Candidate {
        int rotation;
        const Layout* layout;
        const PageLayout* page;
        const cv::Mat* blank;
        BlankAlignment a;
    };
    const double ppm = dpi / kMmPerInch;
    std::map<int, cv::Mat> upright;  // by turn
    std::vector<Candidate> candidates;
    for (int rot : turns(g)) {
        upright[rot] = rotate_cw(g, rot);
        const ScanInk ink = scan_ink(upright[rot], ppm);
        for (const Layout* layout : {&ctx.letter, &ctx.a4}) {
            for (const auto& page : layout->pages) {
                const cv::Mat* b = blank_page_of(ctx, *layout, page);
                if (!b) continue;
                const BlankAlignment a = align_to_blank(ink, *b, kBlankPagePxPerMm);
                if (a.ok) candidates.push_back({rot, layout, &page, b, a});
            }
        }
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& x, const Candidate& y) { return x.a.correlation > y.a.correlation; });
    if (candidates.size() > 2) candidates.resize(2);
    std::optional<FoundPage> best;
    for (const auto& c : candidates) {
        const cv::Mat& up = upright[c.rotation];
        Registration reg = register_by_print_from(c.a.mm_to_px, up, *c.page, *c.blank, ppm);
        if (!reg.ok) continue;
        const double m = outline_match(up, reg.mm_to_px, *c.page, tone);
        if (!best || m > best->match) best = FoundPage{c.rotation, c.layout, c.page, reg, m, up, rotate_cw(small, c.rotation), c.blank};
    }
    return best;
}

}  // namespace

std::optional<FoundPage> find_page(const cv::Mat& g, const cv::Mat& small, double small_scale, double dpi, const Tone& tone,
                                   const ReadContext& ctx) {
    auto best = by_marks(g, small, small_scale, dpi, tone, ctx);
    if (best && best->match >= kMinOutlineMatch) return best;
    auto printed = by_print(g, small, dpi, tone, ctx);
    if (printed && printed->match >= kMinOutlineMatch) return printed;
    return std::nullopt;
}

double outline_match(const cv::Mat& upright, const cv::Matx33d& H, const PageLayout& page, const Tone& tone) {
    int n = 0, dark = 0;
    for (const auto& f : page.fields) {
        const cv::Mat crop = warp_region(upright, H, f.region, 4.0);
        auto probe = [&](double xmm, double ymm) {
            const int x = static_cast<int>((xmm - f.region.x) * 4.0), y = static_cast<int>((ymm - f.region.y) * 4.0);
            if (x < 1 || y < 1 || x >= crop.cols - 1 || y >= crop.rows - 1) return;
            // The darkest of a 3x3 neighbourhood, to forgive a fraction of a mm of error.
            double m = 255;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) m = std::min<double>(m, crop.at<unsigned char>(y + dy, x + dx));
            ++n;
            dark += m < tone.threshold();
        };
        for (const auto& o : f.options)
            for (int k = 0; k < 8; ++k) {
                const double a = k * kPi / 4;
                probe(o.center.x + std::cos(a) * o.w / 2, o.center.y + std::sin(a) * o.h / 2);
            }
        for (const auto& b : f.boxes) probe(b.x + b.w / 2, b.y), probe(b.x + b.w / 2, b.bottom()), probe(b.x, b.y + b.h / 2);
    }
    return n ? static_cast<double>(dark) / n : 0;
}

}  // namespace quizscan
