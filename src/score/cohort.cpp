// Who is in the research (see cohort.hpp).
#include "score/cohort.hpp"

#include <algorithm>

namespace quizscan::score {

int session_rank(const std::string& session) {
    if (session == "pre") return 0;
    if (session == "post") return 1;
    return 2;
}

bool sheet_opted_out(const SheetResponses& sheet) {
    return sheet.no_research.state == FieldState::Value && !sheet.no_research.value.empty();
}

std::set<std::string> opted_out_participants(const std::vector<SheetResponses>& sheets) {
    std::set<std::string> out;
    for (const auto& s : sheets)
        if (sheet_opted_out(s)) out.insert(s.participant_id);
    return out;
}

std::set<std::string> consent_pending_participants(const std::vector<SheetResponses>& sheets) {
    auto opted = opted_out_participants(sheets);
    std::set<std::string> out;
    for (const auto& s : sheets)
        if (s.no_research.state == FieldState::Pending && !opted.count(s.participant_id))
            out.insert(s.participant_id);
    return out;
}

std::vector<SheetResponses> sorted_sheets(const std::vector<SheetResponses>& sheets) {
    std::vector<SheetResponses> out = sheets;
    std::stable_sort(out.begin(), out.end(), [](const SheetResponses& a, const SheetResponses& b) {
        if (a.participant_id != b.participant_id) return a.participant_id < b.participant_id;
        int ra = session_rank(a.session), rb = session_rank(b.session);
        if (ra != rb) return ra < rb;
        return a.session < b.session;
    });
    return out;
}

std::vector<SheetResponses> research_sheets(const std::vector<SheetResponses>& sheets) {
    auto opted = opted_out_participants(sheets);
    auto pending = consent_pending_participants(sheets);
    std::vector<SheetResponses> out;
    for (const auto& s : sorted_sheets(sheets))
        if (!opted.count(s.participant_id) && !pending.count(s.participant_id)) out.push_back(s);
    return out;
}

std::vector<SheetResponses> analysis_sheets(const std::vector<SheetResponses>& sheets) {
    std::vector<SheetResponses> out;
    std::set<std::pair<std::string, std::string>> seen;
    for (auto& s : research_sheets(sheets)) {
        if (session_rank(s.session) > 1) continue;
        if (!seen.insert({s.participant_id, s.session}).second) continue;
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace quizscan::score
