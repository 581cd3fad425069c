// The page pipeline: blank check, barcode, orientation, registration, fields; with the
// OCR fallback for a page whose barcode cannot be read. Every outcome has a reason.
#include "scan/read_page.hpp"

#include <opencv2/imgproc.hpp>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include "core/geometry.hpp"
#include "scan/annotate.hpp"
#include "scan/area_resize.hpp"
#include "scan/bubbles.hpp"
#include "scan/even_light.hpp"
#include "scan/find_page.hpp"
#include "scan/grey_levels.hpp"
#include "scan/identify.hpp"
#include "scan/inputs.hpp"
#include "scan/ocr_id.hpp"
#include "scan/print_register.hpp"
#include "scan/read_fields.hpp"
#include "scan/register.hpp"
#include "scan/spare_page.hpp"
#include "scan/warp_linear.hpp"

namespace quizscan {
namespace {

constexpr double kMaxWorkDpi = 320.0;    // finer scans are reduced to 300 dpi first

// Paper and ink levels of the sheet.
Tone page_tone(const GreyLevels& levels) {
    Tone t;
    t.paper = levels.percentile(0.90);
    t.ink = std::min(levels.percentile(0.004), t.paper - 60);
    return t;
}

// Share of pixels between pure black and pure white. A black-and-white (1-bit) scan has none
// (0% on a 1-bit PNG or TIFF; about 4% when poppler renders a 1-bit image, smoothed), a grey
// scan has noise, paper tone and anti-aliased edges (33% and more on synthetic normal scans,
// 2.8% on a clean synthetic page, paper 255 without noise). On the page as decoded.
double grey_share(const cv::Mat& g) {
    long n = 0, grey = 0;
    for (int y = 0; y < g.rows; y += 3) {
        const auto* row = g.ptr<unsigned char>(y);
        int in_row = 0;  // a row's count in an int: the loop then compares 16 pixels at a time
        for (int x = 0; x < g.cols; ++x) in_row += static_cast<unsigned char>(row[x] - 9) < 238;  // 8 < v < 247
        grey += in_row;
        n += g.cols;
    }
    return n > 0 ? static_cast<double>(grey) / static_cast<double>(n) : 1.0;
}

// A black-and-white scan: the file says so (1-bit TIFF; a PDF of CCITT or JBIG2 images, unless a
// grey background layer shows it is a mixed-raster PDF), or its pixels do (e.g. a 1-bit PNG).
bool is_bilevel(const PageImage& in) {
    const double share = grey_share(in.gray);
    return in.bilevel ? share < 0.15 : share < 0.002;
}

// Blank: almost nothing much darker than the median (the paper).
bool looks_blank(const GreyLevels& levels) { return levels.share_below(levels.percentile(0.5) - 70) < 0.0015; }

// The page reduced by a whole factor to about 100 dpi (fast, and enough for the fiducial
// search, the tone, the blank check and the preview).
struct Reduced {
    cv::Mat img;
    double scale;  // reduced px per full px
};
Reduced reduce(const cv::Mat& g, double dpi) {
    const int f = std::max(1, static_cast<int>(std::lround(dpi / 100.0)));
    Reduced r;
    resize_area(g, r.img, cv::Size(g.cols / f, g.rows / f));
    r.scale = static_cast<double>(r.img.cols) / g.cols;
    return r;
}


cv::Mat preview_of(const cv::Mat& small) {
    cv::Mat p;
    const double s = 560.0 / std::max(small.cols, small.rows);
    resize_area(small, p, cv::Size(), s, s);
    return p;
}

// A cheap content fingerprint of the pixels (a 64x64 thumbnail): tells apart two different
// scans of one sheet, while the same image stored twice hashes the same.
std::string fingerprint_of(const cv::Mat& small) {
    cv::Mat t;
    resize_area(small, t, cv::Size(64, 64));
    return sha256_of_bytes(t.data, t.total());
}

// The page's session word and ID digits by OCR; the ID must be on the printed roster.
std::optional<PageId> identify_by_ocr(const cv::Mat& upright, const Registration& reg, const Layout& layout,
                                      const PageLayout& page, const ReadContext& ctx, std::string& seen) {
    if (!ctx.ocr || !ctx.ocr->ok()) return std::nullopt;
    const RectMm id = page.id_digits;
    seen = ctx.ocr->read_line(warp_region(upright, reg.mm_to_px, {id.x - 1, id.y - 1, id.w + 2, id.h + 2}, 12.0), "0123456789");
    std::string session;
    for (const auto& t : page.texts)
        if (t.markup == "{session}") {
            const std::string word = ctx.ocr->read_line(
                warp_region(upright, reg.mm_to_px, {t.box.x - 1, t.box.y - 1, t.box.w + 2, t.box.h + 2}, 12.0), "PREOST");
            session = word == "PRE" ? "pre" : word == "POST" ? "post" : "";
        }
    if (!valid_participant_id(seen) || session.empty() || !ctx.roster || !ctx.roster->count(seen)) return std::nullopt;
    return PageId{ctx.form.id, ctx.form.version, layout.paper, session, seen, page.page, layout.fingerprint};
}

}  // namespace

const char* to_string(PageStatus s) {
    switch (s) {
        case PageStatus::Read: return "read";
        case PageStatus::Unidentified: return "unidentified";
        case PageStatus::Unregistered: return "unregistered";
        case PageStatus::Blank: return "blank";
        case PageStatus::Foreign: return "foreign";
        case PageStatus::OtherForm: return "other_form";
    }
    return "foreign";
}

cv::Mat warp_region(const cv::Mat& gray, const cv::Matx33d& mm_to_px, const RectMm& region, double ppm) {
    const cv::Matx33d crop_to_mm(1 / ppm, 0, region.x, 0, 1 / ppm, region.y, 0, 0, 1);
    const cv::Matx33d H = mm_to_px * crop_to_mm;
    return warp_linear(gray, H, cv::Size(static_cast<int>(std::lround(region.w * ppm)), static_cast<int>(std::lround(region.h * ppm))), 255);
}

namespace {

// Milliseconds since the last lap (the debug log's per-stage timings).
class Laps {
public:
    double lap() {
        const auto now = std::chrono::steady_clock::now();
        const double ms = std::chrono::duration<double, std::milli>(now - t_).count();
        t_ = now;
        return ms;
    }

private:
    std::chrono::steady_clock::time_point t_ = std::chrono::steady_clock::now();
};

// The page as the reader works on it: at most kMaxWorkDpi, its light evened, reduced, its tones.
struct Prepared {
    cv::Mat g;
    double dpi = 0;
    Reduced small;
    Tone tone;
    std::string where;  // "file p3", for the debug log
};

// A page whose QR code names it (this form): turned upright by the code, placed by its marks (or
// its QR code and print), its fields read; or every field in review when it cannot be placed.
void read_barcoded(PageResult& r, const Prepared& p, const BarcodeHit& hit, const ReadContext& ctx, Laps& laps) {
    r.id = hit.id;
    r.id_source = "barcode";
    r.rotation = rotation_from_barcode(hit);
    const cv::Mat upright = rotate_cw(p.g, r.rotation);
    const cv::Mat upright_small = rotate_cw(p.small.img, r.rotation);
    r.preview = preview_of(upright_small);
    const Layout* layout = layout_for(ctx, *hit.id);
    if (!layout) {
        r.status = PageStatus::OtherForm;
        r.reason = "a spare sheet, and this reader was not given the spare sheet's layout";
        return;
    }
    if (hit.id->layout_fp != layout->fingerprint)
        r.warnings.push_back("printed with another layout (" + hit.id->layout_fp + " vs " + layout->fingerprint +
                             "): the form definition changed since printing");
    const PageLayout* page = layout->page(hit.id->page);
    if (!page) {
        r.status = PageStatus::OtherForm;
        r.reason = "its barcode names page " + std::to_string(hit.id->page) + ", which form '" + ctx.form.id + "' does not have";
        return;
    }
    const BlankForm* blank = blank_for(ctx, *hit.id);
    const cv::Mat* blank_page = blank ? blank->page(page->page) : nullptr;
    Registration reg = register_page(upright_small, p.small.scale, *page, layout->width_mm, layout->height_mm, p.dpi);
    if (!reg.ok && blank_page) {
        // Marks cut off or folded away: the QR code and the page's own print place it.
        std::vector<PointMatch> known = reg.marks;
        std::vector<cv::Point2d> qr;
        for (const auto& c : hit.corners) qr.push_back(rotate_cw(c, p.g.size(), r.rotation));
        const auto qm = qr_matches(qr, page->barcode);
        known.insert(known.end(), qm.begin(), qm.end());
        Registration by_print = register_by_print(upright, *page, *blank_page, known, p.dpi / kMmPerInch);
        by_print.fiducials_found = reg.fiducials_found;
        r.placed_by_print = by_print.ok;
        if (by_print.ok) r.reason = reg.problem + "; placed by its QR code and print instead";  // kept with the page, summed up in the summary
        else by_print.problem = reg.problem + "; " + by_print.problem;
        reg = by_print;
    }
    const double t_register = laps.lap();
    r.residual_mm = reg.ok ? reg.residual_mm : -1;
    if (!reg.ok) {
        r.status = PageStatus::Unregistered;
        r.reason = reg.problem;
        fields_for_review(upright, reg.rough ? &reg.mm_to_px : nullptr, *page, r);
        drop_id_fields(r);  // a spare front's ID is not known: its page goes to identity review
        return;
    }
    r.header = warp_region(upright, reg.mm_to_px, page->header, 6.0);
    read_fields(upright, p.tone, reg, *page, blank_page, ctx, r);
    spdlog::debug("{}: register {:.1f} ms, fields {:.1f} ms (moved up to {:.1f} mm)", p.where, t_register, laps.lap(), r.moved_mm);
    r.status = PageStatus::Read;
    if (hit.id->spare() && page->page == 1) identify_spare_front(r, ctx, upright, reg.mm_to_px, *page);
    if (ctx.annotate) r.annotated = annotate_page(upright, reg.mm_to_px, *page, r);
    drop_id_fields(r);
}

// A page without a readable QR code of this form: found by its marks or its print, identified by
// OCR of its printed ID, its fields read; unidentified (a person says whose) when OCR cannot tell.
void read_unbarcoded(PageResult& r, const Prepared& p, const std::string& barcode_note, const ReadContext& ctx) {
    const auto best = find_page(p.g, p.small.img, p.small.scale, p.dpi, p.tone, ctx);
    if (!best) {
        r.status = PageStatus::Foreign;
        r.reason = barcode_note + " and no quizscan corner marks: not a page of this quiz";
        r.preview = preview_of(p.small.img);
        return;
    }
    r.rotation = best->rotation;
    r.residual_mm = best->reg.residual_mm;
    r.preview = preview_of(best->upright_small);
    r.header = warp_region(best->upright, best->reg.mm_to_px, best->page->header, 6.0);
    std::string seen;
    r.id = identify_by_ocr(best->upright, best->reg, *best->layout, *best->page, ctx, seen);
    r.ocr_text = seen;
    read_fields(best->upright, p.tone, best->reg, *best->page, best->blank, ctx, r);
    if (ctx.annotate) r.annotated = annotate_page(best->upright, best->reg.mm_to_px, *best->page, r);
    const std::string placed = best->reg.method == "print" ? "placed by its print (corner marks cut off)" : "";
    if (r.id) {
        r.id_source = "ocr";
        r.status = PageStatus::Read;
        r.warnings.push_back(barcode_note + "; identified by the printed ID " + seen + " (on the roster)" + (placed.empty() ? "" : "; " + placed));
        return;
    }
    r.status = PageStatus::Unidentified;
    const bool on_roster = ctx.roster && ctx.roster->count(seen);
    r.reason = barcode_note + (seen.empty()   ? "; printed ID not legible"
                               : on_roster    ? "; printed ID read as '" + seen + "', but not its session (PRE or POST)"
                                              : "; printed ID read as '" + seen + "', not on the roster") +
               " (page " + std::to_string(best->page->page) + (placed.empty() ? "" : ", " + placed) + ")";
    // Keep what the layout tells: which page of the sheet this is.
    PageId partial;
    partial.form = ctx.form.id;
    partial.version = ctx.form.version;
    partial.paper = best->layout->paper;
    partial.page = best->page->page;
    partial.layout_fp = best->layout->fingerprint;
    r.id = partial;
}

}  // namespace

PageResult read_page(const PageImage& in, const ReadContext& ctx) {
    PageResult r;
    Laps laps;
    Prepared p;
    p.g = in.gray;
    p.where = in.source + " p" + std::to_string(in.page_index);
    // Resolution: from the file, else from the paper size (the long side is 11 to 11.7 in).
    p.dpi = in.dpi > 0 ? in.dpi : std::max(p.g.cols, p.g.rows) / 11.3;
    r.dpi = p.dpi;
    r.bilevel = is_bilevel(in);
    if (p.dpi > kMaxWorkDpi) {
        resize_area(p.g, p.g, cv::Size(), 300.0 / p.dpi, 300.0 / p.dpi);
        p.dpi = 300.0;
    }
    p.small = reduce(p.g, p.dpi);
    r.pixel_fingerprint = fingerprint_of(p.small.img);
    if (!r.bilevel) {  // a photo, a curled page: the light divided out before anything is measured
        const PaperLight light = paper_light(p.small.img, p.dpi * p.small.scale);
        spdlog::debug("{}: evenness of light {:.3f}", p.where, light.evenness);
        if (light.uneven()) {
            p.g = divide_out(p.g, light);
            p.small = reduce(p.g, p.dpi);
            r.light_evened = true;
        }
    }
    const GreyLevels levels(p.small.img);
    p.tone = page_tone(levels);
    if (looks_blank(levels)) {
        // Blank paper is evenly lit and all of one level. A photo of anything else (a holiday
        // snapshot) can look empty once its light is divided out: that is no blank page.
        const bool paper = !r.light_evened && levels.percentile(0.95) - levels.percentile(0.05) <= 40;
        r.status = paper ? PageStatus::Blank : PageStatus::Foreign;
        r.reason = paper ? "blank page (nothing printed or written on it)"
                         : "no print of this quiz and not blank paper either (a photo?): not a page of this quiz";
        r.preview = preview_of(p.small.img);
        return r;
    }
    const double t_reduce = laps.lap();
    const auto hits = read_barcodes(p.g, p.dpi);
    spdlog::debug("{}: reduce {:.1f} ms, barcode {:.1f} ms", p.where, t_reduce, laps.lap());
    const BarcodeHit* hit = nullptr;
    for (const auto& h : hits)
        if (h.id) hit = &h;
    if (hit && (hit->id->form != ctx.form.id || hit->id->version != ctx.form.version)) {
        r.status = PageStatus::OtherForm;
        r.id = hit->id;
        r.reason = "a page of form '" + hit->id->form + "' v" + std::to_string(hit->id->version) + ", not '" + ctx.form.id +
                   "' v" + std::to_string(ctx.form.version) + ": scan it with its own --form";
        r.preview = preview_of(p.small.img);
        return r;
    }
    if (hit) read_barcoded(r, p, *hit, ctx, laps);
    else read_unbarcoded(r, p, hits.empty() ? "no barcode found" : "barcode unreadable or not quizscan's", ctx);
    return r;
}

}  // namespace quizscan
