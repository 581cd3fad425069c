// RFC 4180 CSV writing: quote a field when it holds a comma, quote, CR or LF;
// rows end in "\n" (DESIGN.md), text is passed through as UTF-8.
#pragma once

#include <string>
#include <vector>

namespace quizscan {

std::string csv_field(const std::string& value);
std::string csv_row(const std::vector<std::string>& fields);  // ends with "\n"

// A field of free text from outside (a file name, a reason quoting one) for a file people open
// in a spreadsheet: text starting with = + - @ or a tab/CR gets a leading ' so it is never run
// as a formula (e.g. a scan named =HYPERLINK(...).png); then quoted like csv_field.
std::string csv_text_field(const std::string& value);

}  // namespace quizscan
