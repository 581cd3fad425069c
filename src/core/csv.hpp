// RFC 4180 CSV: writing (quote a field when it holds a comma, quote, CR or LF; rows end in "\n",
// DESIGN.md; text passed through as UTF-8) and reading what people and spreadsheets export.
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

// A CSV file as exported by Google Forms, a spreadsheet or `review --list`: quoted fields may hold
// commas, quotes and line breaks; CRLF or LF; a UTF-8 byte order mark skipped. Each record keeps
// the line it starts on, for messages.
struct CsvRecord {
    int line = 0;                     // 1-based line of the file where the record starts
    std::vector<std::string> fields;
};

// Every record of `text`, blank lines skipped. Throws std::runtime_error naming `name`
// and the line when a quoted field is never closed.
std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& name);

}  // namespace quizscan
