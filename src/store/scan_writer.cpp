// The scan batch's writes to the database (scan_writer.hpp).
#include "store/scan_writer.hpp"

#include "store/spare_sheets.hpp"

namespace quizscan::store {

std::optional<PageStore::Input> ScanWriter::input(const std::string& sha256) {
    auto st = db_.prepare("SELECT id, status, page_count IS NOT NULL, COALESCE(error, '') FROM inputs WHERE sha256 = ?");
    st.bind(1, sha256);
    if (!st.step()) return std::nullopt;
    Input in;
    in.id = st.col_int(0);
    in.rejected = st.col_text(1) == "rejected";
    in.finished = !in.rejected && st.col_int(2) != 0;
    if (in.finished) in.note = st.col_text(3);  // a finished input's error: read only in part
    return in;
}

std::int64_t ScanWriter::begin_input(const std::string& sha256, const std::string& path, const std::string& name,
                                     const std::string& kind) {
    return store::begin_input(db_, sha256, path, name, kind);
}

void ScanWriter::finish_input(std::int64_t input, int pages) { store::finish_input(db_, input, pages); }

void ScanWriter::note_partly_read(std::int64_t input, const std::string& why) {
    db_.prepare("UPDATE inputs SET error = ? WHERE id = ?").bind(1, why).bind(2, input).run();
}

int ScanWriter::forget_other_form_pages(std::int64_t input, const std::string& form_id) {
    Transaction tx(db_);
    // Only pages nothing else refers to (another form's page has no readings, crops or items).
    db_.prepare("DELETE FROM pages WHERE input_id = ? AND status = 'other_form' AND form = ? "
                "AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.page_id = pages.id) "
                "AND NOT EXISTS (SELECT 1 FROM crops c WHERE c.page_id = pages.id) "
                "AND NOT EXISTS (SELECT 1 FROM review_items i WHERE i.page_id = pages.id)")
        .bind(1, input).bind(2, form_id).run();
    const int n = db_.changes();
    if (n > 0) db_.prepare("UPDATE inputs SET page_count = NULL WHERE id = ?").bind(1, input).run();
    tx.commit();
    return n;
}

void ScanWriter::reject_input(std::int64_t input, const std::string& sha256, const std::string& path, const std::string& name,
                              const std::string& kind, const std::string& why) {
    if (input)
        db_.prepare("DELETE FROM inputs WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pages WHERE input_id = ?)")
            .bind(1, input).bind(2, input).run();
    if (!sha256.empty()) store::reject_input(db_, sha256, path, name, kind, why);
}

std::optional<PageStore::Page> ScanWriter::page(std::int64_t input, int page_index) {
    auto st = db_.prepare("SELECT status, COALESCE(reason, '') FROM pages WHERE input_id = ? AND page_index = ?");
    st.bind(1, input).bind(2, page_index);
    if (!st.step()) return std::nullopt;
    Page p;
    const std::string status = st.col_text(0);
    p.reason = st.col_text(1);
    p.rejected = status == "rejected";
    for (const PageStatus s : {PageStatus::Read, PageStatus::Unidentified, PageStatus::Unregistered, PageStatus::Blank,
                               PageStatus::Foreign, PageStatus::OtherForm})
        if (status == to_string(s)) p.status = s;
    return p;
}

bool ScanWriter::store_page(std::int64_t input, int page_index, const PageResult& r) {
    return store::store_page(db_, input, page_index, r, opts_) != 0;
}

void ScanWriter::store_rejected_page(std::int64_t input, int page_index, const std::string& why) {
    store::store_rejected_page(db_, input, page_index, why);
}

PageStore::Sheets ScanWriter::finish_batch() {
    const SpareCheck spares = check_spare_sheets(db_);  // before the sheets are paired: a doubted ID is nobody's
    const SheetCheck sc = check_sheets(db_);
    Sheets s;
    s.sheets = sc.sheets;
    s.complete = sc.complete;
    s.problems = sc.problems;
    s.problems.insert(s.problems.end(), spares.problems.begin(), spares.problems.end());
    s.spare_pages = spares.pages;
    s.spare_fronts = spares.fronts;
    s.spare_identified = spares.identified;
    auto st = db_.prepare("SELECT COUNT(*) FROM review_items WHERE state = 'open'");
    if (st.step()) s.review_open = static_cast<int>(st.col_int(0));
    return s;
}

}  // namespace quizscan::store
