// Which of the form's misconceptions a sheet shows: a distractor tagged with the
// misconception was chosen, or a number question tagged with it got one of its
// misconception values.
#pragma once

#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::score {

// A choice counts when exactly that single option was marked and the option
// lists the id in ChoiceOption::misconceptions (several marks reveal nothing
// specific). A number counts when it parses to one of the
// field's misconception_values (same tolerance as in_range).
bool shows_misconception(const Form& form, const SheetResponses& sheet, const std::string& misconception_id);

// Where a misconception is probed, for the report: "Q1(a), Q2(b), Q6 (values 50)".
std::string misconception_probes(const Form& form, const std::string& misconception_id);

// True when a number question's field holds one of its misconception values.
bool number_field_shows_misconception(const NumberField& field, const SheetResponses& sheet);

}  // namespace quizscan::score
