// The scan batch's bookkeeping around the pipeline (see scan_batch.hpp).
#include "cli/scan_batch.hpp"

#include <spdlog/spdlog.h>

#include <fstream>

#include "scan/inputs.hpp"
#include "store/scan_store.hpp"

namespace quizscan::cli {

void note_input_problems(const InputList& list, ScanSummary& sum) {
    for (const auto& p : list.problems) {
        if (p.rejected) {
            sum.rejected.push_back(p.path + ": " + p.why);
            ++sum.files_rejected;
        } else {
            sum.skipped.push_back(p.path + ": " + p.why);
        }
    }
}

bool nothing_opens(const InputList& list) {
    for (const auto& f : list.files) {
        std::ifstream in(f, std::ios::binary);
        if (in && sniff_kind(f) != InputKind::Unknown) return false;
    }
    return true;
}

void reject_without_database(const InputList& list, ScanSummary& sum) {
    for (const auto& f : list.files) {
        std::string why;
        try {
            sha256_of_file(f);  // can it be opened?
            for_each_page(f, InputKind::Unknown, 0, [](PageImage&&) {}, [](int, const std::string&) {});
        } catch (const std::exception& e) {
            why = e.what();
        }
        sum.rejected.push_back(f + ": " + why);
        ++sum.files_rejected;
    }
    sum.no_database = true;
}

void count_page(ScanSummary& sum, const std::string& where, PageStatus status, const std::string& reason) {
    switch (status) {
        case PageStatus::Read: ++sum.pages_read; break;
        case PageStatus::Blank:
            ++sum.pages_blank;
            sum.blank.push_back(where);
            break;
        default:
            ++sum.pages_flagged;
            sum.flagged.push_back(where + ": " + std::string(to_string(status)) + ": " + reason);
    }
}

void count_stored_page(const store::Db& db, std::int64_t input_id, int page_index, const std::string& source,
                       ScanSummary& sum) {
    auto st = db.prepare("SELECT status, COALESCE(reason, '') FROM pages WHERE input_id = ? AND page_index = ?");
    st.bind(1, input_id).bind(2, page_index);
    if (!st.step()) return;
    const std::string status = st.col_text(0), reason = st.col_text(1);
    const std::string where = source + " p" + std::to_string(page_index);
    ++sum.pages;
    if (status == "rejected") {
        ++sum.pages_rejected;
        sum.flagged.push_back(where + ": rejected: " + reason);
        return;
    }
    for (const PageStatus s : {PageStatus::Read, PageStatus::Unidentified, PageStatus::Unregistered, PageStatus::Blank,
                               PageStatus::Foreign, PageStatus::OtherForm})
        if (status == to_string(s)) return count_page(sum, where, s, reason);
}

void note_partly_read(const store::Db& db, std::int64_t input_id, const std::string& path, const std::string& why,
                      ScanSummary& sum) {
    db.prepare("UPDATE inputs SET error = ? WHERE id = ?").bind(1, why).bind(2, input_id).run();
    sum.rejected.push_back(path + ": " + why);
    ++sum.files_rejected;
}

std::string partly_read_note(const store::Db& db, std::int64_t input_id) {
    auto st = db.prepare("SELECT COALESCE(error, '') FROM inputs WHERE id = ? AND status = 'done'");
    st.bind(1, input_id);
    return st.step() ? st.col_text(0) : std::string();
}

int forget_other_form_pages(const store::Db& db, std::int64_t input_id, const std::string& form_id) {
    store::Transaction tx(db);
    // Only pages nothing else refers to (another form's page has no readings, crops or items).
    db.prepare("DELETE FROM pages WHERE input_id = ? AND status = 'other_form' AND form = ? "
               "AND NOT EXISTS (SELECT 1 FROM readings r WHERE r.page_id = pages.id) "
               "AND NOT EXISTS (SELECT 1 FROM crops c WHERE c.page_id = pages.id) "
               "AND NOT EXISTS (SELECT 1 FROM review_items i WHERE i.page_id = pages.id)")
        .bind(1, input_id).bind(2, form_id).run();
    const int n = db.changes();
    if (n > 0) db.prepare("UPDATE inputs SET page_count = NULL WHERE id = ?").bind(1, input_id).run();
    tx.commit();
    return n;
}

void reject_file(const store::Db& db, std::int64_t input_id, const std::string& sha, const std::string& path,
                 const std::string& name, const std::string& kind, const std::string& why, ScanSummary& sum) {
    try {
        if (input_id)
            db.prepare("DELETE FROM inputs WHERE id = ? AND NOT EXISTS (SELECT 1 FROM pages WHERE input_id = ?)")
                .bind(1, input_id).bind(2, input_id).run();
        if (!sha.empty()) store::reject_input(db, sha, path, name, kind, why);
    } catch (const std::exception& e) {
        spdlog::warn("{}: the rejection could not be recorded ({})", path, e.what());
    }
    sum.rejected.push_back(path + ": " + why);
    ++sum.files_rejected;
}

}  // namespace quizscan::cli
