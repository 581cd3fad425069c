// Which column of a Google Forms export holds what: the Timestamp, the Participant ID,
// an optional NO RESEARCH column, and one column per field of the form, found by the
// question text of the form definition (tolerant of numbering, case and spacing).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/form.hpp"

namespace quizscan::import {

struct ColumnMap {
    std::optional<std::size_t> timestamp, participant, no_research;
    std::map<std::string, std::size_t> fields;   // field id -> column
    std::vector<std::string> errors;             // a required column missing or claimed twice: import nothing
    std::vector<std::string> notes;              // columns not used, and why
};

// `header` is the first record of the export.
ColumnMap map_columns(const Form& form, const std::vector<std::string>& header);

}  // namespace quizscan::import
