// Value validation per review item kind (see validate.hpp for the rules).
#include "review/validate.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>

#include "core/page_ref.hpp"
#include "core/text.hpp"
#include "store/page_answers.hpp"

namespace quizscan::review {
namespace {

Validation fail(std::string msg) { return {false, {}, std::move(msg)}; }
Validation pass(std::string v) { return {true, std::move(v), {}}; }

// Quoted for messages, with control characters and overlong input cut.
std::string shown(const std::string& v) {
    std::string out;
    for (char c : v.substr(0, 40)) out += (static_cast<unsigned char>(c) < 0x20) ? '?' : c;
    if (v.size() > 40) out += "...";
    return "\"" + out + "\"";
}

// The letters among `values` (["a", "b"], or [{"value": "a", ...}, ...]) in order; a-f when there
// are none (a form has up to six options).
std::string letters_of(const nlohmann::json& values) {
    std::string letters;
    if (values.is_array())
        for (const auto& o : values) {
            const auto& x = o.is_object() && o.contains("value") ? o["value"] : o;
            const std::string v = x.is_string() ? x.get<std::string>() : "";
            if (v.size() == 1 && v[0] >= 'a' && v[0] <= 'z' && letters.find(v[0]) == std::string::npos) letters += v[0];
        }
    if (letters.empty()) letters = "abcdef";
    std::sort(letters.begin(), letters.end());
    return letters;
}

// The letters a choice item allows: its options' values.
std::string choice_letters(const std::string& options_json) {
    return letters_of(nlohmann::json::parse(options_json.empty() ? "null" : options_json, nullptr, false));
}

Validation choice(const std::string& raw, const std::string& letters) {
    const std::string v = lower(raw);
    const std::string range = std::string(1, letters.front()) + "-" + letters.back();
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (letters.find(v[i]) == std::string::npos)
            return fail("a choice is letters " + range + " (e.g. \"b\", or \"ac\" for two marks) or empty for blank; got " + shown(raw));
        if (i > 0 && v[i] <= v[i - 1])
            return fail("choice letters must be in order without repeats (e.g. \"ac\"); got " + shown(raw));
    }
    return pass(v);
}

Validation number(const std::string& v) {
    static const std::regex re(R"(^(\d{0,6})(\.(\d{1,2}))?$)");
    std::smatch m;
    if (v.empty()) return pass(v);
    if (!std::regex_match(v, m, re) || (m[1].length() == 0 && !m[2].matched))
        return fail("a number is plain digits with at most 6 before and 2 after a point (e.g. 40, 0.6, 195000), "
                    "no letters, commas or signs, or empty for blank; got " + shown(v));
    if (m[1].length() == 0) return pass("0" + v);  // ".6" -> "0.6"
    return pass(v);
}

Validation checkbox(const std::string& raw) {
    const std::string v = lower(raw);
    if (v == "yes" || v.empty()) return pass(v);
    return fail("the NO RESEARCH box is \"yes\" (ticked) or empty (not ticked); got " + shown(raw));
}

Validation page_identity(const std::string& raw) {
    const std::string v = lower(raw);
    if (v == kNotAForm || parse_page_ref(v)) return pass(v);
    return fail("a page identity is PARTICIPANT/SESSION/PAGE, e.g. 482913/pre/1 (6 digits, pre or post, page 1 or 2), "
                "or not-a-form; got " + shown(raw));
}

Validation sheet_duplicate(const std::string& v, const std::string& options_json) {
    std::string ids;
    try {
        const auto opts = nlohmann::json::parse(options_json.empty() ? "[]" : options_json);
        for (const auto& o : opts) {
            if (!o.is_object() || !o.contains("page_id")) continue;
            const auto& pid = o["page_id"];
            const std::string id = pid.is_number_integer() ? std::to_string(pid.get<long long>())
                                   : pid.is_string()       ? pid.get<std::string>()
                                                           : std::string();
            if (id.empty()) continue;
            if (id == v) return pass(v);
            ids += (ids.empty() ? "" : ", ") + id;
        }
    } catch (const nlohmann::json::exception&) {
        return fail("this item's candidate list is unreadable; re-run the scan");
    }
    return fail("keep one of the candidate pages (" + (ids.empty() ? std::string("none listed") : ids) + "); got " + shown(v));
}

Validation sheet_missing(const std::string& raw) {
    const std::string v = lower(raw);
    if (v == "rescan" || v == "blank") return pass(v);
    return fail("a missing page is \"rescan\" (keep its fields pending) or \"blank\" (count them blank); got " + shown(raw));
}

Validation page_answers(const std::string& v, const std::string& options_json) {
    const auto fields = store::parse_page_answers_options(options_json);
    if (!fields) return fail("this item's list of fields is unreadable; re-run the scan");
    const auto keyed = store::parse_page_answers(v, *fields);
    return keyed.ok ? pass(keyed.value) : fail(keyed.error);
}

}  // namespace

Validation validate_value(const std::string& kind, const std::string& value, const std::string& options_json) {
    const std::string v = trim(value);
    if (kind == "choice") return choice(v, choice_letters(options_json));
    if (kind == "number") return number(v);
    if (kind == "checkbox") return checkbox(v);
    if (kind == "page_identity") return page_identity(v);
    if (kind == "sheet_duplicate") return sheet_duplicate(v, options_json);
    if (kind == "sheet_missing") return sheet_missing(v);
    if (kind == store::kPageAnswersKind) return page_answers(v, options_json);
    return fail("unknown review item kind \"" + kind + "\"; this quizscan cannot resolve it");
}

}  // namespace quizscan::review
