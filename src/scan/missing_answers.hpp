// Pages with (almost) no answers and pages written faintly: a page where the scan found nothing (a
// blank sheet, or light pencil it did not see) is keyed by a person in one page_answers item; a faint
// writer's page is named for a darker rescan. On both, a blank number is not known to be blank; on
// a faint writer's page, neither is a blank question or an unticked NO RESEARCH box.
#pragma once

#include "scan/read_page.hpp"

namespace quizscan {

// Sets r.no_marks (at most one in four questions answered: marked, written, or unclear), its reason,
// and r.faint (= faint_writer); on such pages sends the numbers read as blank to review, and on a
// faint writer's page also the choices read blank and the checkbox read not ticked. Call it after
// the page's choices and numbers are read, before blanks are sent to review for other reasons.
void note_missing_answers(PageResult& r, bool faint_writer);

}  // namespace quizscan
