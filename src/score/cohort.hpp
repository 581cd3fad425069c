// Who is in the research: opt-outs, opt-out marks still pending review, the
// export order of sheets, and pairing of a participant's pre and post sheets.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "core/responses.hpp"

namespace quizscan::score {

// 0 for "pre", 1 for "post", 2 for anything else (sorted last).
int session_rank(const std::string& session);

// The sheet's no_research mark was read as set (state Value with any non-empty value).
bool sheet_opted_out(const SheetResponses& sheet);

// Participants with no_research set on any of their sheets (pre or post).
std::set<std::string> opted_out_participants(const std::vector<SheetResponses>& sheets);

// Participants (not opted out) whose no_research mark is still Pending on some
// sheet: their consent is not known yet, so research outputs leave them out
// until the mark is reviewed.
std::set<std::string> consent_pending_participants(const std::vector<SheetResponses>& sheets);

// Sheets sorted by participant id, then session (pre before post); stable, so
// duplicate sheets keep their input order.
std::vector<SheetResponses> sorted_sheets(const std::vector<SheetResponses>& sheets);

// The sheets that research outputs may use: every sheet of a participant who
// neither opted out nor has an opt-out mark pending review. Sorted as above.
std::vector<SheetResponses> research_sheets(const std::vector<SheetResponses>& sheets);

// The sheets research figures are computed from: research_sheets() restricted
// to sessions "pre" and "post", keeping only the first sheet of a participant
// in a session when the input holds duplicates.
std::vector<SheetResponses> analysis_sheets(const std::vector<SheetResponses>& sheets);

}  // namespace quizscan::score
