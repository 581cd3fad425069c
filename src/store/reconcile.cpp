// Machine-made review items following the pages (see reconcile.hpp).
#include "store/reconcile.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "store/merge.hpp"
#include "store/page_answers.hpp"
#include "store/pages.hpp"

#include <nlohmann/json.hpp>

namespace quizscan::store {
namespace {

bool is_field_kind(const std::string& kind) { return kind == "choice" || kind == "number" || kind == "checkbox"; }

std::string shown(const std::string& v) { return v.empty() ? "blank" : "\xe2\x80\x9c" + v + "\xe2\x80\x9d"; }

// Appends the resolution row and changes the item (a machine decision: via 'merge' or 'sheets').
void close_item(const Db& db, const ScanItem& it, const std::optional<std::string>& value, const std::string& via) {
    db.prepare("INSERT INTO resolutions(item_id, action, old_value, new_value, at, via) VALUES (?, 'resolve', ?, ?, ?, ?)")
        .bind(1, it.id).bind(2, it.value ? it.value : it.guess).bind(3, value).bind(4, now_iso8601()).bind(5, via).run();
    db.prepare("UPDATE review_items SET state = 'resolved', value = ?, revision = revision + 1 WHERE id = ? AND state = 'open'")
        .bind(1, value).bind(2, it.id).run();
}

void reopen_item(const Db& db, const ScanItem& it, const std::string& via) {
    db.prepare("INSERT INTO resolutions(item_id, action, old_value, new_value, at, via) VALUES (?, 'undo', ?, NULL, ?, ?)")
        .bind(1, it.id).bind(2, it.value).bind(3, now_iso8601()).bind(4, via).run();
    db.prepare("UPDATE review_items SET state = 'open', value = NULL, revision = revision + 1 WHERE id = ? AND state = 'resolved'")
        .bind(1, it.id).run();
}

// A sheet page as reconcile sees it: its scans, their readings and items.
struct SheetPage {
    std::string participant, session;
    std::vector<const EffectivePage*> scans;
    ScanState st;
    std::vector<std::int64_t> standing;  // best first
    bool standing_has(std::int64_t page) const { return std::find(standing.begin(), standing.end(), page) != standing.end(); }
    int rank(std::int64_t page) const {  // position among standing scans; the rest after them
        const auto it = std::find(standing.begin(), standing.end(), page);
        return static_cast<int>(it - standing.begin());
    }
    const EffectivePage* page(std::int64_t id) const {
        for (const auto* p : scans)
            if (p->id == id) return p;
        return nullptr;
    }
};

// A new item for a field the scans disagree on, on the best standing scan (one with a picture of it).
void add_disagreement(const Db& db, const SheetPage& sp, const std::string& field, const std::vector<ScanRead>& reads) {
    std::int64_t target = 0, crop = 0;
    for (const auto id : sp.standing) {
        auto c = db.prepare("SELECT id FROM crops WHERE page_id = ? AND name = ?");
        c.bind(1, id).bind(2, field);
        if (c.step()) {
            target = id, crop = c.col_int(0);
            break;
        }
    }
    if (!target) target = sp.standing.front();
    std::string reason = "the scans of this page disagree:";
    for (const auto& r : reads) {
        const EffectivePage* p = sp.page(r.page_id);
        reason += std::string(&r == &reads.front() ? " " : ", ") + (p ? p->source + " p" + std::to_string(p->page_index) : "?") +
                  " read " + shown(r.value) + (r.confident ? "" : " (unsure)");
    }
    // Its options as the scan's own items have them (scan_store.cpp; the key paths of readings.measurements:
    // core/field_measurements.hpp).
    auto st = db.prepare(
        "INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, crop_id, options, audit, "
        "created_at) SELECT r.kind, r.page_id, r.field, ?, ?, r.value, ?, ?, CASE WHEN json_valid(r.measurements) THEN "
        "COALESCE(json_extract(r.measurements, '$.options'), json_extract(r.measurements, '$.boxes')) END, 0, ? "
        "FROM readings r WHERE r.page_id = ? AND r.field = ?");
    st.bind(1, sp.participant).bind(2, sp.session).bind(3, reason);
    crop ? st.bind(4, crop) : st.bind_null(4);
    st.bind(5, now_iso8601()).bind(6, target).bind(7, field).run();
}

struct FieldCounts {
    int agreed = 0, asked = 0, decided = 0;
};

// One field of a sheet page: close what is settled, keep (or reopen, or add) one item where a person must look.
void reconcile_field(const Db& db, const SheetPage& sp, const std::string& field, FieldCounts& n, ReconcileReport& rep) {
    std::vector<const ScanItem*> items;
    bool decided = false;
    for (const auto& it : sp.st.items) {
        if (it.kind == kPageAnswersKind && split_page_answers(it.guess.value_or("")).count(field)) {
            if (it.state == "open") return;  // the page's answers are asked for as one item
            decided = decided || it.decided_by_person();
        }
        if (!is_field_kind(it.kind) || it.field != field) continue;
        items.push_back(&it);
        decided = decided || it.decided_by_person();
    }
    std::sort(items.begin(), items.end(), [&](const ScanItem* a, const ScanItem* b) { return sp.rank(a->page_id) < sp.rank(b->page_id); });
    auto closable = [](const ScanItem* it) { return it->state == "open" && !it->reopened_by_person(); };
    auto close = [&](const ScanItem* it, const std::optional<std::string>& v) { close_item(db, *it, v, "merge"), ++rep.closed; };
    if (decided) {
        ++n.decided;
        for (const auto* it : items)
            if (closable(it)) close(it, std::nullopt);
        return;
    }
    std::vector<ScanRead> reads;
    for (const auto& r : sp.st.reads)
        if (r.field == field && sp.standing_has(r.page_id)) reads.push_back(r);
    auto confident_on = [&](std::int64_t page) {
        return std::any_of(reads.begin(), reads.end(), [&](const ScanRead& r) { return r.page_id == page && r.confident; });
    };
    const auto agreed = agreed_value(reads);
    // An item asking about a confident reading (a spot check, a writer follow-up) is kept on purpose;
    // one a person reopened too. Otherwise one item stays open where the scans leave the field in doubt.
    auto check = [&](const ScanItem* it) { return it->audit || confident_on(it->page_id); };
    const ScanItem* keep = nullptr;
    for (const auto* it : items)
        if (it->reopened_by_person()) keep = keep ? keep : it;
    for (const auto* it : items)
        if (!keep && it->state == "open" && sp.standing_has(it->page_id) && (!agreed || check(it))) keep = it;
    for (const auto* it : items)
        if (it != keep && closable(it)) close(it, agreed && !check(it) ? agreed : std::nullopt);
    if (agreed) {
        ++n.agreed;
        return;
    }
    ++n.asked;
    if (keep) return;
    for (const auto* it : items)
        if (it->closed_by_machine() && sp.standing_has(it->page_id)) {
            reopen_item(db, *it, "merge");
            ++rep.reopened;
            return;
        }
    if (sp.scans.size() < 2 || reads.empty()) return;  // a page scanned once keeps the items its scan made
    add_disagreement(db, sp, field, reads);
    ++rep.added;
}

// Answers given on paper and on Google Forms for one sheet page are two submissions, not two scans
// of one: a person chooses which to keep (a sheet_duplicate item); the fields wait until then.
bool ask_paper_or_digital(const Db& db, const SheetPage& sp, int sheet_page, ReconcileReport& rep) {
    const bool digital = std::any_of(sp.scans.begin(), sp.scans.end(), [](const EffectivePage* p) { return p->input_kind == "forms"; });
    const bool paper = std::any_of(sp.scans.begin(), sp.scans.end(), [](const EffectivePage* p) { return p->input_kind != "forms"; });
    if (!digital || !paper) return false;
    if (std::any_of(sp.st.items.begin(), sp.st.items.end(), [](const ScanItem& it) { return it.kind == "sheet_duplicate" && it.decided_by_person(); }))
        return false;  // chosen: the kept submission stands alone
    nlohmann::json cands = nlohmann::json::array();
    for (const auto* p : sp.scans) cands.push_back({{"page_id", p->id}, {"source", p->source}, {"page_index", p->page_index}});
    const std::string who = sp.participant + " (" + sp.session + ")";
    db.prepare("INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, options, created_at) "
               "VALUES ('sheet_duplicate', ?, ?, ?, ?, NULL, ?, ?, ?)")
        .bind(1, sp.scans.front()->id).bind(2, "page" + std::to_string(sheet_page)).bind(3, sp.participant).bind(4, sp.session)
        .bind(5, "page " + std::to_string(sheet_page) + " of " + who + " was answered on paper and on Google Forms: choose the one to keep")
        .bind(6, cands.dump()).bind(7, now_iso8601()).run();
    rep.added += db.changes();
    rep.problems.push_back("duplicate: page " + std::to_string(sheet_page) + " of " + who +
                           " answered on paper and on Google Forms (review: choose which to keep)");
    return true;
}

void reconcile_sheet_page(const Db& db, SheetPage& sp, int sheet_page, ReconcileReport& rep) {
    std::vector<std::int64_t> ids;
    for (const auto* p : sp.scans) ids.push_back(p->id);
    sp.st = load_scan_state(db, ids);
    if (ask_paper_or_digital(db, sp, sheet_page, rep)) return;
    sp.standing = standing_scans(sp.scans, sp.st);
    std::set<std::string> fields;
    for (const auto& r : sp.st.reads) fields.insert(r.field);
    for (const auto& it : sp.st.items)
        if (is_field_kind(it.kind)) fields.insert(it.field);
    FieldCounts n;
    for (const auto& f : fields) reconcile_field(db, sp, f, n, rep);
    if (sp.scans.size() < 2) return;
    rep.problems.push_back("rescanned: page " + std::to_string(sheet_page) + " of " + sp.participant + " (" + sp.session + ") scanned " +
                           std::to_string(sp.scans.size()) + " times: merged, " + std::to_string(n.agreed) + " fields agree, " +
                           std::to_string(n.asked) + " to review");
}

// Pages with a field item closed by a merge: a scan that stood for them may be gone.
std::set<std::int64_t> pages_with_merged_items(const Db& db) {
    std::set<std::int64_t> out;
    auto st = db.prepare(
        "SELECT DISTINCT ri.page_id FROM review_items ri JOIN resolutions r ON r.id = "
        "(SELECT MAX(x.id) FROM resolutions x WHERE x.item_id = ri.id) WHERE ri.state = 'resolved' AND r.via = 'merge'");
    while (st.step()) out.insert(st.col_int(0));
    return out;
}

// Items on pages a person decided are not a form: nothing on them is asked any more.
void close_not_a_form(const Db& db, const std::vector<EffectivePage>& pages, ReconcileReport& rep) {
    std::vector<std::int64_t> ids;
    for (const auto& p : pages)
        if (p.not_a_form) ids.push_back(p.id);
    const ScanState st = load_scan_state(db, ids);
    for (const auto& it : st.items)
        if ((is_field_kind(it.kind) || it.kind == kPageAnswersKind) && it.state == "open" && !it.reopened_by_person())
            close_item(db, it, std::nullopt, "merge"), ++rep.closed;
}

// A page whose image is the same as a scan that stands for its sheet page (a copy of the same file,
// re-encoded or renamed) is read once: the copy's items close, so nothing is asked twice.
void close_copies(const Db& db, const std::vector<EffectivePage>& pages, const SheetScans& sheets, ReconcileReport& rep) {
    std::set<std::int64_t> kept;
    for (const auto& [key, by_page] : sheets)
        for (const auto& [sheet_page, scans] : by_page)
            for (const auto* p : scans) kept.insert(p->id);
    std::vector<std::int64_t> copies;
    for (const auto& p : pages) {
        if (kept.count(p.id) || !p.identified()) continue;
        const auto s = sheets.find({p.participant, p.session});
        if (s == sheets.end() || !s->second.count(p.sheet_page)) continue;
        for (const auto* q : s->second.at(p.sheet_page))
            if (q->sha256 == p.sha256) {
                copies.push_back(p.id);
                break;
            }
    }
    const ScanState st = load_scan_state(db, copies);
    int closed = 0;
    for (const auto& it : st.items)
        if ((is_field_kind(it.kind) || it.kind == kPageAnswersKind) && it.state == "open" && !it.reopened_by_person())
            close_item(db, it, std::nullopt, "merge"), ++closed;
    rep.closed += closed;
    if (closed)
        rep.problems.push_back("same image scanned again: " + std::to_string(copies.size()) + " page" + (copies.size() == 1 ? "" : "s") +
                               " read once; " + std::to_string(closed) + " review item" + (closed == 1 ? "" : "s") + " on the copies closed");
}

std::map<std::tuple<std::string, std::string, std::string>, ScanItem> load_missing_items(const Db& db) {
    std::map<std::tuple<std::string, std::string, std::string>, ScanItem> out;
    auto st = db.prepare(
        "SELECT ri.id, ri.page_id, COALESCE(ri.participant, ''), COALESCE(ri.session, ''), COALESCE(ri.field, ''), ri.state, "
        "ri.value, ri.guess, COALESCE(r.action, ''), COALESCE(r.via, ''), COALESCE(r.id, 0) FROM review_items ri "
        "LEFT JOIN resolutions r ON r.id = (SELECT MAX(x.id) FROM resolutions x WHERE x.item_id = ri.id) "
        "WHERE ri.kind = 'sheet_missing' ORDER BY ri.id");
    while (st.step()) {
        ScanItem it;
        it.id = st.col_int(0);
        it.page_id = st.col_int(1);
        it.kind = "sheet_missing";
        it.field = st.col_text(4);
        it.state = st.col_text(5);
        if (!st.is_null(6)) it.value = st.col_text(6);
        if (!st.is_null(7)) it.guess = st.col_text(7);
        it.last_action = st.col_text(8);
        it.last_via = st.col_text(9);
        it.last_resolution = st.col_int(10);
        out.emplace(std::make_tuple(st.col_text(2), st.col_text(3), it.field), it);
    }
    return out;
}

// A missing page is asked about once; a page that arrives (scanned, or identified in review) closes it.
void reconcile_missing(const Db& db, const SheetScans& sheets, ReconcileReport& rep) {
    auto items = load_missing_items(db);
    for (const auto& [key, by_page] : sheets) {
        const std::string who = key.first + " (" + key.second + ")";
        for (int sp : {1, 2}) {
            const std::string field = "page" + std::to_string(sp);
            const auto found = items.find({key.first, key.second, field});
            const ScanItem* it = found == items.end() ? nullptr : &found->second;
            if (by_page.count(sp)) {
                if (it && it->state == "open" && !it->reopened_by_person()) close_item(db, *it, std::nullopt, "sheets"), ++rep.closed;
                continue;
            }
            rep.problems.push_back("missing: page " + std::to_string(sp) + " of " + who + " (its fields stay pending until it is scanned)");
            if (it && it->closed_by_machine()) reopen_item(db, *it, "sheets"), ++rep.reopened;
            if (it) continue;
            const std::int64_t on = by_page.begin()->second.front()->id;
            db.prepare("INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, options, "
                       "created_at) VALUES ('sheet_missing', ?, ?, ?, ?, 'rescan', ?, '[\"rescan\",\"blank\"]', ?)")
                .bind(1, on).bind(2, field).bind(3, key.first).bind(4, key.second)
                .bind(5, "page " + std::to_string(sp) + " of " + who + " was not found in the scans").bind(6, now_iso8601()).run();
            rep.added += db.changes();
        }
    }
}

}  // namespace

ReconcileReport reconcile_sheets(const Db& db) {
    ReconcileReport rep;
    const auto pages = effective_pages(db);
    const SheetScans sheets = scans_by_sheet(pages);
    const auto merged = pages_with_merged_items(db);
    for (const auto& [key, by_page] : sheets) {
        ++rep.sheets;
        if (by_page.size() == 2) ++rep.complete;
        for (const auto& [sheet_page, scans] : by_page) {
            const bool touched = std::any_of(scans.begin(), scans.end(), [&](const EffectivePage* p) { return merged.count(p->id) > 0; });
            if (scans.size() < 2 && !touched) continue;
            SheetPage sp{key.first, key.second, scans, {}, {}};
            reconcile_sheet_page(db, sp, sheet_page, rep);
        }
    }
    close_not_a_form(db, pages, rep);
    close_copies(db, pages, sheets, rep);
    reconcile_missing(db, sheets, rep);
    return rep;
}

}  // namespace quizscan::store
