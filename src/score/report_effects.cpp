// The report's sections on the tutorial's effect: banners, the paired headline with its
// intervals and tests, the seed's expectations beside the observed figures, and the
// session figures over every complete sheet (see report_sections.hpp).
#include "score/report_sections.hpp"

#include <cmath>

#include "score/distributions.hpp"
#include "score/html.hpp"
#include "score/report_format.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

using namespace fmt;
using std::string;

std::string verdict(std::optional<Interval> observed, double lo, double hi) {
    if (!observed) return "<span class=\"how\">no interval to compare</span>";
    if (observed->hi < lo) return "<span class=\"below\">lower than expected</span>";
    if (observed->lo > hi) return "<span class=\"above\">higher than expected</span>";
    return "consistent with the expectation";
}

string banners_section(const Analysis& a) {
    string s;
    if (const int pending = draft_sheets(a))
        s += "<div class=\"banner draft\"><b>Draft &mdash; " + n(pending) + " sheet" + (pending == 1 ? "" : "s") +
             " pending review.</b> They are left out of every figure below until a person has decided them "
             "(quizscan review); the figures will change.</div>";
    if (a.paired < kMinN)
        s += "<div class=\"banner small-n\"><b>&#9888; Only " + n(a.paired) + " paired participant" +
             (a.paired == 1 ? "" : "s") + " (fewer than " + n(kMinN) +
             ").</b> Effect sizes and tests on so few people are unstable: read them as a description of these "
             "participants, not as evidence. Intervals by resampling, KR-20 and item discrimination are not "
             "estimated below " + n(kMinN) + ".</div>";
    return s;
}

string headline_section(const Analysis& a) {
    const PairedEffect& e = a.effect;
    const string small = caution(e.n, kMinN, "paired participants");
    const string boot_why = e.n < kMinN ? "n &lt; " + n(kMinN) : "no variance";
    auto boot = [&](std::optional<Interval> v) { return v ? ci(v) : no_ci(boot_why); };
    string s = "<h2>Did scores improve? Paired participants (the headline)</h2>";
    s += "<p class=\"how\">The same people before and after: the " + n(e.n) +
         " research participants with a complete pre and a complete post sheet. Intervals are 95%.</p>";
    s += "<table><colgroup><col style=\"width:190px\"><col style=\"width:290px\"><col></colgroup><tr>" + th("Figure") +
         th("Value [95% CI]", true) + th("How computed") + "</tr>";
    s += "<tr>" + td("Paired participants") + td(n(e.n) + small, true) + td(how("Complete pre and post sheets.")) + "</tr>";
    s += "<tr>" + td("Mean pre &rarr; post") + td(value(e.pre_mean) + " &rarr; " + value(e.post_mean), true) +
         td(how("Of " + n(a.max_points) + " points; SD " + value(e.pre_sd) + " and " + value(e.post_sd) + ".")) + "</tr>";
    s += "<tr>" + td("Mean gain") + td(signed_value(e.gain) + (e.gain_ci || e.n < 2 ? ci(e.gain_ci) : no_ci("every gain equal")), true) +
         td(how("Mean of post &minus; pre (points); SD of the gains " + value(e.sd_gain) +
                ". Interval: t with n&minus;1 degrees of freedom.")) + "</tr>";
    s += "<tr><td><b>Cohen&rsquo;s d</b> (headline)</td>" + td("<b>" + value(e.d) + "</b>" + boot(e.d_ci), true) +
         td(how("Mean gain / &radic;((SD<sub>pre</sub>&sup2; + SD<sub>post</sub>&sup2;)/2): the seed&rsquo;s definition, "
                "comparable with its expected d &asymp; 1.2. Interval: percentile bootstrap over participants "
                "(2000 resamples, fixed seed).")) + "</tr>";
    const double j = hedges_j(e.n - 1);
    s += "<tr>" + td("Hedges&rsquo; g") + td(value(e.g) + (e.g_ci ? ci(e.g_ci) : no_ci(boot_why)), true) +
         td(how("d &times; J(n&minus;1)" + (std::isfinite(j) ? " = d &times; " + fmt_stat(j, 3) : string()) +
                ": removes d&rsquo;s upward bias in small samples (Hedges&rsquo; exact J).")) + "</tr>";
    s += "<tr>" + td("Paired d<sub>z</sub>") + td(value(e.dz) + boot(e.dz_ci), true) +
         td(how("Mean gain / SD of the gains. Another scale than d: d<sub>z</sub> &asymp; d / &radic;(2(1 &minus; r)) "
                "with r the pre&ndash;post correlation (here r = " + value(e.r) + "), so it is larger than d when "
                "r &gt; 0.5 (exactly so when the two SDs are equal). Report d to compare with other studies, d<sub>z</sub> for the paired test&rsquo;s "
                "power.")) + "</tr>";
    string t = e.t_test ? "t(" + n(static_cast<int>(e.t_test->df)) + ") = " + fmt_stat(e.t_test->t) + ", " +
                              p_value(e.t_test->p)
                        : string("<span class=\"ne\">not estimable</span>");
    s += "<tr>" + td("Paired t-test") + td(t, true) +
         td(how("Mean gain / (SD of gains / &radic;n), two-sided; assumes roughly normal gains.")) + "</tr>";
    string w = e.wilcoxon ? "V = " + fmt_stat(e.wilcoxon->v, 1) + ", exact " + p_value(e.wilcoxon->p)
                          : string("<span class=\"ne\">not estimable</span>");
    s += "<tr>" + td("Wilcoxon signed-rank") + td(w, true) +
         td(how("V: sum of the ranks of the positive gains over the " +
                n(e.wilcoxon ? e.wilcoxon->n : 0) + " non-zero gains (" + n(e.wilcoxon ? e.wilcoxon->zeros : 0) +
                " zero gains dropped, ties share their rank); exact two-sided p. No normality assumed.")) + "</tr>";
    s += "</table>";
    return s;
}

string expectations_section(const Form& form, const Analysis& a) {
    const Expectations& x = form.expected;
    if (!x.pre_mean && !x.post_mean && !x.cohens_d) return "";
    string s = "<h2>Observed against the seed&rsquo;s expectations</h2><table><tr>" + th("Figure") + th("Expected", true) +
               th("Observed [95% CI]", true) + th("n", true) + th("Verdict") + "</tr>";
    auto sd = [](std::optional<double> v) { return v ? " (SD " + fmt_stat(v, 1) + ")" : string(); };
    if (x.pre_mean)
        s += "<tr>" + td("Pre mean (all complete pre sheets)") + td(fmt_stat(x.pre_mean, 1) + sd(x.pre_sd), true) +
             td(value(a.pre.mean) + ci(a.pre.mean_ci) + " <span class=\"n\">SD " + value(a.pre.sd) + "</span>", true) +
             td(n(a.pre.complete), true) + td(verdict(a.pre.mean_ci, *x.pre_mean, *x.pre_mean)) + "</tr>";
    if (x.post_mean)
        s += "<tr>" + td("Post mean (all complete post sheets)") + td(fmt_stat(x.post_mean, 1) + sd(x.post_sd), true) +
             td(value(a.post.mean) + ci(a.post.mean_ci) + " <span class=\"n\">SD " + value(a.post.sd) + "</span>", true) +
             td(n(a.post.complete), true) + td(verdict(a.post.mean_ci, *x.post_mean, *x.post_mean)) + "</tr>";
    if (x.pre_mean && x.post_mean) {
        const double gain = *x.post_mean - *x.pre_mean;
        s += "<tr>" + td("Mean gain (paired)") + td(fmt_signed(gain, 1), true) +
             td(signed_value(a.effect.gain) + ci(a.effect.gain_ci), true) + td(n(a.effect.n), true) +
             td(verdict(a.effect.gain_ci, gain, gain)) + "</tr>";
    }
    if (x.cohens_d)
        s += "<tr>" + td("Cohen&rsquo;s d (paired)") + td(fmt_stat(x.cohens_d, 1), true) +
             td(value(a.effect.d) + ci(a.effect.d_ci), true) + td(n(a.effect.n), true) +
             td(verdict(a.effect.d_ci, *x.cohens_d, *x.cohens_d)) + "</tr>";
    s += "</table><p class=\"how\">Expected: the seed&rsquo;s estimates for the audience, from the form definition "
         "(its &ldquo;5.5 &plusmn; 2.5&rdquo; is a mean and the spread of scores, not an interval). Verdict: whether "
         "the expected value lies inside the observed 95% interval; none without an interval. Score bands and "
         "misconception rates are set against the seed below.</p>";
    return s;
}

string sessions_section(const Form& form, const Analysis& a) {
    const string k = n(static_cast<int>(form.questions.size()));
    string s = "<h2>Scores by session (every complete sheet)</h2><table><colgroup><col style=\"width:170px\">"
               "<col style=\"width:220px\"><col style=\"width:220px\"><col></colgroup><tr>" +
               th("") + th("Pre", true) + th("Post", true) + th("How computed") + "</tr>";
    s += "<tr>" + td("Sheets (n)") + td(n(a.pre.complete), true) + td(n(a.post.complete), true) +
         td(how("Complete research sheets of the session, paired or not.")) + "</tr>";
    s += "<tr>" + td("Mean (of " + n(a.max_points) + " points)") + td(value(a.pre.mean) + ci(a.pre.mean_ci), true) +
         td(value(a.post.mean) + ci(a.post.mean_ci), true) + td(how("Sum of totals / n; t interval.")) + "</tr>";
    s += "<tr>" + td("SD") + td(value(a.pre.sd), true) + td(value(a.post.sd), true) +
         td(how("Sample standard deviation, divisor n&minus;1.")) + "</tr>";
    auto rel = [](const SessionStats& st) {
        return st.kr20 ? fmt_stat(st.kr20) + ci(st.kr20_ci) : "<span class=\"ne\">" + st.kr20_note + "</span>";
    };
    s += "<tr>" + td("KR-20") + td(rel(a.pre), true) + td(rel(a.post), true) +
         td(how("Internal consistency over the " + k +
                " items scored 1 at full points, else 0; k/(k&minus;1)&middot;(1 &minus; &Sigma;p(1&minus;p)/var), var "
                "with divisor n. Interval: Feldt&rsquo;s (F distribution). Needs " + n(kMinN) + " sheets.")) + "</tr>";
    s += "</table>";
    const GroupEffect& g = a.groups;
    const string why = a.pre.complete < kMinN || a.post.complete < kMinN ? "n &lt; " + n(kMinN) + " in a session"
                                                                        : "no variance";
    s += "<table><colgroup><col style=\"width:170px\"><col style=\"width:260px\"><col></colgroup><tr>" +
         th("Sessions as groups") + th("Value [95% CI]", true) + th("How computed") + "</tr>";
    s += "<tr>" + td("Gain of the means") + td(signed_value(a.gain), true) +
         td(how("Post mean &minus; pre mean = " + value(a.post.mean) + " &minus; " + value(a.pre.mean) +
                ", over " + n(a.pre.complete) + " pre and " + n(a.post.complete) + " post sheets.")) + "</tr>";
    s += "<tr>" + td("Cohen&rsquo;s d") + td(value(g.d) + (g.d_ci ? ci(g.d_ci) : no_ci(why)), true) +
         td(how("Gain / pooled SD, pooled SD &radic;((SD<sub>pre</sub>&sup2; + SD<sub>post</sub>&sup2;)/2) = " +
                value(a.pooled_sd) + ". Counts unpaired sheets too, so it can differ from the headline d. Interval: "
                "bootstrap over participants (a participant&rsquo;s two sheets stay together).")) + "</tr>";
    s += "<tr>" + td("Hedges&rsquo; g") + td(value(g.g) + (g.g_ci ? ci(g.g_ci) : no_ci(why)), true) +
         td(how("d &times; J(n<sub>pre</sub> + n<sub>post</sub> &minus; 2).")) + "</tr>";
    s += "</table>";
    s += "<figure>" + svg_histogram(a.pre.histogram, a.post.histogram) +
         "<figcaption>Distribution of total scores: <span class=\"sw pre\"></span>pre (n = " + n(a.pre.complete) +
         ") and <span class=\"sw post\"></span>post (n = " + n(a.post.complete) +
         "), complete research sheets.</figcaption></figure>";
    return s;
}

}  // namespace quizscan::score
