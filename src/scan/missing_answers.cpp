// Pages with (almost) no answers, and faint writers' pages (see missing_answers.hpp).
#include "scan/missing_answers.hpp"

#include <string>

namespace quizscan {

// A page with no answer, or far fewer than its questions (at most one in four): light pencil the
// scan did not see, or a sheet left blank. Either way a person keys its answers from the paper (one
// page_answers item). A faint writer's page is named for a darker rescan. On both, a number read as
// blank is not known to be blank (a light pencil digit may not show): it goes to review; on a faint
// writer's page, so do a question read blank and the NO RESEARCH box read not ticked.
void note_missing_answers(PageResult& r, bool faint_writer) {
    int questions = 0, answered = 0;
    for (const auto& f : r.fields) {
        if (f.type == FieldType::Checkbox || is_spare_id_field(f.field)) continue;  // a spare sheet's ID is no answer
        ++questions;
        answered += !f.value.empty() || f.needs_review;
    }
    r.faint = faint_writer;
    r.no_marks = questions > 0 && answered <= questions / 4;
    if (r.no_marks)
        r.no_marks_reason = (answered == 0 ? "no marks found on this page"
                                           : "only " + std::to_string(answered) + " of " + std::to_string(questions) + " answers found on this page") +
                            std::string(" — light pencil? key the answers from the paper");
    if (!r.no_marks && !r.faint) return;
    for (auto& f : r.fields) {
        if (!f.value.empty() || f.needs_review || is_spare_id_field(f.field)) continue;
        if (f.type == FieldType::Number) {
            f.needs_review = true;
            f.reason = r.no_marks ? "blank, on a page where no marks were found (light pencil?): check the paper"
                                  : "blank, on a page written faintly (light pencil): a light number may not show; check the paper";
        } else if (!r.no_marks) {  // (on a page without marks its choices and box are keyed in one page_answers item)
            // A faint writer's light tick can measure like an empty bubble: a blank here is not known to be blank.
            f.needs_review = true;
            f.reason = f.type == FieldType::Checkbox
                           ? "not ticked, on a page written faintly (light pencil): a light tick may not show; check the paper"
                           : "blank, on a page written faintly (light pencil): a light mark may not show; check the paper";
        }
    }
}

}  // namespace quizscan
