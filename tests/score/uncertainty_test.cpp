// The report's uncertainty: the paired headline worked by hand on the fixture cohort,
// cautions and "not estimable" below 10, intervals once there are enough participants,
// the draft banner, the seed's expectations beside the observed figures, and the counts
// of paper and digital sheets.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "cohort_fixture.hpp"
#include "score/analysis.hpp"
#include "score/report.hpp"

using namespace quizscan;
using namespace quizscan::score;
using namespace quizscan::score::testing;

namespace {

bool has(const std::string& html, const std::string& what) { return html.find(what) != std::string::npos; }

// 14 participants with complete pre and post sheets, answers varied by a fixed rule:
// enough for every interval. Question j of participant i is right before the tutorial
// when (3i + 7j) % 10 < 3 + i % 4, after it when (3i + 7j) % 10 < 6 + i % 4.
std::vector<SheetResponses> larger_cohort() {
    const std::vector<std::string> wrong = {"a", "b", "a", "a", "b", "80", "50", "195000", "6", "a", "d", "c"};
    std::vector<SheetResponses> v;
    for (int i = 0; i < 14; ++i) {
        for (const char* session : {"pre", "post"}) {
            const int bar = (std::string(session) == "pre" ? 3 : 6) + i % 4;
            std::vector<std::string> answers;
            for (int j = 0; j < 12; ++j) answers.push_back((3 * i + 7 * j) % 10 < bar ? key()[j] : wrong[j]);
            v.push_back(sheet(std::to_string(300000 + i), session, answers));
        }
    }
    return v;
}

}  // namespace

// Paired participants 100001..100004: pre {4, 6, 5, 3}, post {9, 10, 8, 7}.
// Pre mean 4.5, SD sqrt(5/3) = 1.29099; post mean 8.5, SD sqrt(5/3). Pooled SD sqrt(5/3):
// d = 4 / 1.29099 = 3.09839. J(3) = Gamma(1.5) / (sqrt(1.5) Gamma(1)) = (sqrt(pi) / 2) / sqrt(1.5)
// = 0.723601; g = 2.24200. Gains {5, 4, 3, 4}: mean 4, SD sqrt(2/3); t(0.975, 3) = 3.18245:
// gain interval 4 -+ 3.18245 * 0.816497 / 2 = [2.70083, 5.29917].
TEST(Uncertainty, PairedHeadlineByHand) {
    const Analysis a = analyze(quiz_form(), cohort());
    const PairedEffect& e = a.effect;
    EXPECT_EQ(e.n, 4);
    EXPECT_DOUBLE_EQ(*e.pre_mean, 4.5);
    EXPECT_DOUBLE_EQ(*e.post_mean, 8.5);
    EXPECT_NEAR(*e.d, 4 / std::sqrt(5.0 / 3.0), 1e-12);
    EXPECT_NEAR(*e.d, 3.09839, 1e-5);
    const double j3 = std::sqrt(std::numbers::pi) / 2 / std::sqrt(1.5);
    EXPECT_NEAR(*e.g, j3 * 4 / std::sqrt(5.0 / 3.0), 1e-12);
    EXPECT_NEAR(*e.g, 2.24200, 1e-5);
    EXPECT_NEAR(*e.dz, std::sqrt(24.0), 1e-12);
    // Deviations pre -.5 1.5 .5 -1.5, post .5 1.5 -.5 -1.5: r = 4 / 5 = 0.8. Equal SDs, so
    // d_z = d / sqrt(2 (1 - r)) exactly.
    EXPECT_NEAR(*e.r, 0.8, 1e-12);
    EXPECT_NEAR(*e.dz, *e.d / std::sqrt(2 * (1 - *e.r)), 1e-12);
    ASSERT_TRUE(e.gain_ci);
    EXPECT_NEAR(e.gain_ci->lo, 2.70083, 1e-4);
    EXPECT_NEAR(e.gain_ci->hi, 5.29917, 1e-4);
    ASSERT_TRUE(e.t_test && e.wilcoxon);
    EXPECT_NEAR(e.t_test->t, std::sqrt(96.0), 1e-12);
    EXPECT_NEAR(e.wilcoxon->p, 0.125, 1e-12);
    // Fewer than 10: no bootstrap interval.
    EXPECT_FALSE(e.d_ci);
    EXPECT_FALSE(e.dz_ci);
    EXPECT_FALSE(a.goals[0].gain_ci);
    EXPECT_FALSE(a.misconceptions[0].change_ci);
    // Exact intervals exist at any n: Clopper-Pearson for 4 of 6 holds 4/6.
    ASSERT_TRUE(a.misconceptions[0].pre_ci);
    EXPECT_LT(a.misconceptions[0].pre_ci->lo, 4.0 / 6);
    EXPECT_GT(a.misconceptions[0].pre_ci->hi, 4.0 / 6);
}

TEST(Uncertainty, SmallNIsCautionedAndNotEstimable) {
    const std::string html = render_report(quiz_form(), cohort());
    EXPECT_TRUE(has(html, "Only 4 paired participants (fewer than 10)")) << "caution banner";
    EXPECT_TRUE(has(html, "&#9888; n&nbsp;=&nbsp;4 &lt; 10"));
    EXPECT_TRUE(has(html, "KR-20")) << html;
    EXPECT_TRUE(has(html, "not estimable: 6 sheets (needs 10)"));  // KR-20 pre
    EXPECT_TRUE(has(html, "not estimable: 4 sheets (needs 10)"));  // KR-20 post
    EXPECT_TRUE(has(html, "<b>3.10</b> <span class=\"ci\">[no CI: n &lt; 10]</span>"));
    EXPECT_TRUE(has(html, "% correct pre"));
    EXPECT_FALSE(has(html, "Difficulty pre"));
    EXPECT_FALSE(has(html, "n/a"));
    // The headline says which d it is, and both d and d_z are there.
    EXPECT_TRUE(has(html, "Paired participants (the headline)"));
    EXPECT_TRUE(has(html, "<b>3.10</b>"));   // Cohen's d of the paired participants
    EXPECT_TRUE(has(html, "2.24"));          // Hedges' g
    EXPECT_TRUE(has(html, "t(3) = 9.80, p = 0.002"));
    EXPECT_TRUE(has(html, "V = 10.0, exact p = 0.125"));
}

TEST(Uncertainty, DraftBannerOnlyWhilePending) {
    // 100007 post has q3 pending and 100008's opt-out mark is pending: 1 + 2 sheets.
    const std::string draft = render_report(quiz_form(), cohort());
    EXPECT_TRUE(has(draft, "Draft &mdash; 3 sheets pending review."));
    std::vector<SheetResponses> done;
    for (const auto& s : cohort())
        if (s.participant_id != "100007" && s.participant_id != "100008") done.push_back(s);
    const std::string final_report = render_report(quiz_form(), done);
    EXPECT_FALSE(has(final_report, "Draft &mdash;"));
    EXPECT_FALSE(has(final_report, "pending review.</b>"));
}

TEST(Uncertainty, EnoughParticipantsGiveIntervals) {
    const Analysis a = analyze(quiz_form(), larger_cohort());
    const PairedEffect& e = a.effect;
    ASSERT_EQ(e.n, 14);
    ASSERT_TRUE(e.d && e.d_ci && e.g && e.g_ci && e.dz && e.dz_ci && e.gain_ci);
    EXPECT_LT(e.d_ci->lo, *e.d);
    EXPECT_GT(e.d_ci->hi, *e.d);
    EXPECT_LT(e.dz_ci->lo, *e.dz);
    EXPECT_GT(e.dz_ci->hi, *e.dz);
    EXPECT_LT(*e.g, *e.d);  // J < 1
    ASSERT_TRUE(a.groups.d_ci);
    ASSERT_TRUE(a.pre.kr20 && a.pre.kr20_ci);
    EXPECT_LT(a.pre.kr20_ci->lo, *a.pre.kr20);
    EXPECT_GT(a.pre.kr20_ci->hi, *a.pre.kr20);
    ASSERT_TRUE(a.goals[0].gain && a.goals[0].gain_ci);
    EXPECT_LE(a.goals[0].gain_ci->lo, *a.goals[0].gain);
    EXPECT_GE(a.goals[0].gain_ci->hi, *a.goals[0].gain);
    // The same seed: the same report twice.
    EXPECT_EQ(render_report(quiz_form(), larger_cohort()), render_report(quiz_form(), larger_cohort()));
    const std::string html = render_report(quiz_form(), larger_cohort());
    EXPECT_FALSE(has(html, "Only 14 paired"));
    EXPECT_FALSE(has(html, "[no CI: n &lt; 10"));
}

TEST(Uncertainty, ExpectationsBesideObserved) {
    Form f = quiz_form();
    f.expected = {5.5, 2.5, 8.5, 2.0, 1.2};
    const std::string html = render_report(f, cohort());
    EXPECT_TRUE(has(html, "Observed against the seed&rsquo;s expectations"));
    // Pre {4,6,5,3,7,5}: mean 5, SD sqrt 2, t(0.975, 5) = 2.57058: 5 -+ 1.48413 = [3.52, 6.48], holds 5.5.
    EXPECT_TRUE(has(html, "5.5 (SD 2.5)"));
    EXPECT_TRUE(has(html, "5.00 <span class=\"ci\">[3.52, 6.48]</span>"));
    EXPECT_TRUE(has(html, "consistent with the expectation"));
    // Without expectations in the form: no section.
    EXPECT_FALSE(has(render_report(quiz_form(), cohort()), "seed&rsquo;s expectations</h2>"));
    // A post mean expected far above what was seen is called out.
    f.expected.post_mean = 11.5;
    EXPECT_TRUE(has(render_report(f, cohort()), "lower than expected"));
}

TEST(Uncertainty, ExpectedRangesParse) {
    auto r = parse_expected_range("40\u201350%");
    ASSERT_TRUE(r);
    EXPECT_DOUBLE_EQ(r->lo, 0.40);
    EXPECT_DOUBLE_EQ(r->hi, 0.50);
    EXPECT_DOUBLE_EQ(parse_expected_range("20-30%")->hi, 0.30);
    EXPECT_DOUBLE_EQ(parse_expected_range("35%")->lo, 0.35);
    EXPECT_FALSE(parse_expected_range("about a third"));
    EXPECT_FALSE(parse_expected_range("50-40%"));
    // more-flops is expected at 40-50%; the fixture has 4 of 6 (interval 22%..96%): consistent.
    const Analysis a = analyze(quiz_form(), cohort());
    ASSERT_TRUE(a.misconceptions[0].expected);
    EXPECT_DOUBLE_EQ(a.misconceptions[0].expected->lo, 0.40);
}

TEST(Uncertainty, PaperAndDigitalCounted) {
    auto sheets = cohort();
    for (auto& s : sheets)
        if (s.participant_id == "100002" || s.participant_id == "100005") s.digital = true;
    const Analysis a = analyze(quiz_form(), sheets);
    EXPECT_EQ(a.digital_sheets, 4);            // 100002 and 100005, two sheets each
    EXPECT_EQ(a.digital_research_sheets, 2);   // 100005 opted out
    const std::string html = render_report(quiz_form(), sheets);
    EXPECT_TRUE(has(html, "sheets (11 paper, 4&nbsp;digital)"));
    EXPECT_TRUE(has(html, "<td class=\"num\">11 / 4</td>"));   // all sheets: paper / digital
    EXPECT_TRUE(has(html, "<td class=\"num\">9 / 2</td>"));    // research sheets
}
