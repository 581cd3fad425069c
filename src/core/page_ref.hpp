// The page identity a person gives a page its barcode could not name: "PARTICIPANT/SESSION/PAGE"
// (6 digits / pre|post / 1|2, e.g. "482913/pre/2"), or "not-a-form". The one parser and formatter
// of that text (review items' values, their one-key choices, the store's effective pages).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace quizscan {

struct PageRef {
    std::string participant;  // 6 digits
    std::string session;      // pre, post
    int sheet_page = 0;       // 1 front, 2 back
    bool operator==(const PageRef&) const = default;
};

// The decision that a page is no page of the form (a cover sheet, a stray print).
inline constexpr std::string_view kNotAForm = "not-a-form";

// nullopt unless `text` is exactly PARTICIPANT/SESSION/PAGE.
inline std::optional<PageRef> parse_page_ref(std::string_view text) {
    if (text.size() < 12 || text[6] != '/') return std::nullopt;
    for (std::size_t i = 0; i < 6; ++i)
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const std::string_view rest = text.substr(7);  // "pre/1", "post/2"
    const std::size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::string_view session = rest.substr(0, slash), page = rest.substr(slash + 1);
    if ((session != "pre" && session != "post") || (page != "1" && page != "2")) return std::nullopt;
    return PageRef{std::string(text.substr(0, 6)), std::string(session), page[0] - '0'};
}

inline std::string format_page_ref(const PageRef& r) {
    return r.participant + "/" + r.session + "/" + std::to_string(r.sheet_page);
}

}  // namespace quizscan
