// Reads one page: identify (barcode, else printed ID by OCR against the roster), make
// upright, register, read every field. A plain function from a page to a PageResult.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/field_measurements.hpp"
#include "core/form.hpp"
#include "core/layout.hpp"
#include "core/payload.hpp"
#include "scan/blank_source.hpp"
#include "scan/page_image.hpp"
#include "scan/spare_id.hpp"
#include "scan/unprinted_ink.hpp"

namespace quizscan::icr {
class DigitRecogniser;
}

namespace quizscan {

class IdReader;

enum class PageStatus { Read, Unidentified, Unregistered, Blank, Foreign, OtherForm };
const char* to_string(PageStatus s);

struct FieldResult {
    std::string field;
    FieldType type = FieldType::Choice;
    std::string value;          // letters, number text, "yes", or "" (blank)
    double confidence = 0;
    bool needs_review = false;
    std::string reason;
    FieldMeasurements measurements;  // per option fill/spill, per box digits, per grid column; flags
    cv::Mat crop;               // the field as a person should see it (grey)
    std::vector<cv::Mat> box_crops;  // number fields: the 90x110 box crops
    std::vector<cv::Point2d> read_at_mm;  // per option or box: where it was read, from where the corner marks put it
};

// A spare sheet's front: its participant ID as written and as bubbled, and what was decided. The two
// fields are kept here, not among the page's answers.
struct SpareIdResult {
    FieldResult written, grid;  // participant_id, participant_id_grid
    SpareIdReading reading;
    SpareIdDecision decision;
    cv::Mat crop;               // the ID area (boxes and grid), for people
};

struct PageResult {
    PageStatus status = PageStatus::Foreign;
    std::string reason;                 // for people, when not Read
    std::optional<PageId> id;           // a spare sheet's front: participant set when its written ID was accepted
    std::string id_source;              // "barcode", "ocr", ""
    std::string ocr_text;               // what OCR read, when it was tried
    int rotation = 0;                   // clockwise degrees applied
    double residual_mm = -1;
    double dpi = 0;
    bool bilevel = false;               // a black-and-white (1-bit) scan: light pencil may be lost
    bool light_evened = false;          // unevenly lit (a photo, a curled page): the light was divided out
    double moved_mm = 0;                // farthest a field's print was found from where the corner marks put it
    bool not_flat = false;              // fields moved that far that the page was bent or folded: read where found
    bool placed_by_print = false;       // corner marks cut off or folded: placed by the QR code and the print
    bool no_marks = false;              // (almost) no answer found: one review item for the page's choices (page_answers)
    std::string no_marks_reason;        // for people, when no_marks
    bool faint = false;                 // the marks on the page are faint (light pencil): rescan darker or in greyscale
    std::vector<FieldResult> fields;
    std::optional<SpareIdResult> spare; // a spare sheet's front
    cv::Mat header;                     // the header crop (identity review)
    std::string pixel_fingerprint;      // hash of a thumbnail: same image, same hash
    cv::Mat preview;                    // upright page at ~50 dpi
    cv::Mat annotated;                  // upright page at ~100 dpi with what was read drawn on it
    std::vector<std::string> warnings;  // e.g. layout fingerprint mismatch
};

struct ReadContext {
    const Form& form;
    const Layout& letter;
    const Layout& a4;
    const icr::DigitRecogniser* digits = nullptr;  // nullptr: number fields go to review
    const IdReader* ocr = nullptr;                  // nullptr: no OCR fallback
    const std::set<std::string>* roster = nullptr;  // printed participant IDs (OCR must match one)
    bool annotate = false;                          // draw what was read (PageResult::annotated)
    const BlankSource* blank_letter = nullptr;      // the unfilled pages, to find writing beside empty boxes
    const BlankSource* blank_a4 = nullptr;          // (nullptr: not looked for)
    const Layout* spare_letter = nullptr;           // the spare sheet's layouts (make_spare_layout);
    const Layout* spare_a4 = nullptr;               // nullptr: spare sheets are not read
    const BlankSource* blank_spare_letter = nullptr;  // their unfilled pages
    const BlankSource* blank_spare_a4 = nullptr;
};

PageResult read_page(const PageImage& page, const ReadContext& ctx);

// Warps `region` (mm) of a registered page to a canonical image at px_per_mm.
cv::Mat warp_region(const cv::Mat& gray, const cv::Matx33d& mm_to_px, const RectMm& region, double px_per_mm);

}  // namespace quizscan
