// What was read (or confirmed) on one sheet: the value of each field as the
// scorer and the exports see it. Built from the store; consumed by score/.
#pragma once

#include <map>
#include <string>

namespace quizscan {

enum class FieldState {
    Value,    // a value was read and accepted (auto or reviewed)
    Blank,    // confirmed blank: no mark, no writing
    Pending,  // waiting for review, or its page was never scanned
};

struct FieldValue {
    FieldState state = FieldState::Pending;
    // Choice: the marked letters in order ("b", or "ac" for several marks).
    // Number: written plainly ("40", "0.6", "195000"). Checkbox: "yes".
    std::string value;
};

// One sheet = one participant in one session.
struct SheetResponses {
    std::string participant_id;   // 6 digits
    std::string session;          // "pre" or "post"
    FieldValue no_research;       // Value "yes" = opted out; Blank = in the research
    std::map<std::string, FieldValue> fields;  // by field id (q1, q6_int4, ...)
    bool digital = false;         // answered on Google Forms (quizscan import-forms), not on paper
};

}  // namespace quizscan
