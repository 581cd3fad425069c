// RFC 4180 CSV writing: quote a field when it holds a comma, quote, CR or LF;
// rows end in "\n" (DESIGN.md), text is passed through as UTF-8.
#pragma once

#include <string>
#include <vector>

namespace quizscan {

std::string csv_field(const std::string& value);
std::string csv_row(const std::vector<std::string>& fields);  // ends with "\n"

}  // namespace quizscan
