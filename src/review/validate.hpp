// Checks a person's answer for one review item against what its kind allows, and puts
// it into the one spelling the store keeps (e.g. "B" -> "b", ".6" -> "0.6").
#pragma once

#include <string>

namespace quizscan::review {

// The kinds of review item the scan stage makes (review_items.kind).
inline constexpr const char* kKinds[] = {"choice", "checkbox", "number",
                                         "page_identity", "sheet_duplicate", "sheet_missing", "page_answers"};

struct Validation {
    bool ok = false;
    std::string value;   // normalised value to store (when ok)
    std::string error;   // what is wrong and what is allowed (when !ok)
};

// kind: one of kKinds. options_json: the item's `options` column (choice: the letters allowed;
// sheet_duplicate: the candidate page ids; page_answers: the page's fields). Allowed values:
//   choice          the letters of its options (a-f when none listed) in order without repeats ("b", "ac"), or ""
//   number          plain decimal: up to 6 integer and 2 decimal digits ("40", "0.6", "195000"), or ""
//   checkbox        "yes" or ""
//   page_identity   "PARTICIPANT/SESSION/PAGE" (6 digits / pre|post / 1|2) or "not-a-form"
//   sheet_duplicate one of the candidate page ids, as text
//   sheet_missing   "rescan" or "blank"
//   page_answers    every field of its options once, "field=value" joined by ';' in any order:
//                   "q1=a;q2=;q3=bc;no_research=yes" (a choice the letters of its field, several marks allowed;
//                   the checkbox "yes" or empty); stored in the options' order
// Surrounding whitespace is ignored; letters may be upper case.
Validation validate_value(const std::string& kind, const std::string& value,
                          const std::string& options_json = {});

}  // namespace quizscan::review
