// One-screen terminal summary (see summary.hpp).
#include "score/summary.hpp"

#include "score/analysis.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

std::string summary_text(const Form& form, const std::vector<SheetResponses>& sheets) {
    Analysis a = analyze(form, sheets);
    auto n = [](int v) { return std::to_string(v); };
    std::string s;
    s += form.title.empty() ? std::string("Research summary\n") : form.title + " - research summary\n";
    s += "Sheets: " + n(a.sheets_total) + " from " + n(a.participants_total) + " participants\n";
    s += "Opted out (left out of research): " + n(a.opted_out_participants) + " participants, " +
         n(a.opted_out_sheets) + " sheets\n";
    if (a.consent_pending_participants)
        s += "Opt-out mark pending review (left out): " + n(a.consent_pending_participants) + " participants, " +
             n(a.consent_pending_sheets) + " sheets\n";
    s += "Pending review (left out of scores): " + n(a.pending_review_sheets) + " of " + n(a.research_sheets) +
         " research sheets\n";
    s += "Paired: " + n(a.paired) + "   unpaired: " + n(a.unpaired) + "   pair awaiting review: " +
         n(a.pair_awaiting_review) + "\n";
    auto line = [&](const char* name, const SessionStats& st) {
        s += std::string(name) + " n=" + n(st.complete) + "  mean " + fmt_stat(st.mean) + " / " +
             n(a.max_points) + "  SD " + fmt_stat(st.sd) + "\n";
    };
    line("Pre: ", a.pre);
    line("Post:", a.post);
    s += "Gain: " + fmt_signed(a.gain) + " points   Cohen's d " + fmt_stat(a.cohens_d) + " (pooled SD " +
         fmt_stat(a.pooled_sd) + ")   paired d_z " + fmt_stat(a.dz) + " (n=" + n(a.paired) + ")\n";
    return s;
}

}  // namespace quizscan::score
