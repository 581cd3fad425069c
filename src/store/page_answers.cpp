// The page_answers item's options and value format (see page_answers.hpp).
#include "store/page_answers.hpp"

#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <set>

namespace quizscan::store {
namespace {

// Quoted for messages, control characters and overlong input cut.
std::string shown(const std::string& v) {
    std::string out;
    for (char c : v.substr(0, 40)) out += static_cast<unsigned char>(c) < 0x20 ? '?' : c;
    return "\"" + out + (v.size() > 40 ? "...\"" : "\"");
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// One field's value, normalised, or an error.
std::optional<std::string> normalise(const PageAnswerField& f, const std::string& raw, std::string& error) {
    const std::string v = lower(trim(raw));
    if (f.kind == "checkbox") {
        if (v.empty() || v == "yes") return v;
        error = f.field + " is \"yes\" (ticked) or empty (not ticked); got " + shown(raw);
        return std::nullopt;
    }
    std::set<std::string> seen;
    for (char c : v) {
        const std::string letter(1, c);
        if (std::find(f.values.begin(), f.values.end(), letter) == f.values.end()) {
            error = f.field + " is letters of " + joined(f.values) + " (e.g. " + f.field + "=b, or " + f.field +
                    "=ac for two marks) or empty for blank; got " + shown(raw);
            return std::nullopt;
        }
        if (!seen.insert(letter).second) {
            error = f.field + " names " + letter + " twice; got " + shown(raw);
            return std::nullopt;
        }
    }
    std::string out;
    for (const auto& value : f.values)
        if (seen.count(value)) out += value;
    return out;
}

}  // namespace

std::string page_answers_options(const std::vector<PageAnswerField>& fields) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : fields) out.push_back({{"field", f.field}, {"kind", f.kind}, {"values", f.values}, {"read", f.read}});
    return out.dump();
}

std::optional<std::vector<PageAnswerField>> parse_page_answers_options(const std::string& options_json) {
    const auto j = nlohmann::json::parse(options_json.empty() ? "null" : options_json, nullptr, false);
    if (!j.is_array() || j.empty()) return std::nullopt;
    std::vector<PageAnswerField> out;
    for (const auto& o : j) {
        if (!o.is_object() || !o.contains("field") || !o["field"].is_string() || !o.contains("values") || !o["values"].is_array())
            return std::nullopt;
        PageAnswerField f;
        f.field = o["field"].get<std::string>();
        f.kind = o.value("kind", "choice");
        f.read = o.contains("read") && o["read"].is_string() ? o["read"].get<std::string>() : "";
        for (const auto& v : o["values"])
            if (v.is_string()) f.values.push_back(v.get<std::string>());
        out.push_back(std::move(f));
    }
    return out;
}

std::string format_page_answers(const std::vector<PageAnswerField>& fields, const std::map<std::string, std::string>& answers) {
    std::string out;
    for (const auto& f : fields) {
        const auto it = answers.find(f.field);
        out += (out.empty() ? "" : ";") + f.field + "=" + (it == answers.end() ? "" : it->second);
    }
    return out;
}

std::string page_answers_guess(const std::vector<PageAnswerField>& fields) {
    std::map<std::string, std::string> read;
    for (const auto& f : fields) read[f.field] = f.read;
    return format_page_answers(fields, read);
}

PageAnswers parse_page_answers(const std::string& value, const std::vector<PageAnswerField>& fields) {
    PageAnswers r;
    std::string names;
    for (const auto& f : fields) names += (names.empty() ? "" : ", ") + f.field;
    const std::string format = " (write every field of the page once, e.g. " +
                               (fields.empty() ? std::string("q1=a") : fields.front().field + "=" + (fields.front().kind == "checkbox" ? "yes" : "b")) +
                               ";... with nothing after = for a blank; fields: " + names + ")";
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t end = std::min(value.find(';', start), value.size());
        const std::string part = trim(value.substr(start, end - start));
        start = end + 1;
        if (part.empty()) continue;
        const auto eq = part.find('=');
        if (eq == std::string::npos) {
            r.error = "each answer is field=value; got " + shown(part) + format;
            return r;
        }
        const std::string name = lower(trim(part.substr(0, eq)));
        const auto f = std::find_if(fields.begin(), fields.end(), [&](const auto& x) { return x.field == name; });
        if (f == fields.end()) {
            r.error = shown(name) + " is not a field of this page" + format;
            return r;
        }
        if (r.answers.count(name)) {
            r.error = name + " is given twice" + format;
            return r;
        }
        const auto v = normalise(*f, part.substr(eq + 1), r.error);
        if (!v) return r;
        r.answers[name] = *v;
    }
    for (const auto& f : fields)
        if (!r.answers.count(f.field)) {
            r.error = f.field + " is missing" + format;
            r.answers.clear();
            return r;
        }
    r.ok = true;
    r.value = format_page_answers(fields, r.answers);
    return r;
}

std::map<std::string, std::string> split_page_answers(const std::string& value) {
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t end = std::min(value.find(';', start), value.size());
        const std::string part = value.substr(start, end - start);
        const std::size_t eq = part.find('=');
        if (eq == std::string::npos || eq == 0) return {};
        out[part.substr(0, eq)] = part.substr(eq + 1);
        start = end + 1;
    }
    return out;
}

}  // namespace quizscan::store
