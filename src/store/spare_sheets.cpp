// Spare sheets in the store (see spare_sheets.hpp).
#include "store/spare_sheets.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "core/page_ref.hpp"
#include "store/pages.hpp"
#include "store/png.hpp"
#include "store/scan_store.hpp"

namespace quizscan::store {
namespace {

// Adds a page_identity item on a page. One there already is kept, or, when quizscan closed it
// itself (via 'sheets') and nobody answered it, reopened with this reason (a resolution row 'undo').
void add_identity_item(const Db& db, std::int64_t page_id, const std::string& guess, const std::string& reason,
                       std::int64_t crop_id, const std::string& options) {
    auto st = db.prepare(
        "INSERT OR IGNORE INTO review_items(kind, page_id, field, guess, reason, crop_id, options, audit, created_at) "
        "VALUES ('page_identity', ?, '', ?, ?, ?, ?, 0, ?)");
    st.bind(1, page_id).bind(2, guess).bind(3, reason);
    crop_id ? st.bind(4, crop_id) : st.bind_null(4);
    options.empty() ? st.bind_null(5) : st.bind(5, options);
    st.bind(6, now_iso8601()).run();
    if (db.changes() > 0) return;
    auto closed = db.prepare(
        "SELECT id FROM review_items i WHERE kind = 'page_identity' AND page_id = ? AND field = '' AND state = 'resolved' AND NOT EXISTS "
        "(SELECT 1 FROM resolutions r WHERE r.item_id = i.id AND r.via NOT IN ('merge', 'sheets'))");
    closed.bind(1, page_id);
    if (!closed.step()) return;
    const std::int64_t id = closed.col_int(0);
    db.prepare("INSERT INTO resolutions(item_id, action, old_value, new_value, at, via) VALUES (?, 'undo', NULL, NULL, ?, 'sheets')")
        .bind(1, id).bind(2, now_iso8601()).run();
    db.prepare("UPDATE review_items SET state = 'open', value = NULL, reason = ?, revision = revision + 1 WHERE id = ?")
        .bind(1, reason).bind(2, id).run();
}

std::int64_t crop_of(const Db& db, std::int64_t page_id, const std::string& name) {
    auto st = db.prepare("SELECT id FROM crops WHERE page_id = ? AND name = ?");
    st.bind(1, page_id).bind(2, name);
    return st.step() ? st.col_int(0) : 0;
}

std::int64_t add_crop(const Db& db, std::int64_t page_id, const std::string& name, const cv::Mat& img) {
    if (img.empty()) return 0;
    db.prepare("INSERT OR REPLACE INTO crops(page_id, name, png) VALUES (?, ?, ?)").bind(1, page_id).bind(2, name).bind(3, png_bytes(img)).run();
    return db.last_insert_id();
}

// The first of a list of choices (its value), the guess a person can take with one key.
std::string first_choice(const std::string& choices) {
    const auto j = nlohmann::json::parse(choices, nullptr, false);
    return j.is_array() && !j.empty() && j[0].is_object() ? j[0].value("value", "") : "";
}

struct SparePage {
    std::string serial, session, accepted, candidates;
    int sheet_page = 0;
};

std::map<std::int64_t, SparePage> load_spare_pages(const Db& db) {
    std::map<std::int64_t, SparePage> out;
    auto st = db.prepare("SELECT page_id, serial, session, sheet_page, COALESCE(accepted, ''), COALESCE(candidates, '') FROM spare_pages");
    while (st.step())
        out[st.col_int(0)] = {st.col_text(1), st.col_text(2), st.col_text(4), st.col_text(5), static_cast<int>(st.col_int(3))};
    return out;
}

// Pages with a page_identity item: the newest item's id, and whether a person ever answered it
// (quizscan's own closing, via 'sheets', is no answer).
struct IdentityItem {
    std::int64_t id = 0;
    bool answered = false;
    bool open = false;
};
std::map<std::int64_t, IdentityItem> identity_items(const Db& db) {
    std::map<std::int64_t, IdentityItem> out;
    auto st = db.prepare(
        "SELECT page_id, id, EXISTS (SELECT 1 FROM resolutions r WHERE r.item_id = i.id AND r.via NOT IN ('merge', 'sheets')), "
        "state = 'open' FROM review_items i WHERE kind = 'page_identity' ORDER BY id");
    while (st.step()) out[st.col_int(0)] = {st.col_int(1), st.col_int(2) != 0, st.col_int(3) != 0};
    return out;
}

// Closes a page_identity item nobody answered, as quizscan's own decision (a resolution via 'sheets'
// with no value: the page's identity is its front's again). Nothing is deleted.
void close_unanswered(const Db& db, std::int64_t item_id) {
    db.prepare("INSERT INTO resolutions(item_id, action, old_value, new_value, at, via) "
               "SELECT id, 'resolve', guess, NULL, ?, 'sheets' FROM review_items WHERE id = ? AND state = 'open'")
        .bind(1, now_iso8601()).bind(2, item_id).run();
    db.prepare("UPDATE review_items SET state = 'resolved', value = NULL, revision = revision + 1 WHERE id = ? AND state = 'open'")
        .bind(1, item_id).run();
}

bool shows_a_sheet(const EffectivePage& p) {
    return p.identified() && (p.status == "read" || p.status == "unidentified" || p.status == "unregistered");
}

// An automatically identified spare front whose participant another sheet of its session has too:
// to review. Returns the problem for the summary, or "".
std::string check_used_id(const Db& db, const EffectivePage& front, const SparePage& s, const std::vector<EffectivePage>& pages,
                          const std::map<std::int64_t, SparePage>& spare) {
    for (const auto& p : pages) {
        if (p.id == front.id || p.sha256 == front.sha256 || !shows_a_sheet(p)) continue;
        if (p.participant != front.participant || p.session != front.session) continue;
        const auto ps = spare.find(p.id);
        if (ps != spare.end() && ps->second.serial == s.serial && ps->second.session == s.session) continue;  // the same sheet
        const std::string other = p.serial.empty() ? "a personal sheet" : "spare sheet no. " + p.serial;
        add_identity_item(db, front.id, format_page_ref({front.participant, front.session, 1}),
                          "spare sheet no. " + s.serial + ": participant " + front.participant + " is already used by " + other +
                              " of this session (" + p.source + " p" + std::to_string(p.page_index) + "): check the written ID",
                          crop_of(db, front.id, "participant_id"), s.candidates);
        return "spare sheet no. " + s.serial + " (" + front.source + " p" + std::to_string(front.page_index) + "): participant " +
               front.participant + " (" + front.session + ") is used by another sheet too (review: check the ID)";
    }
    return "";
}

}  // namespace

std::int64_t next_spare_serial(const Db& db) {
    auto st = db.prepare("SELECT COALESCE(MAX(serial), 0) + 1 FROM spare_serials");
    return st.step() ? st.col_int(0) : 1;
}

void record_spare_serials(const Db& db, const std::vector<std::string>& serials, const std::string& session,
                          const std::string& form) {
    Transaction tx(db);
    auto st = db.prepare("INSERT OR IGNORE INTO spare_serials(serial, session, form, printed_at) VALUES (?, ?, ?, ?)");
    for (const auto& s : serials) st.bind(1, static_cast<std::int64_t>(std::stoll(s))).bind(2, session).bind(3, form).bind(4, now_iso8601()), st.run();
    tx.commit();
}

std::string identity_choices_json(const std::vector<IdCandidate>& candidates, const std::string& session) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : candidates)
        out.push_back({{"value", format_page_ref({c.id, session, 1})}, {"participant_id", c.id}, {"session", session}, {"sheet_page", 1},
                       {"why", c.why}});
    return out.dump();
}

void store_spare_page(const Db& db, std::int64_t page_id, const PageResult& r) {
    const PageId& id = *r.id;
    auto st = db.prepare(
        "INSERT OR REPLACE INTO spare_pages(page_id, serial, session, sheet_page, written, grid, accepted, candidates, measurements) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, page_id).bind(2, id.serial).bind(3, id.session).bind(4, id.page);
    if (!r.spare) {
        st.bind_null(5).bind_null(6).bind_null(7).bind_null(8).bind_null(9).run();
        if (id.page == 2) add_crop(db, page_id, "header", r.header);  // shown if its front goes missing
        if (id.page == 1)  // a front that could not be aligned: its ID was not read
            add_identity_item(db, page_id, "", "spare sheet no. " + id.serial + ": " + r.reason + "; its written ID was not read",
                              add_crop(db, page_id, "header", r.header), "");
        return;
    }
    const SpareIdResult& s = *r.spare;
    const std::string choices = identity_choices_json(s.decision.candidates, id.session);
    const nlohmann::json m = {{"why", s.decision.why}, {"written", s.written.measurements}, {"grid", s.grid.measurements}};
    st.bind(5, s.reading.written_text()).bind(6, s.reading.grid_text());
    s.decision.accepted.empty() ? st.bind_null(7) : st.bind(7, s.decision.accepted);
    st.bind(8, choices).bind(9, m.dump()).run();
    const std::int64_t crop = add_crop(db, page_id, "participant_id", s.crop.empty() ? r.header : s.crop);
    if (s.decision.accepted.empty()) add_identity_item(db, page_id, first_choice(choices), r.reason, crop, choices);
}

SpareCheck check_spare_sheets(const Db& db) {
    SpareCheck out;
    Transaction tx(db);
    const auto spare = load_spare_pages(db);
    const auto items = identity_items(db);
    const auto pages = effective_pages(db);
    // (serial, printed session) of each sheet with a front scanned: its fronts' participants, and
    // whether one of them waits for a decision.
    std::map<std::pair<std::string, std::string>, std::set<std::string>> fronts;
    std::set<std::pair<std::string, std::string>> pending;
    for (const auto& p : pages) {
        const auto s = spare.find(p.id);
        out.pages += s != spare.end();
        if (s == spare.end() || s->second.sheet_page != 1) continue;
        auto& who = fronts[{s->second.serial, s->second.session}];
        if (p.identified()) who.insert(p.participant);
        else if (!p.not_a_form) pending.insert({s->second.serial, s->second.session});
        ++out.fronts;
        const bool auto_identified = !s->second.accepted.empty() && !items.count(p.id) && p.identified();
        std::string problem = auto_identified ? check_used_id(db, p, s->second, pages, spare) : "";
        if (!problem.empty()) out.problems.push_back(problem);
        else out.identified += p.identified();
    }
    for (const auto& p : pages) {
        const auto s = spare.find(p.id);
        if (s == spare.end() || s->second.sheet_page != 2) continue;
        const auto item = items.find(p.id);
        const std::pair<std::string, std::string> sheet{s->second.serial, s->second.session};
        const std::string name = "spare sheet no. " + s->second.serial;
        if (!fronts.count(sheet)) {
            if (item != items.end() && (item->second.open || item->second.answered)) continue;
            add_identity_item(db, p.id, "", name + ": its front was not scanned; scan the front (this page then takes its participant) or choose the participant",
                              crop_of(db, p.id, "header"), "");
            out.problems.push_back(name + " (" + p.source + " p" + std::to_string(p.page_index) +
                                   "): the back was scanned without its front (review: whose is it?)");
            continue;
        }
        const bool follows = pending.count(sheet) || fronts[sheet].size() == 1;  // its front's participant, now or once decided
        if (follows && item != items.end() && item->second.open && !item->second.answered)  // asked while the front was missing
            close_unanswered(db, item->second.id);
        else if (!follows && (item == items.end() || (!item->second.open && !item->second.answered)))  // fronts not one participant
            add_identity_item(db, p.id, "", name + ": its scanned fronts were not identified as one participant; choose this page's",
                              crop_of(db, p.id, "header"), "");
    }
    tx.commit();
    return out;
}

}  // namespace quizscan::store
