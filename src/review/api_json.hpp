// JSON shapes of the review API (DESIGN.md "The review API"): queue items, action
// results, history. The form, when given, adds the question text and option texts.
#pragma once

#include "core/form.hpp"
#include "review/queue.hpp"

#include <nlohmann/json.hpp>

namespace quizscan::review {

// {"id","kind","participant_id","session","field","guess","source","page_index","image",
//  "page_image","reason","audit","revision","options","question","choices","candidates","sheet_page"}
// image/page_image are URLs on this server (without the token) or null.
nlohmann::json item_json(const QueueItem& item, const Form* form);

// {"item": {"id","state","value","revision"}} on success, {"error", "state","value","revision"} otherwise.
nlohmann::json action_json(const ActionResult& result);

nlohmann::json history_json(const std::vector<HistoryEntry>& entries);

}  // namespace quizscan::review
