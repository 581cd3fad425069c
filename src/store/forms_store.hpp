// Records digital answers (an import::ImportPlan) as sheets beside the scanned ones:
// each submission is an input of kind 'forms' with two pages (front and back fields, as
// on paper) and confident readings; an answer that could not be mapped is a review item.
// So exports, the report and review treat both alike, and a participant who answered on
// paper and online in one session becomes a duplicate sheet a person resolves.
#pragma once

#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/layout.hpp"
#include "import/forms_import.hpp"
#include "store/db.hpp"

namespace quizscan::store {

struct FormsImportResult {
    int imported = 0;          // submissions recorded now
    int already = 0;           // recorded by an earlier import of the same rows
    int to_review = 0;         // answers sent to review
    std::vector<std::string> replaced;      // earlier imported submissions a later one of this file replaces
    std::vector<std::string> not_on_roster; // participant IDs never printed (a typo?)
};

// Writes the plan's counted submissions in one transaction. A submission already stored
// (same content) is skipped; one stored earlier that this file shows superseded (an older
// submission of the same participant and session) stops counting: its pages are marked
// 'rejected' with the reason, nothing is deleted. `path` is stored as given.
FormsImportResult store_forms_import(const Db& db, const Form& form, const Layout& layout,
                                     const import::ImportPlan& plan, const std::string& session,
                                     const std::string& path);

}  // namespace quizscan::store
