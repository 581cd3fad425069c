// Pages with (almost) no answers, and faint writers' pages (see missing_answers.hpp).
#include "scan/missing_answers.hpp"

#include <string>

namespace quizscan {

// A page with no answer, or far fewer than its questions (at most one in four): light pencil the
// scan did not see, or a sheet left blank. Either way a person keys its answers from the paper (one
// page_answers item). A faint writer's page is named for a darker rescan. On both, a number read as
// blank is not known to be blank (a light pencil digit may not show): it goes to review.
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
    for (auto& f : r.fields)
        if (f.type == FieldType::Number && f.value.empty() && !f.needs_review && !is_spare_id_field(f.field)) {
            f.needs_review = true;
            f.reason = r.no_marks ? "blank, on a page where no marks were found (light pencil?): check the paper"
                                  : "blank, on a page written faintly (light pencil): a light number may not show; check the paper";
        }
}

}  // namespace quizscan
