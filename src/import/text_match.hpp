// Comparing what a person typed into a form builder with the form definition's text:
// case, spacing, typographic dashes, quotes and the multiplication sign do not matter,
// nor does a question number in front ("1.", "Q1)", "Question 1:").
#pragma once

#include <optional>
#include <string>

namespace quizscan::import {

// Lower-case ASCII, typographic characters replaced by plain ones (en/em dash and minus
// to '-', curly quotes to straight, x for the multiplication sign, a space for a
// no-break space), runs of white space made one space, trimmed.
std::string normalize(const std::string& text);

struct Numbered {
    std::optional<int> number;   // the question number written in front, if any
    std::string body;            // the rest, normalized
};
// Splits "Q1. text", "1) text", "Question 10: text" (after normalize()); a plain number
// without "Q" counts only when a '.', ')' or ':' follows it.
Numbered split_numbering(const std::string& text);

// True when `word` occurs in `text` as a whole word (not inside a longer one).
bool has_word(const std::string& text, const std::string& word);

}  // namespace quizscan::import
