// The `forms` table: record once, list, and which forms have pages (see form_record.hpp).
#include "store/form_record.hpp"

namespace quizscan::store {

std::vector<RecordedForm> recorded_forms(const Db& db) {
    std::vector<RecordedForm> out;
    auto st = db.prepare("SELECT form, version, fingerprint, definition, source_path, recorded_at FROM forms ORDER BY rowid");
    while (st.step())
        out.push_back({st.col_text(0), static_cast<int>(st.col_int(1)), st.col_text(2), st.col_text(3), st.col_text(4),
                       st.col_text(5)});
    return out;
}

std::optional<RecordedForm> record_form(const Db& db, const Form& form) {
    Transaction tx(db);
    for (auto& r : recorded_forms(db))
        if (r.form == form.id && r.version == form.version) return r;
    db.prepare("INSERT INTO forms(form, version, fingerprint, definition, source_path, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, form.id).bind(2, form.version).bind(3, form.fingerprint).bind(4, form.definition)
        .bind(5, form.source_path).bind(6, now_iso8601()).run();
    tx.commit();
    return std::nullopt;
}

std::vector<std::string> forms_with_pages(const Db& db) {
    std::vector<std::string> out;
    auto st = db.prepare("SELECT DISTINCT form FROM pages WHERE form IS NOT NULL AND status <> 'other_form' ORDER BY form");
    while (st.step()) out.push_back(st.col_text(0));
    return out;
}

}  // namespace quizscan::store
