// The page_answers review item: one item for a whole page on which (almost) no marks were found
// (light pencil?), where a person keys every choice and checkbox answer of the page at once.
// Its options list the fields; its value is "q1=a;q2=;q3=bc;no_research=yes".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace quizscan::store {

inline constexpr const char* kPageAnswersKind = "page_answers";

// One entry of the item's options: {"field": "q1", "kind": "choice", "values": ["a","b","c","d"], "read": ""}.
struct PageAnswerField {
    std::string field;                // field id, in print order
    std::string kind;                 // "choice" or "checkbox"
    std::vector<std::string> values;  // the letters a choice allows; {"yes"} for a checkbox
    std::string read;                 // what the scan read ("" for blank)
};

// The options JSON of the item, and back (nullopt when it is not such a list).
std::string page_answers_options(const std::vector<PageAnswerField>& fields);
std::optional<std::vector<PageAnswerField>> parse_page_answers_options(const std::string& options_json);

// The value format: every field once, "field=value" joined by ';', in the fields' order.
std::string format_page_answers(const std::vector<PageAnswerField>& fields, const std::map<std::string, std::string>& answers);
// The scan's own reading of every field in the value format (the item's guess).
std::string page_answers_guess(const std::vector<PageAnswerField>& fields);

struct PageAnswers {
    bool ok = false;
    std::map<std::string, std::string> answers;  // field -> value ("" blank), when ok
    std::string value;                           // normalised: in the fields' order, letters in order
    std::string error;                           // what is wrong and what is allowed, when !ok
};

// A stored value or guess (already normalised) as field -> value, without checking it against the
// fields; empty when malformed.
std::map<std::string, std::string> split_page_answers(const std::string& value);

// Reads a keyed value: "field=value" parts separated by ';' (in any order, spaces ignored, letters in
// any case), every listed field exactly once; a choice is letters of its values without repeats (put
// in order), a checkbox "yes" or empty; empty means blank.
PageAnswers parse_page_answers(const std::string& value, const std::vector<PageAnswerField>& fields);

}  // namespace quizscan::store
