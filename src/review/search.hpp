// The history view's search: every item, decided or not, found by participant, field, session,
// file or item id, with its trail of decisions (resolutions), so that a past decision can be
// looked up and changed (amend_item) instead of undone step by step.
#pragma once

#include "review/queue.hpp"
#include "store/db.hpp"

#include <string>
#include <vector>

namespace quizscan::review {

struct ItemTrail {
    QueueItem item;
    std::vector<HistoryEntry> trail;   // its resolutions, oldest first
};

// Whether one search word fits an item: "#12" or "12" its id (digits also a participant's start),
// "482913" its participant, "pre"/"post" its session, "q6" the start of its field, its kind, or a
// part of its file name. Case does not matter.
bool item_matches(const QueueItem& item, const std::string& word);

// Items fitting every word of `query`, in review order; an empty query gives the items decided
// most recently, newest first. At most `limit`.
std::vector<ItemTrail> search_items(store::Db& db, const std::string& query, int limit = 50);

// The resolutions of one item, oldest first.
std::vector<HistoryEntry> item_trail(store::Db& db, std::int64_t item_id);

}  // namespace quizscan::review
