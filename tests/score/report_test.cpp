// The fixture cohort's research figures, worked out by hand below, against
// analyze(), item_analysis(), render_report() and summary_text().
#include <gtest/gtest.h>

#include <cmath>

#include "cohort_fixture.hpp"
#include "score/analysis.hpp"
#include "score/html.hpp"
#include "score/items.hpp"
#include "score/report.hpp"
#include "score/summary.hpp"

using namespace quizscan;
using namespace quizscan::score;
using namespace quizscan::score::testing;

// Counts. 15 sheets from 8 participants. 100005 opted out (2 sheets);
// 100008's opt-out mark is pending (2 sheets). Research: 100001-100004, 100006,
// 100007 = 6 participants, 4*2 + 1 + 2 = 11 sheets, one pending (100007 post).
// Paired: 100001-100004 = 4. Unpaired: 100006. Pair awaiting review: 100007.
TEST(Report, Counts) {
    Analysis a = analyze(quiz_form(), cohort());
    EXPECT_EQ(a.sheets_total, 15);
    EXPECT_EQ(a.participants_total, 8);
    EXPECT_EQ(a.opted_out_participants, 1);
    EXPECT_EQ(a.opted_out_sheets, 2);
    EXPECT_EQ(a.consent_pending_participants, 1);
    EXPECT_EQ(a.consent_pending_sheets, 2);
    EXPECT_EQ(a.research_participants, 6);
    EXPECT_EQ(a.research_sheets, 11);
    EXPECT_EQ(a.pending_review_sheets, 1);
    EXPECT_EQ(a.paired, 4);
    EXPECT_EQ(a.unpaired, 1);
    EXPECT_EQ(a.pair_awaiting_review, 1);
    EXPECT_EQ(a.pre.complete, 6);
    EXPECT_EQ(a.post.complete, 4);
    EXPECT_EQ(a.post.sheets, 5);
}

// Pre totals (100001, 02, 03, 04, 06, 07) = {4, 6, 5, 3, 7, 5}: sum 30, mean 5.
//   deviations -1, 1, 0, -2, 2, 0 -> squares 1+1+0+4+4+0 = 10; var = 10/5 = 2; SD = sqrt(2) = 1.41421.
// Post totals (100001..04) = {9, 10, 8, 7}: sum 34, mean 8.5.
//   deviations .5, 1.5, -.5, -1.5 -> squares .25+2.25+.25+2.25 = 5; var = 5/3; SD = 1.29099.
// Gain = 8.5 - 5 = 3.5. Pooled SD = sqrt((2 + 5/3)/2) = sqrt(11/6) = 1.35401.
// Cohen's d = 3.5 / 1.35401 = 2.58492.
// Paired differences: 9-4 = 5, 10-6 = 4, 8-5 = 3, 7-3 = 4: mean 4;
//   deviations 1, 0, -1, 0 -> ss 2; var 2/3; sd = 0.816497; d_z = 4 / 0.816497 = 4.89898 (= sqrt(24)).
TEST(Report, MeansSdsAndEffectSizes) {
    Analysis a = analyze(quiz_form(), cohort());
    EXPECT_EQ(a.pre.totals, (std::vector<double>{4, 6, 5, 3, 7, 5}));
    EXPECT_EQ(a.post.totals, (std::vector<double>{9, 10, 8, 7}));
    EXPECT_DOUBLE_EQ(*a.pre.mean, 5.0);
    EXPECT_NEAR(*a.pre.sd, std::sqrt(2.0), 1e-12);
    EXPECT_DOUBLE_EQ(*a.post.mean, 8.5);
    EXPECT_NEAR(*a.post.sd, std::sqrt(5.0 / 3.0), 1e-12);
    EXPECT_DOUBLE_EQ(*a.gain, 3.5);
    EXPECT_NEAR(*a.pooled_sd, std::sqrt(11.0 / 6.0), 1e-12);
    EXPECT_NEAR(*a.pooled_sd, 1.35401, 1e-5);
    EXPECT_NEAR(*a.cohens_d, 3.5 / std::sqrt(11.0 / 6.0), 1e-12);
    EXPECT_NEAR(*a.cohens_d, 2.58492, 1e-5);
    EXPECT_DOUBLE_EQ(*a.mean_paired_gain, 4.0);
    EXPECT_NEAR(*a.sd_paired_gain, std::sqrt(2.0 / 3.0), 1e-12);
    EXPECT_NEAR(*a.dz, std::sqrt(24.0), 1e-12);
    EXPECT_NEAR(*a.dz, 4.89898, 1e-5);
}

// Bands. Pre {4,6,5,3,7,5}: 0-3 {3} = 1, 4-6 {4,6,5,5} = 4, 7-9 {7} = 1, 10-12 = 0.
// Post {9,10,8,7}: 0-3 = 0, 4-6 = 0, 7-9 {9,8,7} = 3, 10-12 {10} = 1 -> 75% and 25%.
TEST(Report, Bands) {
    Analysis a = analyze(quiz_form(), cohort());
    ASSERT_EQ(a.bands.size(), 4u);
    EXPECT_EQ(a.bands[0].pre_count, 1);
    EXPECT_EQ(a.bands[1].pre_count, 4);
    EXPECT_EQ(a.bands[2].pre_count, 1);
    EXPECT_EQ(a.bands[3].pre_count, 0);
    EXPECT_EQ(a.bands[0].post_count, 0);
    EXPECT_EQ(a.bands[1].post_count, 0);
    EXPECT_EQ(a.bands[2].post_count, 3);
    EXPECT_EQ(a.bands[3].post_count, 1);
    EXPECT_NEAR(*a.bands[1].pre_pct, 4.0 / 6.0 * 100, 1e-9);
    EXPECT_NEAR(*a.bands[2].post_pct, 75.0, 1e-9);
    EXPECT_DOUBLE_EQ(a.bands[1].expected_pre_pct, 45);
    // Histogram: pre has two sheets at 5.
    EXPECT_EQ(a.pre.histogram.size(), 13u);
    EXPECT_EQ(a.pre.histogram[5], 2);
    EXPECT_EQ(a.post.histogram[10], 1);
}

// Goal U1 (q1 + q2, max 2). Pre U1 points: 0, 2, 1, 0, 2, 1 = 6 over 6 sheets:
// mean 1 -> share 1/2 = 50%. Post: 2, 2, 1, 2 = 7 over 4: mean 1.75 -> 87.5%.
// Gain = 87.5% - 50% = +37.5 pp. U4 (q5 + q6) max 3, U2 max 1.
TEST(Report, GoalGain) {
    Analysis a = analyze(quiz_form(), cohort());
    ASSERT_EQ(a.goals.size(), 6u);
    const GoalRow& u1 = a.goals[0];
    EXPECT_EQ(u1.id, "U1");
    EXPECT_EQ(u1.max_points, 2);
    EXPECT_DOUBLE_EQ(*u1.pre_share, 0.5);
    EXPECT_DOUBLE_EQ(*u1.post_share, 0.875);
    EXPECT_DOUBLE_EQ(*u1.gain, 0.375);
    EXPECT_EQ(a.goals[1].max_points, 1);
    EXPECT_EQ(a.goals[3].max_points, 3);
    EXPECT_EQ(a.goals[3].questions, (std::vector<std::string>{"q5", "q6"}));
}

// "More FLOPS = faster" (Q1(a), Q2(b)). Pre: 100001 (a, b), 100003 (q2 b), 100004 (q1 a),
// 100007 (q1 a) = 4 of 6 = 66.7%. Post: 100003 (q2 b) = 1 of 4 = 25%.
// "Quantization is just a latency trick" (Q5(b), q6_fp16 = 50). Pre: 100001 (50),
// 100002 (50), 100003 (q5 b), 100007 (q5 b and 50) = 4 of 6. Post: 100004 (50) = 1 of 4.
// "AllReduce scales linearly" (Q4(c), which also counts for "more GPUs"): pre 100002 = 1 of 6.
TEST(Report, MisconceptionPrevalence) {
    Analysis a = analyze(quiz_form(), cohort());
    ASSERT_EQ(a.misconceptions.size(), 6u);
    const MisconceptionRow& flops = a.misconceptions[0];
    EXPECT_EQ(flops.id, "more-flops");
    EXPECT_EQ(flops.pre_count, 4);
    EXPECT_EQ(flops.post_count, 1);
    EXPECT_NEAR(*flops.pre_share, 4.0 / 6.0, 1e-12);
    EXPECT_DOUBLE_EQ(*flops.post_share, 0.25);
    EXPECT_EQ(flops.probes, "Q1(a), Q2(b)");
    const MisconceptionRow& quant = a.misconceptions[2];
    EXPECT_EQ(quant.pre_count, 4);
    EXPECT_EQ(quant.post_count, 1);
    EXPECT_EQ(quant.probes, "Q5(b), Q6 (q6_fp16=50)");
    EXPECT_EQ(a.misconceptions[5].pre_count, 1);  // allreduce-linear: 100002 chose Q4(c)
    EXPECT_EQ(a.misconceptions[1].pre_count, 1);  // more-gpus: 100002 (Q3 a and Q4 c), one sheet
}

// Items. q1 pre: choices a, b, b, a, b, a -> share a = b = .5, difficulty .5.
// correct {0,1,1,0,1,0}; rest = total - q1 points = {4,5,4,3,6,5} (mean 4.5).
// x deviations -.5,.5,.5,-.5,.5,-.5; y deviations -.5,.5,-.5,-1.5,1.5,.5;
// sxy = .25+.25-.25+.75+.75-.25 = 1.5; sxx = 1.5; syy = .25*4 + 2.25*2 = 5.5;
// r = 1.5 / sqrt(1.5 * 5.5) = 0.522233.
// q10 pre: c, blank, "bc", d, b, b -> blank 1/6, multiple 1/6, b 2/6, nobody right: r n/a.
TEST(Report, ItemAnalysis) {
    auto items = item_analysis(quiz_form(), cohort());
    ASSERT_EQ(items.size(), 20u);
    const ItemStats& q1 = items[0];
    EXPECT_EQ(q1.question, "q1");
    EXPECT_EQ(q1.session, "pre");
    EXPECT_EQ(q1.n, 6);
    EXPECT_DOUBLE_EQ(*q1.option_share[0].second, 0.5);
    EXPECT_DOUBLE_EQ(*q1.option_share[1].second, 0.5);
    EXPECT_DOUBLE_EQ(*q1.difficulty, 0.5);
    // r would be 1.5 / sqrt(1.5 * 5.5) = 0.522 (stats_test checks the formula), but 6 sheets
    // are too few: not estimable.
    EXPECT_FALSE(q1.discrimination);
    EXPECT_EQ(items[1].session, "post");
    EXPECT_EQ(items[1].n, 4);
    const ItemStats& q10 = items[18];
    EXPECT_EQ(q10.question, "q10");
    EXPECT_NEAR(*q10.share_blank, 1.0 / 6, 1e-12);
    EXPECT_NEAR(*q10.share_multiple, 1.0 / 6, 1e-12);
    EXPECT_NEAR(*q10.option_share[1].second, 2.0 / 6, 1e-12);
    EXPECT_DOUBLE_EQ(*q10.difficulty, 0.0);
    EXPECT_FALSE(q10.discrimination);
    // q6 pre: (80,50) 0, (40,50) 1, (32,120) 1, blank 0, (40,100) 2, (40,50) 1:
    // full 1/6, partial 3/6, blank 1/6, misconception value 50: 100001, 100002, 100007 = 3/6.
    const ItemStats& q6 = items[10];
    EXPECT_EQ(q6.question, "q6");
    EXPECT_NEAR(*q6.difficulty, 1.0 / 6, 1e-12);
    EXPECT_NEAR(*q6.share_partial, 3.0 / 6, 1e-12);
    EXPECT_NEAR(*q6.share_blank, 1.0 / 6, 1e-12);
    EXPECT_NEAR(*q6.share_number_misconception, 3.0 / 6, 1e-12);
    EXPECT_FALSE(q6.share_multiple);
}

TEST(Report, HtmlShowsTheNumbersAndIsSelfContained) {
    std::string html = render_report(quiz_form(), cohort(), {.generated_at = "2026-06-21 17:05"});
    EXPECT_NE(html.find("<!DOCTYPE html>"), std::string::npos);
    EXPECT_NE(html.find("<svg"), std::string::npos);
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // only the SVG namespace
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_EQ(html.find("nan"), std::string::npos);
    EXPECT_NE(html.find("5.00"), std::string::npos);   // pre mean
    EXPECT_NE(html.find("8.50"), std::string::npos);   // post mean
    EXPECT_NE(html.find("+3.50"), std::string::npos);  // gain of the session means
    EXPECT_NE(html.find("2.58"), std::string::npos);   // Cohen's d, sessions as groups
    EXPECT_NE(html.find("4.90"), std::string::npos);   // d_z
    EXPECT_NE(html.find("+38 pp"), std::string::npos); // U1 gain 37.5 pp, rounded
    EXPECT_NE(html.find("67% <span class=\"ci\">"), std::string::npos);  // more-flops pre, with its interval
    EXPECT_NE(html.find("4/6"), std::string::npos);
    EXPECT_NE(html.find("2026-06-21 17:05"), std::string::npos);
    // Opted-out participant never appears; the count does.
    EXPECT_EQ(html.find("100005"), std::string::npos);
    EXPECT_NE(html.find("NO RESEARCH"), std::string::npos);
}

TEST(Report, EscapesFormText) {
    Form f = quiz_form();
    f.title = "Quiz <script>alert('x')</script> & more";
    f.goals[0].text = "<b>bold</b>";
    f.misconceptions[0].text = "\"FLOPS\" > bandwidth";
    std::string html = render_report(f, cohort());
    EXPECT_EQ(html.find("<script>"), std::string::npos);
    EXPECT_NE(html.find("Quiz &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"), std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(html.find("&quot;FLOPS&quot; &gt; bandwidth"), std::string::npos);
    EXPECT_EQ(html_escape("a&b<c>\"'"), "a&amp;b&lt;c&gt;&quot;&#39;");
}

TEST(Report, EmptyInputSaysNotApplicable) {
    Analysis a = analyze(quiz_form(), {});
    EXPECT_FALSE(a.pre.mean);
    EXPECT_FALSE(a.cohens_d);
    std::string html = render_report(quiz_form(), {});
    EXPECT_NE(html.find("n/a"), std::string::npos);
    EXPECT_EQ(html.find("nan"), std::string::npos);
    EXPECT_EQ(html.find("inf"), std::string::npos);
    std::string text = summary_text(quiz_form(), {});
    EXPECT_NE(text.find("n/a"), std::string::npos);
}

TEST(Report, SummaryText) {
    std::string text = summary_text(quiz_form(), cohort());
    EXPECT_NE(text.find("Sheets: 15 from 8 participants"), std::string::npos) << text;
    EXPECT_NE(text.find("mean 5.00"), std::string::npos) << text;
    EXPECT_NE(text.find("mean 8.50"), std::string::npos) << text;
    EXPECT_NE(text.find("gain +3.50 points"), std::string::npos) << text;
    EXPECT_NE(text.find("Cohen's d 2.58"), std::string::npos) << text;
    EXPECT_NE(text.find("Paired (headline), n=4 - CAUTION: fewer than 10"), std::string::npos) << text;
    EXPECT_NE(text.find("gain +4.00 [2.70, 5.30]"), std::string::npos) << text;
    EXPECT_NE(text.find("d_z 4.90"), std::string::npos) << text;
    EXPECT_NE(text.find("t(3)=9.80 p=0.002"), std::string::npos) << text;
    EXPECT_NE(text.find("Wilcoxon: V=10.0 exact p=0.125"), std::string::npos) << text;
    EXPECT_NE(text.find("DRAFT - 3 sheets pending review"), std::string::npos) << text;
}
