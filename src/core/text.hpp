// Small text helpers shared by the parsers of what people type or export (review values, CSVs).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace quizscan {

// Without leading and trailing spaces, tabs and line ends.
inline std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// ASCII letters in lower case (other bytes, UTF-8 included, unchanged).
inline std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

}  // namespace quizscan
