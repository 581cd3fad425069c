// RFC 4180 CSV writing and reading (see csv.hpp).
#include "core/csv.hpp"

#include <stdexcept>

namespace quizscan {

std::string csv_field(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_text_field(const std::string& value) {
    const bool formula = !value.empty() && std::string("=+-@\t\r").find(value[0]) != std::string::npos;
    return csv_field(formula ? "'" + value : value);
}

std::string csv_row(const std::vector<std::string>& fields) {
    std::string out;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        out += csv_field(fields[i]);
    }
    out += '\n';
    return out;
}

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

}  // namespace quizscan
