// One cell of a Google Forms export turned into a field value: a multiple-choice answer
// (the option's text) into its letter, a short-text number into a plain number. What
// cannot be mapped stays pending with the reason, for a person to decide in review.
#pragma once

#include <string>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::import {

struct Answer {
    std::string field;     // q1, q6_int4
    std::string raw;       // the cell as exported
    FieldState state = FieldState::Blank;  // Value, Blank, or Pending when it could not be mapped
    std::string value;     // the letter, or the number written plainly
    std::string problem;   // why it is pending, for review and the import summary
};

// The option whose text the cell holds (tolerant of case, spacing and typographic
// characters; a leading "b)" or "(b)" is accepted, and a bare letter).
Answer choice_answer(const Question& q, const std::string& cell);

// A plain number ("40", " 0.6 ", "+195", "40 GPUs" with the field's unit or a short unit
// word after it). "195,000", "0,6", "~40" and the like stay pending: a comma may be a
// thousands separator or a decimal point, and only a person can tell.
Answer number_answer(const NumberField& f, const std::string& cell);

}  // namespace quizscan::import
