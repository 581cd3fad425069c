// One-screen terminal summary (see summary.hpp).
#include "score/summary.hpp"

#include "score/analysis.hpp"
#include "score/inference.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

std::string summary_text(const Form& form, const std::vector<SheetResponses>& sheets) {
    Analysis a = analyze(form, sheets);
    auto n = [](int v) { return std::to_string(v); };
    std::string s;
    if (const int d = draft_sheets(a)) s += "DRAFT - " + n(d) + " sheets pending review: the figures will change\n";
    s += form.title.empty() ? std::string("Research summary\n") : form.title + " - research summary\n";
    s += "Sheets: " + n(a.sheets_total) + " from " + n(a.participants_total) + " participants (" +
         n(a.sheets_total - a.digital_sheets) + " paper, " + n(a.digital_sheets) + " digital)\n";
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
    const PairedEffect& e = a.effect;
    auto p = [](double v) { return v < 0.001 ? std::string("<0.001") : "=" + fmt_stat(v, 3); };
    auto ci = [](const std::optional<Interval>& v) {
        return v ? " [" + fmt_stat(v->lo) + ", " + fmt_stat(v->hi) + "]" : std::string();
    };
    s += "Paired (headline), n=" + n(e.n) + (e.n < kMinN ? " - CAUTION: fewer than " + n(kMinN) : std::string()) + "\n";
    s += "  gain " + fmt_signed(e.gain) + ci(e.gain_ci) + "   Cohen's d " + fmt_stat(e.d) + ci(e.d_ci) + "   Hedges' g " +
         fmt_stat(e.g) + "   d_z " + fmt_stat(e.dz) + ci(e.dz_ci) + "\n";
    s += "  paired t: " + (e.t_test ? "t(" + n(static_cast<int>(e.t_test->df)) + ")=" + fmt_stat(e.t_test->t) +
                                          " p" + p(e.t_test->p)
                                    : std::string("n/a"));
    s += "   Wilcoxon: " + (e.wilcoxon ? "V=" + fmt_stat(e.wilcoxon->v, 1) + " exact p" + p(e.wilcoxon->p)
                                       : std::string("n/a")) + "\n";
    s += "Sessions as groups (every complete sheet): gain " + fmt_signed(a.gain) + " points   Cohen's d " +
         fmt_stat(a.cohens_d) + " (pooled SD " + fmt_stat(a.pooled_sd) + ")   Hedges' g " + fmt_stat(a.groups.g) + "\n";
    return s;
}

}  // namespace quizscan::score
