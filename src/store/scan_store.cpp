// Scan-side store writes (inputs, pages, readings, crops, review items) and the sheet
// check that pairs fronts with backs and flags duplicates and missing pages.
#include "store/scan_store.hpp"

#include <nlohmann/json.hpp>

#include <map>

#include "icr/number_reader.hpp"
#include "store/reconcile.hpp"
#include "store/page_answers.hpp"
#include "store/pages.hpp"
#include "store/png.hpp"
#include "store/spare_sheets.hpp"

namespace quizscan::store {
namespace {

const char* kind_of(FieldType t) {
    switch (t) {
        case FieldType::Choice: return "choice";
        case FieldType::Checkbox: return "checkbox";
        case FieldType::Number: return "number";
        case FieldType::DigitGrid: return "digit_grid";  // a spare sheet's ID grid: kept in spare_pages, never stored here
    }
    return "choice";
}

std::int64_t insert_crop(const Db& db, std::int64_t page_id, const std::string& name, const cv::Mat& img) {
    if (img.empty()) return 0;
    auto st = db.prepare("INSERT OR REPLACE INTO crops(page_id, name, png) VALUES (?, ?, ?)");
    st.bind(1, page_id).bind(2, name).bind(3, png_bytes(img)).run();
    return db.last_insert_id();
}

// field: nullopt for an item about the whole page (page_answers); guess: nullopt for none.
void insert_item(const Db& db, const std::string& kind, std::int64_t page_id, const std::optional<std::string>& field,
                 const std::optional<PageId>& id, const std::optional<std::string>& guess, const std::string& reason,
                 std::int64_t crop_id, const std::string& options, bool audit) {
    auto st = db.prepare(
        "INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, crop_id, options, audit, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, kind).bind(2, page_id);
    field ? st.bind(3, *field) : st.bind_null(3);
    if (id && !id->participant.empty()) st.bind(4, id->participant).bind(5, id->session);
    else st.bind_null(4).bind_null(5);
    guess ? st.bind(6, *guess) : st.bind_null(6);
    st.bind(7, reason);
    if (crop_id) st.bind(8, crop_id);
    else st.bind_null(8);
    st.bind(9, options).bind(10, audit ? 1 : 0).bind(11, now_iso8601()).run();
}

// Whether a number's box b held ink, from its reading's measurements.
bool box_inked(const FieldMeasurements& m, std::size_t b) {
    if (!m.boxes || b >= m.boxes->size()) return true;  // unknown: keep it
    return (*m.boxes)[b].state != BoxState::Empty;
}

// What a review item of the field shows beside its picture (review_items.options): the options
// measured, else a number's boxes, else nothing (reconcile.cpp copies the same in SQL).
std::string review_options(const FieldMeasurements& m) {
    if (m.options) return nlohmann::json(*m.options).dump();
    if (m.boxes) return nlohmann::json(*m.boxes).dump();
    return "";
}

// The page_answers item of a page where (almost) no marks were found: every choice and checkbox field
// of the page, in print order, with what the scan read.
void insert_page_answers(const Db& db, std::int64_t page_id, const PageResult& r) {
    std::vector<PageAnswerField> fields;
    for (const auto& f : r.fields) {
        if (f.type == FieldType::Number) continue;
        PageAnswerField pf{f.field, kind_of(f.type), {}, f.value};
        if (f.measurements.options)
            for (const auto& o : *f.measurements.options) pf.values.push_back(o.value);
        fields.push_back(std::move(pf));
    }
    if (fields.empty()) return;
    insert_item(db, kPageAnswersKind, page_id, std::nullopt, r.id, page_answers_guess(fields), r.no_marks_reason, 0,
                page_answers_options(fields), false);
}

}  // namespace

std::optional<KnownInput> find_input(const Db& db, const std::string& sha) {
    auto st = db.prepare("SELECT id, status FROM inputs WHERE sha256 = ?");
    st.bind(1, sha);
    if (!st.step()) return std::nullopt;
    return KnownInput{st.col_int(0), st.col_text(1)};
}

std::int64_t begin_input(const Db& db, const std::string& sha, const std::string& path, const std::string& name,
                         const std::string& kind) {
    if (auto k = find_input(db, sha)) return k->id;
    db.prepare("INSERT INTO inputs(sha256, path, name, kind, status, scanned_at) VALUES (?, ?, ?, ?, 'done', ?)")
        .bind(1, sha).bind(2, path).bind(3, name).bind(4, kind).bind(5, now_iso8601()).run();
    return db.last_insert_id();
}

void finish_input(const Db& db, std::int64_t input_id, int page_count) {
    db.prepare("UPDATE inputs SET page_count = ? WHERE id = ?").bind(1, page_count).bind(2, input_id).run();
}

void reject_input(const Db& db, const std::string& sha, const std::string& path, const std::string& name,
                  const std::string& kind, const std::string& why) {
    db.prepare("INSERT OR IGNORE INTO inputs(sha256, path, name, kind, status, error, scanned_at) VALUES (?, ?, ?, ?, 'rejected', ?, ?)")
        .bind(1, sha).bind(2, path).bind(3, name).bind(4, kind).bind(5, why).bind(6, now_iso8601()).run();
}

bool page_stored(const Db& db, std::int64_t input_id, int page_index) {
    auto st = db.prepare("SELECT 1 FROM pages WHERE input_id = ? AND page_index = ?");
    st.bind(1, input_id).bind(2, page_index);
    return st.step();
}

void store_rejected_page(const Db& db, std::int64_t input_id, int page_index, const std::string& why) {
    db.prepare("INSERT OR IGNORE INTO pages(input_id, page_index, sha256, status, reason) VALUES (?, ?, '', 'rejected', ?)")
        .bind(1, input_id).bind(2, page_index).bind(3, why).run();
}

std::int64_t store_page(const Db& db, std::int64_t input_id, int page_index, const PageResult& r,
                        const StoreOptions& opts) {
    Transaction tx(db);
    // Checked inside the write transaction: a scan of the same file running alongside may have
    // stored it since the caller last looked.
    if (page_stored(db, input_id, page_index)) return 0;
    auto st = db.prepare(
        "INSERT INTO pages(input_id, page_index, sha256, status, reason, form, session, participant, sheet_page, id_source, "
        "rotation, residual_mm, dpi, preview_png) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::string reason = r.reason;
    for (const auto& w : r.warnings) reason += (reason.empty() ? "" : "; ") + w;
    st.bind(1, input_id).bind(2, page_index).bind(3, r.pixel_fingerprint).bind(4, to_string(r.status));
    reason.empty() ? st.bind_null(5) : st.bind(5, reason);
    if (r.id) {
        st.bind(6, r.id->form);
        r.id->session.empty() ? st.bind_null(7) : st.bind(7, r.id->session);
        r.id->participant.empty() ? st.bind_null(8) : st.bind(8, r.id->participant);
        st.bind(9, r.id->page);
    } else {
        st.bind_null(6).bind_null(7).bind_null(8).bind_null(9);
    }
    r.id_source.empty() ? st.bind_null(10) : st.bind(10, r.id_source);
    st.bind(11, r.rotation);
    r.residual_mm >= 0 ? st.bind(12, r.residual_mm) : st.bind_null(12);
    st.bind(13, r.dpi);
    r.preview.empty() ? st.bind_null(14) : st.bind(14, png_bytes(r.preview));
    st.run();
    const std::int64_t page_id = db.last_insert_id();

    if (r.id && r.id->spare()) store_spare_page(db, page_id, r);  // its identity item offers the nearest roster IDs
    else if (r.status == PageStatus::Unidentified) {
        const auto crop = insert_crop(db, page_id, "header", r.header);
        insert_item(db, "page_identity", page_id, "", std::nullopt, r.ocr_text, r.reason, crop, "", false);
    }
    // No marks found on the page: one item for all its choices and the checkbox instead of one each.
    if (r.no_marks) insert_page_answers(db, page_id, r);
    auto reading = db.prepare(
        "INSERT INTO readings(page_id, field, kind, value, confidence, needs_review, measurements) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const auto& f : r.fields) {
        reading.bind(1, page_id).bind(2, f.field).bind(3, kind_of(f.type)).bind(4, f.value).bind(5, f.confidence)
            .bind(6, f.needs_review ? 1 : 0).bind(7, nlohmann::json(f.measurements).dump());
        reading.run();
        // (A spare sheet whose participant is not known yet is known by its number.)
        const std::string who = r.id && r.id->participant.empty() && r.id->spare() ? "S" + r.id->serial : r.id ? r.id->participant : "";
        const std::string sheet_key = r.id ? who + "/" + r.id->session + "/" + f.field : f.field;
        const bool audit = !f.needs_review && f.type == FieldType::Number && !f.value.empty() &&
                           icr::sampled_for_audit(sheet_key, opts.audit_share);
        const bool by_page = r.no_marks && f.type != FieldType::Number;  // decided in the page_answers item
        const bool review = (f.needs_review || audit) && !by_page;
        // A confidently read number keeps its pictures too: correcting a digit of the same writer
        // elsewhere may send it to review later (review/follow_up.hpp).
        const bool written_number = f.type == FieldType::Number && !f.value.empty();
        if (!review && !written_number) continue;
        // The digit boxes of a number a person will read (of a confident one, the inked boxes only):
        // kept to retrain the recogniser on decided numbers (scripts/icr/reviewed.py).
        for (std::size_t b = 0; b < f.box_crops.size(); ++b)
            if (review || box_inked(f.measurements, b))
                insert_crop(db, page_id, "box:" + f.field + ":" + std::to_string(b), f.box_crops[b]);
        const auto crop = insert_crop(db, page_id, f.field, f.crop);
        if (!review) continue;
        const std::string options = review_options(f.measurements);
        // The NO RESEARCH box has no default: a person must say ticked or not (no guess to accept by Enter).
        const std::optional<std::string> guess = f.type == FieldType::Checkbox ? std::nullopt : std::optional<std::string>(f.value);
        insert_item(db, kind_of(f.type), page_id, f.field, r.id, guess,
                    audit ? "spot check of a confident reading (measures the error rate)" : f.reason, crop, options, audit);
    }
    tx.commit();
    return page_id;
}

void add_roster(const Db& db, const std::vector<std::string>& ids, const std::string& session, const std::string& form) {
    Transaction tx(db);
    auto st = db.prepare("INSERT OR IGNORE INTO roster(participant, session, form) VALUES (?, ?, ?)");
    for (const auto& id : ids) st.bind(1, id).bind(2, session).bind(3, form), st.run();
    tx.commit();
}

std::set<std::string> load_roster(const Db& db) {
    std::set<std::string> out;
    auto st = db.prepare("SELECT DISTINCT participant FROM roster");
    while (st.step()) out.insert(st.col_text(0));
    return out;
}

SheetCheck check_sheets(const Db& db) {
    // Rescans merged, missing pages asked about or closed: store/reconcile.hpp.
    Transaction tx(db);
    const ReconcileReport r = reconcile_sheets(db);
    tx.commit();
    return {r.sheets, r.complete, r.problems};
}

}  // namespace quizscan::store
