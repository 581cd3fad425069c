// Renders the pre/post research report as one self-contained HTML page (see report.hpp).
#include "score/report.hpp"

#include <cstdio>

#include "score/analysis.hpp"
#include "score/html.hpp"
#include "score/items.hpp"
#include "score/report_format.hpp"
#include "score/report_sections.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

namespace {

const char* kCss = R"css(
:root { --ink:#1f2933; --muted:#616e7c; --line:#e4e7eb; --soft:#f5f7fa; --pre:#9aa6b2; --post:#2c5d8f; --warn:#8a5a00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 32px 28px 48px; }
header { border-bottom: 2px solid var(--ink); padding-bottom: 12px; margin-bottom: 20px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
.sub, .meta { color: var(--muted); margin: 0; }
.note { background: var(--soft); border-left: 3px solid var(--post); padding: 10px 14px; margin: 12px 0; }
.note.warn { border-left-color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 13px; color: var(--muted); font-weight: 600; background: var(--soft); }
td.num, th.num { text-align: right; white-space: nowrap; }
.how { color: var(--muted); font-size: 13px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.card .v { font-size: 22px; font-weight: 600; }
.card .l { color: var(--muted); font-size: 13px; }
.sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px; vertical-align: baseline; }
.sw.pre { background: var(--pre); } .sw.post { background: var(--post); }
figure { margin: 12px 0; } figcaption { color: var(--muted); font-size: 13px; }
.banner { padding: 10px 14px; margin: 14px 0; border-radius: 4px; }
.banner.draft { background: #fff4e5; border: 2px solid #d97706; }
.banner.small-n { background: #fdf6e3; border: 1px solid var(--warn); }
.ne { color: var(--warn); font-style: italic; }
.caution { color: var(--warn); font-weight: 600; white-space: nowrap; }
.ci { color: var(--muted); white-space: nowrap; }
.n { color: var(--muted); font-size: 13px; white-space: nowrap; }
.below, .above { color: var(--warn); font-weight: 600; }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print { body { -webkit-print-color-adjust: exact; print-color-adjust: exact; } main { padding: 0; max-width: none; } h2 { break-after: avoid; } table, figure { break-inside: avoid; }
  .note, .banner { border: 1px solid var(--line); } }
)css";

}  // namespace

using std::string;
using namespace fmt;

string counts_section(const Analysis& a) {
    string s = "<h2>Who is counted</h2><div class=\"cards\">";
    auto card = [&](const string& v, const string& l) {
        s += "<div class=\"card\"><div class=\"v\">" + v + "</div><div class=\"l\">" + l + "</div></div>";
    };
    card(n(a.sheets_total), "sheets (" + n(a.sheets_total - a.digital_sheets) + " paper, " + n(a.digital_sheets) +
                                "&nbsp;digital)");
    card(n(a.paired), "paired participants (complete pre and post)");
    card(n(a.unpaired), "unpaired participants (one session only)");
    card(n(a.opted_out_participants), "opted out (NO RESEARCH)");
    card(n(a.pending_review_sheets), "research sheets pending review");
    s += "</div><table><tr>" + th("Group") + th("Participants", true) + th("Sheets", true) + th("Used for") + "</tr>";
    s += "<tr>" + td("All sheets") + td(n(a.participants_total), true) + td(n(a.sheets_total), true) +
         td("responses.csv only") + "</tr>";
    s += "<tr>" + td("&nbsp;&nbsp;of which on paper / answered on Google Forms") + td("", true) +
         td(n(a.sheets_total - a.digital_sheets) + " / " + n(a.digital_sheets), true) +
         td("scanned / imported with quizscan import-forms") + "</tr>";
    s += "<tr>" + td("Opted out (no_research on the pre or post sheet)") + td(n(a.opted_out_participants), true) +
         td(n(a.opted_out_sheets), true) + td("nothing in this report; both sheets dropped") + "</tr>";
    if (a.consent_pending_participants)
        s += "<tr>" + td("Opt-out mark still pending review") + td(n(a.consent_pending_participants), true) +
             td(n(a.consent_pending_sheets), true) + td("left out until the mark is reviewed") + "</tr>";
    s += "<tr>" + td("Research sheets (pre/post)") + td(n(a.research_participants), true) +
         td(n(a.research_sheets), true) + td("every research figure") + "</tr>";
    s += "<tr>" + td("&nbsp;&nbsp;of which paper / digital") + td("", true) +
         td(n(a.research_sheets - a.digital_research_sheets) + " / " + n(a.digital_research_sheets), true) +
         td("scored alike") + "</tr>";
    s += "<tr>" + td("&nbsp;&nbsp;of which complete: pre / post") + td("", true) +
         td(n(a.pre.complete) + " / " + n(a.post.complete), true) + td("score figures") + "</tr>";
    s += "<tr>" + td("&nbsp;&nbsp;of which pending review") + td("", true) + td(n(a.pending_review_sheets), true) +
         td("counted here only") + "</tr>";
    s += "<tr>" + td("Paired (complete pre and post)") + td(n(a.paired), true) + td(n(2 * a.paired), true) +
         td("the headline: paired gain, d, d<sub>z</sub>, tests") + "</tr>";
    s += "<tr>" + td("Unpaired (a sheet in one session only)") + td(n(a.unpaired), true) + td("", true) +
         td("session figures") + "</tr>";
    s += "<tr>" + td("Both sessions, one pending review") + td(n(a.pair_awaiting_review), true) + td("", true) +
         td("session figures for the complete sheet") + "</tr>";
    if (a.duplicate_sheets)
        s += "<tr>" + td("Duplicate sheets (same participant and session)") + td("", true) +
             td(n(a.duplicate_sheets), true) + td("ignored: the first sheet counts") + "</tr>";
    if (a.other_session_sheets)
        s += "<tr>" + td("Sheets of another session than pre/post") + td("", true) +
             td(n(a.other_session_sheets), true) + td("ignored") + "</tr>";
    s += "</table>";
    s += "<p class=\"note\">" + n(a.opted_out_participants) +
         " participant(s) wrote NO RESEARCH (on either sheet) and are left out of every figure below. "
         "Sheets with a field still pending review (" + n(a.pending_review_sheets) +
         ") are left out of every score figure until reviewed." +
         (a.consent_pending_participants
              ? " " + n(a.consent_pending_participants) +
                    " participant(s) whose NO RESEARCH mark is still pending review are left out until it is reviewed."
              : string()) +
         "</p>";
    return s;
}

string bands_section(const Analysis& a) {
    string s = "<h2>Score bands</h2><table><tr>" + th("Band (points)") + th("Pre observed [95% CI]", true) +
               th("Pre expected", true) + th("Post observed [95% CI]", true) + th("Post expected", true) + "</tr>";
    auto observed = [](const std::optional<double>& pct_value, std::optional<Interval> c, int count, int of,
                       double expected) {
        if (!pct_value) return string("<span class=\"ne\">not estimable</span> (0 sheets)");
        string v = fmt_stat(*pct_value, 0) + "%" + ci(c, 0, 1, "%") + " <span class=\"n\">" + n(count) + "/" + n(of) +
                   "</span>";
        if (c && (c->hi < expected || c->lo > expected)) v += " <span class=\"below\">&ne;</span>";
        return v;
    };
    for (const auto& b : a.bands) {
        s += "<tr>" + td(n(b.lo) + "&ndash;" + n(b.hi)) +
             td(observed(b.pre_pct, b.pre_ci, b.pre_count, a.pre.complete, b.expected_pre_pct), true) +
             td(fmt_stat(b.expected_pre_pct, 0) + "%", true) +
             td(observed(b.post_pct, b.post_ci, b.post_count, a.post.complete, b.expected_post_pct), true) +
             td(fmt_stat(b.expected_post_pct, 0) + "%", true) + "</tr>";
    }
    s += "</table><p class=\"how\">Observed: share (count/n) of complete research sheets of the session with a total "
         "in the band; interval: Clopper&ndash;Pearson (exact binomial). &ne;: the seed&rsquo;s expectation lies "
         "outside the interval. Expected: the seed&rsquo;s estimates for the audience, from the form.</p>";
    return s;
}

string goals_section(const Form& form, const Analysis& a) {
    string s = "<h2>Gain per understanding goal</h2><table><tr>" + th("Goal") + th("Questions") + th("Max", true) +
               th("Pre", true) + th("Post", true) + th("Gain [95% CI]", true) + "</tr>";
    std::vector<GoalBar> bars;
    for (const auto& g : a.goals) {
        std::vector<string> qs;
        for (const auto& id : g.questions) {
            const Question* q = form.question(id);
            qs.push_back(q ? "Q" + n(q->number) : id);
        }
        const string why = g.pre_n < kMinN || g.post_n < kMinN ? "n &lt; " + n(kMinN) : "no variance";
        s += "<tr>" + td("<b>" + h(g.id) + "</b> " + h(g.text)) + td(h(join(qs, ", "))) + td(n(g.max_points), true) +
             td(pct(g.pre_share) + n_is(g.pre_n), true) + td(pct(g.post_share) + n_is(g.post_n), true) +
             td(pp(g.gain) + (g.gain_ci ? ci(g.gain_ci, 0, 100) : no_ci(why)), true) + "</tr>";
        bars.push_back({g.id, g.pre_share, g.post_share});
    }
    s += "</table><p class=\"how\">Pre and post: mean goal points / the goal&rsquo;s maximum, over complete research "
         "sheets; gain in percentage points, with a bootstrap interval over participants. The maxima come from the "
         "form (sum of the points of the goal&rsquo;s questions). The seed&rsquo;s claim that every goal has 2 "
         "questions worth 2 points does not hold: ";
    std::vector<string> parts;
    for (const auto& g : a.goals) parts.push_back(h(g.id) + " = " + n(g.max_points));
    s += join(parts, ", ") + " points, so goals are compared as shares.</p>";
    s += "<figure>" + svg_goal_bars(bars) +
         "<figcaption>Share of each goal&rsquo;s points reached: <span class=\"sw pre\"></span>pre and "
         "<span class=\"sw post\"></span>post.</figcaption></figure>";
    return s;
}

string misconceptions_section(const Analysis& a) {
    string s = "<h2>Misconceptions</h2><table><tr>" + th("Misconception") + th("Probed by") +
               th("Expected pre", true) + th("Pre [95% CI]", true) + th("Post [95% CI]", true) +
               th("Change [95% CI]", true) + "</tr>";
    for (const auto& m : a.misconceptions) {
        auto prevalence = [](std::optional<double> share, std::optional<Interval> c, int count, int of) {
            return pct(share) + ci(c, 0, 100, "%") + " <span class=\"n\">" + n(count) + "/" + n(of) + "</span>";
        };
        string pre = prevalence(m.pre_share, m.pre_ci, m.pre_count, a.pre.complete);
        if (m.expected && m.pre_ci) {
            if (m.pre_ci->hi < m.expected->lo) pre += "<br><span class=\"below\">lower than expected</span>";
            else if (m.pre_ci->lo > m.expected->hi) pre += "<br><span class=\"above\">higher than expected</span>";
        }
        const string why = a.pre.complete < kMinN || a.post.complete < kMinN ? "n &lt; " + n(kMinN) : "no variance";
        s += "<tr>" + td(h(m.text)) + td(h(m.probes)) + td(h(m.expected_pre), true) + td(pre, true) +
             td(prevalence(m.post_share, m.post_ci, m.post_count, a.post.complete), true) +
             td(pp(m.change) + (m.change_ci ? ci(m.change_ci, 0, 100) : no_ci(why)), true) + "</tr>";
    }
    s += "</table><p class=\"how\">Prevalence = share (count/n) of the session&rsquo;s complete research sheets that "
         "show the misconception at least once: a single mark on a distractor tagged with it, or a number "
         "question answered with one of its misconception values. Intervals: Clopper&ndash;Pearson for a "
         "session&rsquo;s share, bootstrap over participants for the change. Expected pre: the seed&rsquo;s "
         "estimate; &ldquo;lower/higher than expected&rdquo; when the whole interval lies outside it.</p>";
    return s;
}

string items_section(const Form& form, const std::vector<SheetResponses>& sheets, const Analysis& a) {
    auto items = item_analysis(form, sheets);
    string s = "<h2>Items</h2><table><tr>" + th("Question") + th("Goal") + th("Points", true) +
               th("% correct pre", true) + th("% correct post", true) + th("Discrimination pre", true) +
               th("Discrimination post", true) + "</tr>";
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        const ItemStats& pre = items[i];
        const ItemStats& post = items[i + 1];
        const Question* q = form.question(pre.question);
        string name = q ? "Q" + n(q->number) + " " + h(q->title) : h(pre.question);
        s += "<tr>" + td(name) + td(h(pre.goal)) + td(n(pre.max_points), true) + td(pct(pre.difficulty), true) +
             td(pct(post.difficulty), true) + td(value(pre.discrimination), true) +
             td(value(post.discrimination), true) + "</tr>";
    }
    auto kr = [](const SessionStats& st) { return st.kr20 ? fmt_stat(st.kr20) : st.kr20_note; };
    s += "</table><p class=\"how\">% correct (the classical &ldquo;difficulty&rdquo;, items.csv&rsquo;s "
         "<code>difficulty</code>; higher is easier): share of complete research sheets at full points, over " +
         n(a.pre.complete) + " pre and " + n(a.post.complete) +
         " post sheets. Discrimination: point-biserial correlation of full points (1/0) with the rest of the test "
         "(total minus the item); not estimable below " + n(kMinN) +
         " sheets or when everyone or no one got the item. KR-20: pre " + kr(a.pre) + ", post " + kr(a.post) +
         ". Option shares and what each distractor reveals are in items.csv.</p>";
    return s;
}

std::string render_report(const Form& form, const std::vector<SheetResponses>& sheets, const ReportOptions& options) {
    Analysis a = analyze(form, sheets);
    const string title = options.title.empty() ? (form.title.empty() ? string("Pre/post report") : form.title)
                                               : options.title;
    string s = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
               "<title>" + h(title) + " &mdash; pre/post report</title><style>" + kCss + "</style></head><body><main>";
    s += "<header><h1>" + h(title) + "</h1><p class=\"sub\">Pre/post research report";
    if (!form.id.empty()) s += " &middot; form " + h(form.id) + " v" + n(form.version);
    s += "</p>";
    std::vector<string> meta;
    if (!options.generated_at.empty()) meta.push_back("Generated " + h(options.generated_at));
    if (!options.data_source.empty()) meta.push_back("Data: " + h(options.data_source));
    if (!meta.empty()) s += "<p class=\"meta\">" + join(meta, " &middot; ") + "</p>";
    s += "</header>";
    s += banners_section(a);
    s += headline_section(a);
    s += expectations_section(form, a);
    s += counts_section(a);
    s += sessions_section(form, a);
    s += bands_section(a);
    s += goals_section(form, a);
    s += misconceptions_section(a);
    if (options.include_items) s += items_section(form, sheets, a);
    s += "<footer>Made by quizscan from the scanned sheets, the imported digital answers and the form definition. Scores follow the form&rsquo;s "
         "rubric; number answers are scored by the ranges in the form.</footer>";
    s += "</main></body></html>\n";
    return s;
}

}  // namespace quizscan::score
