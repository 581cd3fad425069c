// The review queue on the store: list open items, resolve one, undo, read history and
// images. Plain functions on a store::Db, so they are tested without HTTP and shared by
// the web server and the CSV round trip. Every change is one transaction; nothing in
// readings or resolutions is ever updated or deleted.
#pragma once

#include "store/db.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace quizscan::review {

// One row of review_items with the context a person needs (joined from pages/inputs).
struct QueueItem {
    std::int64_t id = 0;
    std::string kind;                     // choice | number | checkbox | page_identity | sheet_duplicate | sheet_missing | page_answers
    std::optional<std::int64_t> page_id;
    std::string participant_id;           // "" when unknown
    std::string session;                  // "pre" | "post" | ""
    std::string field;                    // field id ("q1", "q6_int4", "no_research"), "" for page/sheet items
    std::optional<std::string> guess;     // the machine's best guess; "" = blank; nullopt = none
    std::string source;                   // scanned file name (inputs.name), "" when no page
    std::optional<int> page_index;        // 1-based page in that file
    std::optional<int> sheet_page;        // 1 front, 2 back (when identified)
    std::string reason;                   // why it needs a person
    std::string options_json;             // raw `options` column ("" when NULL)
    bool audit = false;                   // a confident reading sampled for the error rate ("spot check")
    std::string state;                    // "open" | "resolved"
    std::optional<std::string> value;     // current decision (resolved items)
    std::int64_t revision = 0;
    bool has_crop = false;                // GET /api/items/{id}/image has something
    bool has_preview = false;             // the item's page has a preview PNG
    bool digital = false;                 // its page holds answers typed on Google Forms: never an image
    std::string decided_by;               // resolved items: "person" or "machine" (closed by store::reconcile_sheets)
};

// The result of resolve/undo. status is HTTP-like: 200 done; 404 no such item;
// 409 state or revision changed under us (someone else decided); 422 value not allowed.
// On any status but 200 nothing was written.
struct ActionResult {
    int status = 200;
    std::string error;                    // for people: what went wrong and what to do
    std::int64_t item_id = 0;
    std::string state;                    // the item's state after the call (or now, on 409)
    std::optional<std::string> value;     // its value after the call (or now, on 409)
    std::int64_t revision = 0;            // its revision after the call (or now, on 409)
    int follow_ups = 0;                   // resolve of a corrected number: the same writer's confidently read
                                          // numbers now sent to review too (follow_up.hpp)
    int closed = 0;                       // other items the decision settled (a page identified: its missing-page
                                          // item, its fields agreeing with another scan of it; store/reconcile.hpp)
    int added = 0;                        // items the decision added besides follow-ups (fields two scans disagree on)
    bool ok() const { return status == 200; }
};

// One row of resolutions, newest first in history().
struct HistoryEntry {
    std::int64_t id = 0;                  // resolutions.id
    std::int64_t item_id = 0;
    std::string action;                   // "resolve" | "undo"
    std::optional<std::string> old_value;
    std::optional<std::string> new_value;
    std::string at;                       // UTC ISO 8601
    std::string via;                      // "web" | "csv"
    std::string kind, field, participant_id, session;
    std::string item_state;               // the item's state now
};

struct QueueCounts {
    int open = 0;
    int resolved = 0;                     // decided by a person
    int closed = 0;                       // closed by quizscan itself (settled by another scan or page)
};

// Open items in review order: unidentified pages first (identifying one may settle other items),
// then by scanned file name, page and item id; sheet problems (duplicate, missing page) last.
std::vector<QueueItem> list_queue(store::Db& db);
// Every item, open or not, in the same order (review --list --all).
std::vector<QueueItem> list_all(store::Db& db);
std::optional<QueueItem> get_item(store::Db& db, std::int64_t id);
QueueCounts queue_counts(store::Db& db);

// Resolves an open item. value is validated for the item's kind (validate_value) and
// stored normalised. A number whose digits the person changed also sends the same writer's
// confidently read numbers holding a misread digit to review (add_writer_follow_ups); an undo
// leaves those items in the queue. expected_revision: the revision the caller saw; a different stored
// revision gives 409. via: "web" or "csv".
ActionResult resolve_item(store::Db& db, std::int64_t id, const std::string& value,
                          std::optional<std::int64_t> expected_revision, const std::string& via);

// Changes the decision of a resolved item (a typo found later): appends a 'resolve' resolution
// with the old and the new value, like resolve_item (validation, follow-ups, 409 on a stale
// revision). An open item is simply resolved. The same value again is a no-op (200).
ActionResult amend_item(store::Db& db, std::int64_t id, const std::string& value,
                        std::optional<std::int64_t> expected_revision, const std::string& via);

// Reopens a resolved item (appends an 'undo' resolution; value back to NULL).
ActionResult undo_item(store::Db& db, std::int64_t id, std::optional<std::int64_t> expected_revision,
                       const std::string& via);

// Undoes the most recent decision of a person that still stands (the newest 'resolve' row
// whose item is resolved and has no later row). 404 when there is nothing to undo.
ActionResult undo_last(store::Db& db, const std::string& via);

// Recent resolutions, newest first.
std::vector<HistoryEntry> history(store::Db& db, int limit = 50);

// The item's crop PNG; nullopt when the item is unknown or has no crop.
std::optional<std::vector<unsigned char>> item_crop_png(store::Db& db, std::int64_t id);

// The page preview PNG for the item's page; for a sheet_duplicate item, candidate n
// (0-based) of its options picks one of the duplicate pages instead.
std::optional<std::vector<unsigned char>> item_page_png(store::Db& db, std::int64_t id,
                                                        std::optional<int> candidate = std::nullopt);

}  // namespace quizscan::review
