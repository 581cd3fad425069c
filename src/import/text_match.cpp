// Tolerant text comparison for form imports (see text_match.hpp).
#include "import/text_match.hpp"

#include <cctype>
#include <regex>
#include <utility>
#include <vector>

namespace quizscan::import {

std::string normalize(const std::string& text) {
    static const std::vector<std::pair<std::string, std::string>> plain = {
        {"\u2013", "-"}, {"\u2014", "-"}, {"\u2212", "-"}, {"\u2010", "-"}, {"\u2011", "-"},
        {"\u2018", "'"}, {"\u2019", "'"}, {"\u201C", "\""}, {"\u201D", "\""}, {"\u00D7", "x"},
        {"\u00A0", " "}, {"\u202F", " "}, {"\u2009", " "}, {"\u2026", "..."}};
    std::string s = text;
    for (const auto& [from, to] : plain)
        for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    std::string out;
    bool space = false;
    for (unsigned char c : s) {
        if (std::isspace(c)) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

Numbered split_numbering(const std::string& text) {
    static const std::regex with_q(R"(^(?:q|question)\s*(\d{1,2})\s*[.):\-]?\s*(.*)$)");
    static const std::regex plain(R"(^(\d{1,2})\s*[.):]\s*(.*)$)");
    const std::string s = normalize(text);
    std::smatch m;
    if (std::regex_match(s, m, with_q) || std::regex_match(s, m, plain)) return {std::stoi(m[1]), m[2]};
    return {std::nullopt, s};
}

bool has_word(const std::string& text, const std::string& word) {
    if (word.empty()) return false;
    auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
        const bool left = at == 0 || !is_word(text[at - 1]);
        const std::size_t end = at + word.size();
        const bool right = end >= text.size() || !is_word(text[end]);
        if (left && right) return true;
    }
    return false;
}

}  // namespace quizscan::import
