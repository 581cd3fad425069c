// Builds the review API's JSON documents from queue values (see api_json.hpp).
#include "review/api_json.hpp"

namespace quizscan::review {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }

// o[key] when it is a string, else "" (options come from the scan stage; never throw on them).
std::string str_at(const json& o, const char* key) {
    const auto it = o.find(key);
    return it != o.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The printed question for a field, e.g. "Q1 · Bottleneck Identification — Is this workload ...".
std::string question_text(const Form& form, const std::string& field, std::string* unit) {
    if (field == "no_research") return form.no_research_label;
    for (const auto& q : form.questions) {
        const std::string head = "Q" + std::to_string(q.number) + " · " + q.title;
        if (q.kind == QuestionKind::Choice && q.id == field) return head + " — " + (q.prompt.empty() ? q.stem : q.prompt);
        for (const auto& n : q.numbers)
            if (n.id == field) {
                if (unit) *unit = n.unit;
                return head + " — " + n.label + (n.unit.empty() ? "" : " (" + n.unit + ")");
            }
    }
    return {};
}

const Question* choice_question(const Form& form, const std::string& field) {
    for (const auto& q : form.questions)
        if (q.kind == QuestionKind::Choice && q.id == field) return &q;
    return nullptr;
}

}  // namespace

json item_json(const QueueItem& it, const Form* form, const IdentityIndex* identities) {
    const std::string base = "/api/items/" + std::to_string(it.id);
    json j = {
        {"id", it.id},
        {"kind", it.kind},
        {"participant_id", it.participant_id},
        {"session", it.session},
        {"field", it.field},
        {"guess", opt(it.guess)},
        {"source", it.source},
        {"page_id", it.page_id ? json(*it.page_id) : json(nullptr)},
        {"page_index", it.page_index ? json(*it.page_index) : json(nullptr)},
        {"sheet_page", it.sheet_page ? json(*it.sheet_page) : json(nullptr)},
        {"image", it.has_crop ? json(base + "/image") : json(nullptr)},
        {"page_image", it.has_preview ? json(base + "/page") : json(nullptr)},
        {"digital", it.digital},
        {"reason", it.reason},
        {"audit", it.audit},
        {"state", it.state},
        {"value", opt(it.value)},
        {"revision", it.revision},
        {"decided_by", it.decided_by.empty() ? json(nullptr) : json(it.decided_by)},
    };
    json options = nullptr;
    if (!it.options_json.empty()) {
        options = json::parse(it.options_json, nullptr, /*allow_exceptions=*/false);
        if (options.is_discarded()) options = nullptr;
    }
    j["options"] = options;

    std::string unit;
    j["question"] = form ? question_text(*form, it.field, &unit) : std::string();
    j["unit"] = unit;

    if (it.kind == "choice") {
        // One entry per bubble (the item's options, a-f; else the question's; else a-d): measured
        // fill (0..1, null when unknown) and printed text.
        const Question* q = form ? choice_question(*form, it.field) : nullptr;
        std::vector<std::string> letters;
        if (options.is_array())
            for (const auto& o : options)
                if (o.is_object() && str_at(o, "value").size() == 1) letters.push_back(str_at(o, "value"));
        if (letters.empty() && q)
            for (const auto& o : q->options) letters.push_back(o.value);
        if (letters.empty()) letters = {"a", "b", "c", "d"};
        json choices = json::array();
        for (const auto& letter : letters) {
            json c = {{"value", letter}, {"fill", nullptr}, {"text", ""}};
            if (options.is_array())
                for (const auto& o : options)
                    if (o.is_object() && str_at(o, "value") == letter && o.contains("fill") && o["fill"].is_number())
                        c["fill"] = o["fill"];
            if (q)
                for (const auto& opt_ : q->options)
                    if (opt_.value == letter) c["text"] = opt_.text;
            choices.push_back(std::move(c));
        }
        j["choices"] = std::move(choices);
    }
    if (it.kind == "sheet_duplicate") {
        json cands = json::array();
        if (options.is_array()) {
            int n = 0;
            for (const auto& o : options) {
                if (!o.is_object()) continue;
                json c = {{"n", n + 1}, {"page_id", nullptr}, {"source", str_at(o, "source")},
                          {"page_index", o.contains("page_index") ? o["page_index"] : json(nullptr)},
                          {"image", base + "/page?n=" + std::to_string(n)}};
                if (o.contains("page_id")) {
                    const auto& p = o["page_id"];
                    if (p.is_number_integer()) c["page_id"] = std::to_string(p.get<long long>());
                    else if (p.is_string()) c["page_id"] = p;
                }
                cands.push_back(std::move(c));
                ++n;
            }
        }
        j["candidates"] = std::move(cands);
    }
    if (it.kind == "page_identity" && identities) {
        json choices = json::array();
        for (const auto& c : identity_choices(*identities, it))
            choices.push_back({{"value", c.value}, {"participant_id", c.participant_id}, {"session", c.session},
                               {"sheet_page", c.sheet_page}, {"why", c.why}});
        j["identity_choices"] = std::move(choices);
    }
    return j;
}

json action_json(const ActionResult& r) {
    const json item = {{"id", r.item_id}, {"state", r.state}, {"value", opt(r.value)}, {"revision", r.revision}};
    if (r.ok()) return {{"item", item}, {"follow_ups", r.follow_ups}, {"closed", r.closed}, {"added", r.added}};
    json j = {{"error", r.error}};
    if (!r.state.empty()) j.update(item);
    return j;
}

json trail_json(const std::vector<HistoryEntry>& trail) {
    json out = json::array();
    for (const auto& h : trail)
        out.push_back({{"id", h.id}, {"action", h.action}, {"old_value", opt(h.old_value)}, {"new_value", opt(h.new_value)},
                       {"at", h.at}, {"via", h.via}});
    return out;
}

json search_json(const std::vector<ItemTrail>& found, const Form* form, const IdentityIndex* identities) {
    json items = json::array();
    for (const auto& f : found) {
        json j = item_json(f.item, form, identities);
        j["trail"] = trail_json(f.trail);
        items.push_back(std::move(j));
    }
    return {{"items", items}};
}

json history_json(const std::vector<HistoryEntry>& entries) {
    json items = json::array();
    for (const auto& h : entries)
        items.push_back({{"id", h.id}, {"item_id", h.item_id}, {"action", h.action}, {"old_value", opt(h.old_value)},
                         {"new_value", opt(h.new_value)}, {"at", h.at}, {"via", h.via}, {"kind", h.kind},
                         {"field", h.field}, {"participant_id", h.participant_id}, {"session", h.session},
                         {"item_state", h.item_state}});
    return {{"items", items}};
}

}  // namespace quizscan::review
