// Recording digital answers as sheets (see forms_store.hpp).
#include "store/forms_store.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <set>

#include "core/field_measurements.hpp"

namespace quizscan::store {

namespace {

std::optional<std::int64_t> stored_input(const Db& db, const std::string& sha) {
    auto st = db.prepare("SELECT id FROM inputs WHERE sha256 = ?");
    st.bind(1, sha);
    if (!st.step()) return std::nullopt;
    return st.col_int(0);
}

std::set<std::string> roster(const Db& db) {
    std::set<std::string> out;
    auto st = db.prepare("SELECT DISTINCT participant FROM roster");
    while (st.step()) out.insert(st.col_text(0));
    return out;
}

const char* kind_of(const Form& form, const std::string& field) {
    for (const auto& q : form.questions)
        if (q.kind == QuestionKind::Numbers)
            for (const auto& n : q.numbers)
                if (n.id == field) return "number";
    return "choice";
}

struct Writer {
    const Db& db;
    const Form& form;
    std::map<std::string, int> field_page;
    std::string session, path, name;

    std::int64_t page(std::int64_t input_id, const import::Submission& s, int sheet_page) const {
        auto st = db.prepare(
            "INSERT INTO pages(input_id, page_index, sha256, status, reason, form, session, participant, sheet_page, "
            "id_source, rotation) VALUES (?, ?, ?, 'read', ?, ?, ?, ?, ?, 'forms', 0)");
        st.bind(1, input_id).bind(2, sheet_page).bind(3, s.sha256 + ":" + std::to_string(sheet_page));
        s.late.empty() ? st.bind_null(4) : st.bind(4, s.late);
        st.bind(5, form.id).bind(6, session).bind(7, s.participant).bind(8, sheet_page).run();
        return db.last_insert_id();
    }

    void reading(std::int64_t page_id, const import::Submission& s, const std::string& field, const std::string& kind,
                 const std::string& value, const import::Answer* a) const {
        FieldMeasurements m;  // where the typed answer came from
        m.source = "google-forms", m.file = name, m.line = s.line, m.timestamp = s.timestamp;
        if (a) m.raw = a->raw;
        if (a && !a->problem.empty()) m.problem = a->problem;
        const bool review = a && a->state == FieldState::Pending;
        db.prepare("INSERT INTO readings(page_id, field, kind, value, confidence, needs_review, measurements) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, page_id).bind(2, field).bind(3, kind).bind(4, value).bind(5, review ? 0.0 : 1.0)
            .bind(6, review ? 1 : 0).bind(7, nlohmann::json(m).dump()).run();
        if (!review) return;
        db.prepare("INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, "
                   "audit, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?, 0, ?)")
            .bind(1, kind).bind(2, page_id).bind(3, field).bind(4, s.participant).bind(5, session)
            .bind(6, a->problem).bind(7, now_iso8601()).run();
    }

    // One submission: an input and its two pages, each with the readings of its fields.
    int submission(const import::Submission& s) const {
        db.prepare("INSERT INTO inputs(sha256, path, name, kind, page_count, status, scanned_at) "
                   "VALUES (?, ?, ?, 'forms', 2, 'done', ?)")
            .bind(1, s.sha256).bind(2, path).bind(3, name + " line " + std::to_string(s.line)).bind(4, now_iso8601()).run();
        const std::int64_t input_id = db.last_insert_id();
        const std::int64_t pages[2] = {page(input_id, s, 1), page(input_id, s, 2)};
        auto page_of = [&](const std::string& field) {
            auto it = field_page.find(field);
            return pages[it != field_page.end() && it->second == 2 ? 1 : 0];
        };
        reading(page_of("no_research"), s, "no_research", "checkbox", s.no_research ? "yes" : "", nullptr);
        int pending = 0;
        for (const auto& a : s.answers) {
            reading(page_of(a.field), s, a.field, kind_of(form, a.field), a.value, &a);
            pending += a.state == FieldState::Pending;
        }
        return pending;
    }
};

}  // namespace

FormsImportResult store_forms_import(const Db& db, const Form& form, const Layout& layout, const import::ImportPlan& plan,
                                     const std::string& session, const std::string& path) {
    FormsImportResult r;
    Writer w{db, form, {}, session, path, std::filesystem::path(path).filename().string()};
    for (const auto& p : layout.pages)
        for (const auto& f : p.fields) w.field_page[f.id] = p.page;
    const auto printed = roster(db);
    Transaction tx(db);
    for (std::size_t i = 0; i < plan.superseded.size(); ++i) {
        const auto& s = plan.superseded[i];
        const auto id = stored_input(db, s.sha256);
        if (!id) continue;
        auto st = db.prepare("UPDATE pages SET status = 'rejected', reason = ? WHERE input_id = ? AND status <> 'rejected'");
        st.bind(1, "superseded: " + plan.superseded_why[i]).bind(2, *id).run();
        if (db.changes() > 0)
            r.replaced.push_back(s.participant + " (" + session + ", submitted " + s.timestamp + "): " + plan.superseded_why[i]);
    }
    for (const auto& s : plan.counted) {
        if (!printed.empty() && !printed.count(s.participant)) r.not_on_roster.push_back(s.participant);
        if (stored_input(db, s.sha256)) {
            ++r.already;
            continue;
        }
        r.to_review += w.submission(s);
        ++r.imported;
    }
    tx.commit();
    return r;
}

}  // namespace quizscan::store
