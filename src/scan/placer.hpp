// Where each part of a page is on its scan. The corner marks place the page as a whole; a sheet
// bent between them (folded down its length and opened again, then photographed) moves the
// fields in its middle by millimetres while the marks stay in line. A Placer finds each area by
// its own print (field_shift.hpp) and gives the page-to-scan transform to read it by.
#pragma once

#include <opencv2/core.hpp>

#include <optional>
#include <vector>

#include "core/layout.hpp"
#include "scan/field_shift.hpp"
#include "scan/register.hpp"

namespace quizscan {

// An area found by its print further than this from where the corner marks put it is read where
// it was found (closer, the marks' own placing is as good).
constexpr double kApplyShiftMm = 0.5;
// Fields this far out: the page was not flat, and the scan summary says so.
constexpr double kNotFlatMm = 1.5;

// The transforms of one page's areas: the page's, or, where an area's print was found elsewhere,
// moved to where it was found. An area whose print gives no clear place (blank paper, a lone
// rule) moves as the nearest area found within kNearMm did: a bend is smooth.
// First every field is looked for as a whole, at half resolution; when none has moved the page
// is flat, and every area is where the corner marks put it (no further search: most pages are).
class Placer {
public:
    // `blank`: the form's blank page at kBlankPagePxPerMm; null: no looking (all as registered).
    Placer(const cv::Mat& upright, const Registration& reg, const cv::Mat* blank, const PageLayout& page);

    // No field moved (or no blank page to look by).
    bool flat() const { return print_.img.empty(); }
    // Where `area`'s print was found, if it was (`print_only`: see find_field_shift).
    std::optional<cv::Point2d> find(const RectMm& area, bool print_only = false);
    // The shift to read `area` by: where it was found, else as the nearest area found.
    cv::Point2d place(const RectMm& area) { return applied(find(area).value_or(nearest_shift(area.center()))); }
    // The shift to read the page's field number `i` by, as a whole (text and all).
    cv::Point2d field(std::size_t i) { return i < fields_.size() ? applied(fields_[i]) : cv::Point2d{0, 0}; }
    // `shift` as read by: none under kApplyShiftMm.
    cv::Point2d applied(cv::Point2d shift);
    // The page-to-scan transform for an applied shift.
    cv::Matx33d transform(cv::Point2d applied_shift) const {
        return applied_shift == cv::Point2d{0, 0} ? reg_.mm_to_px : shifted(reg_.mm_to_px, applied_shift);
    }
    // The shift of the nearest area found within kNearMm of `c` (none: zero).
    cv::Point2d nearest_shift(PointMm c) const;
    // The farthest any area read was moved, mm.
    double most_moved() const { return most_moved_; }

private:
    static constexpr double kNearMm = 40;
    struct Found {
        PointMm at;
        cv::Point2d shift;
    };
    const cv::Mat& upright_;
    const Registration& reg_;
    PrintImage print_;  // empty: no blank page, or a flat page
    std::vector<Found> found_;
    std::vector<cv::Point2d> fields_;  // the survey: each field's shift (zero where not found)
    double most_moved_ = 0;
};

}  // namespace quizscan
