// Reading a CSV file as exported by Google Forms or a spreadsheet: RFC 4180 fields
// (quoted fields may hold commas, quotes and line breaks), CRLF or LF, a UTF-8 byte
// order mark skipped. Each record keeps the line it starts on, for messages.
#pragma once

#include <string>
#include <vector>

namespace quizscan::import {

struct CsvRecord {
    int line = 0;                     // 1-based line of the file where the record starts
    std::vector<std::string> fields;
};

// Every record of `text`, blank lines skipped. Throws std::runtime_error naming `name`
// and the line when a quoted field is never closed.
std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& name);

}  // namespace quizscan::import
