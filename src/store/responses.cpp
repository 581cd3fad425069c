// Effective field values per sheet (see responses.hpp).
#include "store/responses.hpp"

#include <map>
#include <optional>

#include "store/merge.hpp"
#include "store/page_answers.hpp"
#include "store/pages.hpp"

namespace quizscan::store {
namespace {

struct Item {
    std::string state;
    std::optional<std::string> value;
};

// Review items by (page_id, field).
std::map<std::pair<std::int64_t, std::string>, Item> load_items(const Db& db) {
    std::map<std::pair<std::int64_t, std::string>, Item> out;
    auto st = db.prepare("SELECT page_id, COALESCE(field,''), kind, state, value FROM review_items "
                         "WHERE page_id IS NOT NULL AND kind != 'page_answers'");
    while (st.step()) {
        Item it{st.col_text(3), st.is_null(4) ? std::nullopt : std::optional<std::string>(st.col_text(4))};
        const std::string kind = st.col_text(2);
        const std::string key = kind == "sheet_duplicate" || kind == "sheet_missing" ? kind + ":" + st.col_text(1) : st.col_text(1);
        out[{st.col_int(0), key}] = it;
    }
    return out;
}

// A page's page_answers item: the fields it lists, and once resolved their keyed values.
struct PageItem {
    std::map<std::string, std::optional<std::string>> fields;  // field -> value; nullopt while open
};

std::map<std::int64_t, PageItem> load_page_items(const Db& db) {
    std::map<std::int64_t, PageItem> out;
    auto st = db.prepare("SELECT page_id, state, value, COALESCE(options, '') FROM review_items WHERE kind = 'page_answers' AND page_id IS NOT NULL");
    while (st.step()) {
        const auto fields = parse_page_answers_options(st.col_text(3));
        if (!fields) continue;
        const bool resolved = st.col_text(1) == "resolved" && !st.is_null(2);
        const PageAnswers keyed = resolved ? parse_page_answers(st.col_text(2), *fields) : PageAnswers{};
        PageItem& item = out[st.col_int(0)];
        for (const auto& f : *fields)
            item.fields[f.field] = keyed.ok ? std::optional<std::string>(keyed.answers.at(f.field)) : std::nullopt;
    }
    return out;
}

}  // namespace

std::vector<SheetResponses> load_responses(const Db& db, const Form& form, const Layout& layout) {
    const auto pages = effective_pages(db);
    const auto items = load_items(db);
    const auto page_items = load_page_items(db);
    auto item = [&](std::int64_t page, const std::string& key) -> const Item* {
        auto it = items.find({page, key});
        return it == items.end() ? nullptr : &it->second;
    };
    // Which page each field is printed on.
    std::map<std::string, int> field_page;
    for (const auto& p : layout.pages)
        for (const auto& f : p.fields) field_page[f.id] = p.page;

    const SheetScans sheets = scans_by_sheet(pages);

    auto reading_stmt = db.prepare("SELECT value, needs_review FROM readings WHERE page_id = ? AND field = ?");
    std::vector<SheetResponses> out;
    for (const auto& [key, by_page] : sheets) {
        SheetResponses s;
        s.participant_id = key.first;
        s.session = key.second;
        // The page that stands for each sheet page: the only one, or the one a person chose.
        std::map<int, const EffectivePage*> chosen;
        std::map<int, bool> missing_blank;
        std::map<int, MergedPage> merged;  // a sheet page scanned more than once: merged field by field
        for (int sp : {1, 2}) {
            auto it = by_page.find(sp);
            if (it == by_page.end()) {
                // A missing page: pending, unless a person said to treat it as blank.
                for (const auto& [other_sp, list] : by_page)
                    for (const auto* p : list)
                        if (const Item* i = item(p->id, "sheet_missing:page" + std::to_string(sp)); i && i->state == "resolved" && i->value == "blank")
                            missing_blank[sp] = true;
                continue;
            }
            if (it->second.size() == 1) {
                chosen[sp] = it->second.front();
                continue;
            }
            merged.emplace(sp, merge_scans(db, it->second));
            for (const auto* p : it->second)
                if (const Item* i = item(p->id, "sheet_duplicate:page" + std::to_string(sp)); i && i->state == "resolved" && i->value)
                    for (const auto* q : it->second)
                        if (std::to_string(q->id) == *i->value) chosen[sp] = q;
        }
        auto value_of = [&](const std::string& field) -> FieldValue {
            const int sp = field_page.count(field) ? field_page[field] : 1;
            if (missing_blank[sp]) return {FieldState::Blank, ""};
            if (auto m = merged.find(sp); m != merged.end()) return m->second.value(field);
            auto c = chosen.find(sp);
            // (A page that could not be aligned has a reading in review for every field; one stored
            // before that has none: pending, as a page never scanned.)
            if (c == chosen.end()) return {FieldState::Pending, ""};
            // A page where no marks were found: the person's keyed answers decide its fields (pending until then).
            if (const auto p = page_items.find(c->second->id); p != page_items.end() && p->second.fields.count(field)) {
                const auto& keyed = p->second.fields.at(field);
                if (!keyed) return {FieldState::Pending, ""};
                return keyed->empty() ? FieldValue{FieldState::Blank, ""} : FieldValue{FieldState::Value, *keyed};
            }
            reading_stmt.bind(1, c->second->id).bind(2, field);
            if (!reading_stmt.step()) {
                reading_stmt.reset();
                return {FieldState::Pending, ""};
            }
            std::string v = reading_stmt.col_text(0);
            const bool review = reading_stmt.col_int(1) != 0;
            reading_stmt.reset();
            const Item* i = item(c->second->id, field);
            if (i && i->state == "resolved" && i->value) v = *i->value;      // a person's decision wins
            else if (review) return {FieldState::Pending, ""};                // still waiting
            return v.empty() ? FieldValue{FieldState::Blank, ""} : FieldValue{FieldState::Value, v};
        };
        for (const auto& [sp, page] : chosen) s.digital = s.digital || page->input_kind == "forms";
        // A form without a consent block has no NO RESEARCH box: nobody opted out.
        s.no_research = form.has_consent() ? value_of("no_research") : FieldValue{FieldState::Blank, ""};
        for (const auto& f : form.field_ids()) s.fields[f] = value_of(f);
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace quizscan::store
