// Queue queries and the resolve/undo transactions (see queue.hpp).
#include "review/queue.hpp"

#include "review/follow_up.hpp"
#include "review/validate.hpp"
#include "store/merge.hpp"
#include "store/reconcile.hpp"

#include <nlohmann/json.hpp>

namespace quizscan::review {
namespace {

// An item with its page's identity as it stands: from the scan, or from a person's page_identity
// decision (a page identified in review), and who made its current decision.
const char* kItemSelect = R"SQL(
SELECT ri.id, ri.kind, ri.page_id,
       COALESCE(ri.participant, CASE WHEN idr.value GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]/*/[12]' THEN substr(idr.value, 1, 6) END,
                p.participant, ''),
       COALESCE(ri.session, CASE WHEN idr.value GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]/*/[12]'
                                 THEN substr(idr.value, 8, length(idr.value) - 9) END, p.session, ''),
       COALESCE(ri.field, ''), ri.guess, COALESCE(i.name, ''), p.page_index,
       CASE WHEN idr.value GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]/*/[12]' THEN CAST(substr(idr.value, -1) AS INTEGER)
            ELSE p.sheet_page END,
       ri.reason, COALESCE(ri.options, ''), ri.audit, ri.state, ri.value, ri.revision,
       ri.crop_id IS NOT NULL AND EXISTS (SELECT 1 FROM crops c WHERE c.id = ri.crop_id),
       p.preview_png IS NOT NULL,
       COALESCE((SELECT r.via FROM resolutions r WHERE r.item_id = ri.id ORDER BY r.id DESC LIMIT 1), ''),
       COALESCE(i.kind, '') = 'forms'
FROM review_items ri
LEFT JOIN pages p ON p.id = ri.page_id
LEFT JOIN inputs i ON i.id = p.input_id
LEFT JOIN review_items idr ON idr.page_id = ri.page_id AND idr.kind = 'page_identity' AND idr.state = 'resolved'
)SQL";

// Review order: unidentified pages first, field items by file and page, sheet problems last.
const char* kItemOrder = R"SQL(
ORDER BY CASE ri.kind WHEN 'page_identity' THEN 0 WHEN 'sheet_duplicate' THEN 2 WHEN 'sheet_missing' THEN 2 ELSE 1 END,
         ri.page_id IS NULL, i.name, p.page_index, ri.id
)SQL";

std::optional<std::string> opt_text(const store::Stmt& st, int c) {
    if (st.is_null(c)) return std::nullopt;
    return st.col_text(c);
}

QueueItem read_item(const store::Stmt& st) {
    QueueItem it;
    it.id = st.col_int(0);
    it.kind = st.col_text(1);
    if (!st.is_null(2)) it.page_id = st.col_int(2);
    it.participant_id = st.col_text(3);
    it.session = st.col_text(4);
    it.field = st.col_text(5);
    it.guess = opt_text(st, 6);
    it.source = st.col_text(7);
    if (!st.is_null(8)) it.page_index = static_cast<int>(st.col_int(8));
    if (!st.is_null(9)) it.sheet_page = static_cast<int>(st.col_int(9));
    it.reason = st.col_text(10);
    it.options_json = st.col_text(11);
    it.audit = st.col_int(12) != 0;
    it.state = st.col_text(13);
    it.value = opt_text(st, 14);
    it.revision = st.col_int(15);
    it.has_crop = st.col_int(16) != 0;
    it.has_preview = st.col_int(17) != 0;
    if (it.state == "resolved") it.decided_by = store::is_machine_via(st.col_text(18)) ? "machine" : "person";
    it.digital = st.col_int(19) != 0;
    return it;
}

std::string describe(const std::optional<std::string>& v) {
    if (!v) return "no value";
    if (v->empty()) return "blank";
    return "\"" + *v + "\"";
}

ActionResult conflict(const QueueItem& it, const std::string& msg) {
    ActionResult r;
    r.status = 409;
    r.error = msg;
    r.item_id = it.id;
    r.state = it.state;
    r.value = it.value;
    r.revision = it.revision;
    return r;
}

ActionResult not_found(std::int64_t id) {
    ActionResult r;
    r.status = 404;
    r.error = "no review item " + std::to_string(id) + "; reload the queue";
    r.item_id = id;
    return r;
}

}  // namespace

std::vector<QueueItem> list_queue(store::Db& db) {
    auto st = db.prepare(std::string(kItemSelect) + "WHERE ri.state = 'open' " + kItemOrder);
    std::vector<QueueItem> items;
    while (st.step()) items.push_back(read_item(st));
    return items;
}

std::vector<QueueItem> list_all(store::Db& db) {
    auto st = db.prepare(std::string(kItemSelect) + kItemOrder);
    std::vector<QueueItem> items;
    while (st.step()) items.push_back(read_item(st));
    return items;
}

std::optional<QueueItem> get_item(store::Db& db, std::int64_t id) {
    auto st = db.prepare(std::string(kItemSelect) + "WHERE ri.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return read_item(st);
}

QueueCounts queue_counts(store::Db& db) {
    auto st = db.prepare(
        "SELECT COALESCE(SUM(state = 'open'), 0), COALESCE(SUM(state = 'resolved' AND NOT machine), 0), "
        "COALESCE(SUM(state = 'resolved' AND machine), 0) FROM (SELECT ri.state, COALESCE((SELECT r.via IN ('merge', 'sheets') "
        "FROM resolutions r WHERE r.item_id = ri.id ORDER BY r.id DESC LIMIT 1), 0) AS machine FROM review_items ri)");
    QueueCounts c;
    if (st.step()) {
        c.open = static_cast<int>(st.col_int(0));
        c.resolved = static_cast<int>(st.col_int(1));
        c.closed = static_cast<int>(st.col_int(2));
    }
    return c;
}

namespace {

ActionResult refused(const QueueItem& it, int status, const std::string& error) {
    ActionResult r;
    r.status = status;
    r.error = error;
    r.item_id = it.id;
    r.state = it.state;
    r.value = it.value;
    r.revision = it.revision;
    return r;
}

// Records a person's decision on `it` (open, or resolved when amended) in the caller's transaction:
// the resolution row, the item, the same writer's follow-ups, and the items the decision settles.
ActionResult decide(store::Db& db, const QueueItem& it, const std::string& value, const std::string& via) {
    // old_value: the item's previous decision if it had one, else the machine's guess.
    const std::optional<std::string> old = it.value ? it.value : it.guess;
    db.prepare("INSERT INTO resolutions(item_id, action, old_value, new_value, at, via) VALUES (?, 'resolve', ?, ?, ?, ?)")
        .bind(1, it.id).bind(2, old).bind(3, value).bind(4, store::now_iso8601()).bind(5, via).run();
    auto up = db.prepare("UPDATE review_items SET state = 'resolved', value = ?, revision = revision + 1 WHERE id = ? AND revision = ?");
    up.bind(1, value).bind(2, it.id).bind(3, it.revision).run();
    if (db.changes() != 1) throw store::StoreError(db.path() + ": review item " + std::to_string(it.id) + " changed during resolve");
    ActionResult r;
    if ((it.kind == "number" || it.kind == "page_identity") && it.page_id) r.follow_ups = add_writer_follow_ups(db, *it.page_id);
    const auto rec = store::reconcile_sheets(db);
    r.closed = rec.closed;
    r.added = rec.added;
    r.item_id = it.id;
    r.state = "resolved";
    r.value = value;
    r.revision = it.revision + 1;
    return r;
}

}  // namespace

ActionResult resolve_item(store::Db& db, std::int64_t id, const std::string& value,
                          std::optional<std::int64_t> expected_revision, const std::string& via) {
    store::Transaction tx(db);
    const auto it = get_item(db, id);
    if (!it) return not_found(id);
    if (it->state != "open" && it->decided_by == "machine")
        return conflict(*it, "quizscan closed this item itself (its page turned up, or another scan of the page settled "
                             "it); nothing changed — reload to see the current queue");
    if (it->state != "open")
        return conflict(*it, "someone else already resolved this item (its value is now " + describe(it->value) +
                                 "); nothing changed — reload to see the current queue");
    if (expected_revision && *expected_revision != it->revision)
        return conflict(*it, "this item changed since the page loaded it (someone else resolved or reopened it; "
                             "it is now " + it->state + " with " + describe(it->value) + "); nothing changed — reload");
    const auto v = validate_value(it->kind, value, it->options_json);
    if (!v.ok) return refused(*it, 422, v.error);
    auto r = decide(db, *it, v.value, via);
    tx.commit();
    return r;
}

ActionResult amend_item(store::Db& db, std::int64_t id, const std::string& value,
                        std::optional<std::int64_t> expected_revision, const std::string& via) {
    store::Transaction tx(db);
    const auto it = get_item(db, id);
    if (!it) return not_found(id);
    if (expected_revision && *expected_revision != it->revision)
        return conflict(*it, "this item changed since the page loaded it (it is now " + it->state + " with " +
                                 describe(it->value) + "); nothing changed — reload it");
    const auto v = validate_value(it->kind, value, it->options_json);
    if (!v.ok) return refused(*it, 422, v.error);
    if (it->state == "resolved" && it->value == v.value) return refused(*it, 200, "");  // unchanged: nothing written
    auto r = decide(db, *it, v.value, via);
    tx.commit();
    return r;
}

ActionResult undo_item(store::Db& db, std::int64_t id, std::optional<std::int64_t> expected_revision,
                       const std::string& via) {
    store::Transaction tx(db);
    const auto it = get_item(db, id);
    if (!it) return not_found(id);
    if (it->state != "resolved")
        return conflict(*it, "this item is not resolved (someone else may have reopened it already); nothing changed");
    if (expected_revision && *expected_revision != it->revision)
        return conflict(*it, "this item changed since the page loaded it (it is now resolved with " + describe(it->value) +
                                 "); nothing changed — reload");
    db.prepare("INSERT INTO resolutions(item_id, action, old_value, new_value, at, via) VALUES (?, 'undo', ?, NULL, ?, ?)")
        .bind(1, id).bind(2, it->value).bind(3, store::now_iso8601()).bind(4, via).run();
    auto up = db.prepare("UPDATE review_items SET state = 'open', value = NULL, revision = revision + 1 "
                         "WHERE id = ? AND state = 'resolved' AND revision = ?");
    up.bind(1, id).bind(2, it->revision).run();
    if (db.changes() != 1) throw store::StoreError(db.path() + ": review item " + std::to_string(id) + " changed during undo");
    const auto rec = store::reconcile_sheets(db);
    tx.commit();
    ActionResult r;
    r.closed = rec.closed;
    r.added = rec.added;
    r.item_id = id;
    r.state = "open";
    r.revision = it->revision + 1;
    return r;
}

ActionResult undo_last(store::Db& db, const std::string& via) {
    std::optional<std::int64_t> target;
    {
        auto st = db.prepare(
            "SELECT r.item_id FROM resolutions r JOIN review_items ri ON ri.id = r.item_id "
            "WHERE r.action = 'resolve' AND r.via NOT IN ('merge', 'sheets') AND ri.state = 'resolved' "
            "AND r.id = (SELECT MAX(id) FROM resolutions r2 WHERE r2.item_id = r.item_id) "
            "ORDER BY r.id DESC LIMIT 1");
        if (st.step()) target = st.col_int(0);
    }
    if (!target) {
        ActionResult r;
        r.status = 404;
        r.error = "nothing to undo: no decision stands";
        return r;
    }
    return undo_item(db, *target, std::nullopt, via);
}

std::vector<HistoryEntry> history(store::Db& db, int limit) {
    auto st = db.prepare(
        "SELECT r.id, r.item_id, r.action, r.old_value, r.new_value, r.at, r.via, ri.kind, COALESCE(ri.field, ''), "
        "COALESCE(ri.participant, p.participant, ''), COALESCE(ri.session, p.session, ''), ri.state "
        "FROM resolutions r JOIN review_items ri ON ri.id = r.item_id LEFT JOIN pages p ON p.id = ri.page_id "
        "ORDER BY r.id DESC LIMIT ?");
    st.bind(1, limit);
    std::vector<HistoryEntry> out;
    while (st.step()) {
        HistoryEntry h;
        h.id = st.col_int(0);
        h.item_id = st.col_int(1);
        h.action = st.col_text(2);
        h.old_value = opt_text(st, 3);
        h.new_value = opt_text(st, 4);
        h.at = st.col_text(5);
        h.via = st.col_text(6);
        h.kind = st.col_text(7);
        h.field = st.col_text(8);
        h.participant_id = st.col_text(9);
        h.session = st.col_text(10);
        h.item_state = st.col_text(11);
        out.push_back(std::move(h));
    }
    return out;
}

std::optional<std::vector<unsigned char>> item_crop_png(store::Db& db, std::int64_t id) {
    auto st = db.prepare("SELECT c.png FROM review_items ri JOIN crops c ON c.id = ri.crop_id WHERE ri.id = ?");
    st.bind(1, id);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.col_blob(0);
}

std::optional<std::vector<unsigned char>> item_page_png(store::Db& db, std::int64_t id, std::optional<int> candidate) {
    std::optional<std::int64_t> page_id;
    {
        auto st = db.prepare("SELECT page_id, kind, COALESCE(options, '') FROM review_items WHERE id = ?");
        st.bind(1, id);
        if (!st.step()) return std::nullopt;
        if (!st.is_null(0)) page_id = st.col_int(0);
        if (candidate) {
            page_id.reset();
            try {
                const auto opts = nlohmann::json::parse(st.col_text(2).empty() ? "[]" : st.col_text(2));
                if (opts.is_array() && *candidate >= 0 && static_cast<std::size_t>(*candidate) < opts.size()) {
                    const auto& o = opts[static_cast<std::size_t>(*candidate)];
                    if (o.is_object() && o.contains("page_id")) {
                        const auto& p = o["page_id"];
                        if (p.is_number_integer()) page_id = p.get<std::int64_t>();
                        else if (p.is_string()) page_id = std::stoll(p.get<std::string>());
                    }
                }
            } catch (const std::exception&) {
                return std::nullopt;
            }
        }
    }
    if (!page_id) return std::nullopt;
    auto st = db.prepare("SELECT preview_png FROM pages WHERE id = ?");
    st.bind(1, *page_id);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.col_blob(0);
}

}  // namespace quizscan::review
