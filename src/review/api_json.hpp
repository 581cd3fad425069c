// JSON shapes of the review API (DESIGN.md "The review API"): queue items, action
// results, history. The form, when given, adds the question text and option texts.
#pragma once

#include "core/form.hpp"
#include "review/identity_choices.hpp"
#include "review/queue.hpp"
#include "review/search.hpp"

#include <nlohmann/json.hpp>

namespace quizscan::review {

// {"id","kind","participant_id","session","field","guess","source","page_id","page_index","image",
//  "page_image","reason","audit","revision","options","question","choices","candidates","sheet_page",
//  "decided_by"} and, for page_identity with `identities`, "identity_choices" (identity_choices.hpp).
// image/page_image are URLs on this server (without the token) or null.
nlohmann::json item_json(const QueueItem& item, const Form* form, const IdentityIndex* identities = nullptr);

// {"item": {"id","state","value","revision"}, "follow_ups", "closed", "added"} on success,
// {"error", "state","value","revision"} otherwise.
nlohmann::json action_json(const ActionResult& result);

// An item's resolutions, oldest first: [{id, action, old_value, new_value, at, via}...].
nlohmann::json trail_json(const std::vector<HistoryEntry>& trail);

// {"items": [item + "trail": [{id, action, old_value, new_value, at, via}...]]}
nlohmann::json search_json(const std::vector<ItemTrail>& found, const Form* form, const IdentityIndex* identities);

nlohmann::json history_json(const std::vector<HistoryEntry>& entries);

}  // namespace quizscan::review
