// RFC 4180 CSV reading (see csv_table.hpp).
#include "import/csv_table.hpp"

#include <stdexcept>

namespace quizscan::import {

std::vector<CsvRecord> parse_csv(const std::string& text, const std::string& name) {
    std::vector<CsvRecord> out;
    std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
    int line = 1;
    while (i < text.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string cur;
        bool quoted = false, field_was_quoted = false, end = false;
        for (; i < text.size() && !end; ++i) {
            const char c = text[i];
            if (quoted) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                    cur += '"';
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') ++line;
                    cur += c;
                }
            } else if (c == '"' && cur.empty() && !field_was_quoted) {
                quoted = field_was_quoted = true;
            } else if (c == ',') {
                rec.fields.push_back(std::move(cur));
                cur.clear();
                field_was_quoted = false;
            } else if (c == '\n') {
                ++line;
                end = true;
            } else if (c != '\r') {
                cur += c;
            }
        }
        if (quoted) throw std::runtime_error(name + ":" + std::to_string(rec.line) +
                                             ": a quoted field is never closed (is the file cut short?)");
        rec.fields.push_back(std::move(cur));
        const bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
        if (!blank) out.push_back(std::move(rec));
    }
    return out;
}

}  // namespace quizscan::import
