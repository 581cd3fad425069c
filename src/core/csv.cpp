// RFC 4180 CSV writing (see csv.hpp).
#include "core/csv.hpp"

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

}  // namespace quizscan
