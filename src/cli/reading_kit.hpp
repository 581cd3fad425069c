// What the reader threads of a scan read with: the form's layouts (personal and spare sheet, letter
// and A4), their unfilled pages, the roster, OCR for printed IDs, and one digit recogniser per
// thread. Made once per scan (the unfilled pages when a page first needs them); missing pieces (no
// fonts to render the blank form, no digit models) are warned about and leave the reader doing without them.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/layout.hpp"
#include "icr/number_reader.hpp"
#include "scan/ocr_id.hpp"
#include "scan/read_page.hpp"

namespace quizscan::cli {

struct ReadingKit {
    const Form* form = nullptr;
    Layout letter, a4;
    std::optional<Layout> spare_letter, spare_a4;  // none for a form without a spare sheet
    std::optional<BlankSource> blank_letter, blank_a4, blank_spare_letter, blank_spare_a4;  // rendered when first needed
    std::mutex render_lock;                                   // blank pages are rendered one at a time
    std::set<std::string> roster;
    IdReader ocr;
    std::vector<std::optional<icr::DigitRecogniser>> digits;  // per reader thread; empty optionals: numbers go to review
    double audit_share = 0;                                   // of confident numbers sent to review as spot checks
    bool annotate = false;

    // The read context of reader thread `worker`.
    ReadContext context(int worker) const;
};

// `calibration_dir`: the digit models ("" for the installed ones).
std::unique_ptr<ReadingKit> make_reading_kit(const Form& form, std::set<std::string> roster, int threads,
                                             const std::string& calibration_dir, bool annotate);

}  // namespace quizscan::cli
