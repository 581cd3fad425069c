// Rubric scoring edge cases: choice key, multiple marks, blanks, number
// ranges at their boundaries, the Q6/Q7 rubric, pending fields, goals.
#include <gtest/gtest.h>

#include "quiz_fixture.hpp"
#include "score/score.hpp"

using namespace quizscan;
using namespace quizscan::score;
using namespace quizscan::score::testing;

namespace {

// Score of one question with the key everywhere else, changing given fields.
std::optional<int> q_points(const std::string& qid, const std::map<std::string, std::string>& change) {
    static const std::vector<std::string> ids = {"q1", "q2", "q3", "q4", "q5", "q6_int4", "q6_fp16",
                                                 "q7_virginia", "q7_quebec", "q8", "q9", "q10"};
    auto answers = key();
    for (const auto& [id, v] : change)
        for (size_t i = 0; i < ids.size(); ++i)
            if (ids[i] == id) answers[i] = v;
    Form f = quiz_form();
    return score_sheet(f, sheet("100001", "pre", answers)).points(qid);
}

}  // namespace

TEST(Score, FullKeyScoresTwelve) {
    Form f = quiz_form();
    EXPECT_EQ(f.total_points(), 12);
    SheetScore s = score_sheet(f, sheet("100001", "pre", key()));
    EXPECT_TRUE(s.complete);
    EXPECT_TRUE(s.pending.empty());
    ASSERT_TRUE(s.total);
    EXPECT_EQ(*s.total, 12);
    // Goal maxima come from the form, not the seed's "2 points each".
    EXPECT_EQ(goal_max(f, "U1"), 2);
    EXPECT_EQ(goal_max(f, "U2"), 1);
    EXPECT_EQ(goal_max(f, "U3"), 1);
    EXPECT_EQ(goal_max(f, "U4"), 3);
    EXPECT_EQ(goal_max(f, "U5"), 3);
    EXPECT_EQ(goal_max(f, "U6"), 2);
    EXPECT_EQ(s.goal_points("U4"), 3);
    EXPECT_EQ(s.goals.size(), 6u);
}

TEST(Score, ChoiceKeyWrongBlankAndMultipleMarks) {
    EXPECT_EQ(q_points("q1", {{"q1", "b"}}), 1);
    EXPECT_EQ(q_points("q1", {{"q1", "a"}}), 0);
    EXPECT_EQ(q_points("q1", {{"q1", ""}}), 0);     // blank
    EXPECT_EQ(q_points("q1", {{"q1", "ab"}}), 0);   // several marks, even with the key among them
    EXPECT_EQ(q_points("q1", {{"q1", "bc"}}), 0);
    EXPECT_EQ(q_points("q1", {{"q1", "B"}}), 0);    // exact match only
    EXPECT_EQ(q_points("q1", {{"q1", "?"}}), std::nullopt);  // pending
}

TEST(Score, VirginiaBoundaries) {
    // Quebec right throughout, so 2 = Virginia right, 1 = Virginia wrong.
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "175"}}), 2);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "215"}}), 2);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "174.9"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "215.1"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "195000"}}), 1);  // g-to-tonne error
}

TEST(Score, QuebecBoundaries) {
    EXPECT_EQ(q_points("q7", {{"q7_quebec", "0.5"}}), 2);
    EXPECT_EQ(q_points("q7", {{"q7_quebec", "0.7"}}), 2);
    EXPECT_EQ(q_points("q7", {{"q7_quebec", "0.49"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_quebec", "0.71"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_quebec", ".6"}}), 2);
    EXPECT_EQ(q_points("q7", {{"q7_quebec", "0.60"}}), 2);
}

TEST(Score, Q7HasNoCloseCredit) {
    // Both wrong, even if near: no close ranges in Q7, so 0 (not rubric.all_close).
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "170"}, {"q7_quebec", "0.72"}}), 0);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", ""}, {"q7_quebec", ""}}), 0);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", ""}, {"q7_quebec", "0.6"}}), 1);
}

TEST(Score, Q6RightCloseAndWrong) {
    EXPECT_EQ(q_points("q6", {}), 2);
    EXPECT_EQ(q_points("q6", {{"q6_fp16", "50"}}), 1);  // one right
    EXPECT_EQ(q_points("q6", {{"q6_int4", "80"}}), 1);  // one right
    // Both within 20% (the close ranges' ends are included): 1.
    EXPECT_EQ(q_points("q6", {{"q6_int4", "32"}, {"q6_fp16", "80"}}), 1);
    EXPECT_EQ(q_points("q6", {{"q6_int4", "48"}, {"q6_fp16", "120"}}), 1);
    EXPECT_EQ(q_points("q6", {{"q6_int4", "32"}, {"q6_fp16", "120"}}), 1);
    // 31.9 is outside 20%: 0 unless the other one is right.
    EXPECT_EQ(q_points("q6", {{"q6_int4", "31.9"}, {"q6_fp16", "80"}}), 0);
    EXPECT_EQ(q_points("q6", {{"q6_int4", "31.9"}, {"q6_fp16", "100"}}), 1);
    EXPECT_EQ(q_points("q6", {{"q6_int4", "40"}, {"q6_fp16", "120.1"}}), 1);
    EXPECT_EQ(q_points("q6", {{"q6_int4", "48.1"}, {"q6_fp16", "120.1"}}), 0);
    // A blank field is wrong and not close.
    EXPECT_EQ(q_points("q6", {{"q6_int4", ""}, {"q6_fp16", "90"}}), 0);
    EXPECT_EQ(q_points("q6", {{"q6_int4", ""}, {"q6_fp16", "100"}}), 1);
    EXPECT_EQ(q_points("q6", {{"q6_int4", ""}, {"q6_fp16", ""}}), 0);
}

TEST(Score, UnparsableNumbersAreWrong) {
    EXPECT_EQ(q_points("q7", {{"q7_quebec", "0,6"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "195,000"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "abc"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "nan"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", "inf"}}), 1);
    EXPECT_EQ(q_points("q7", {{"q7_virginia", " 195 "}}), 2);  // surrounding spaces are fine
}

TEST(Score, ParseNumber) {
    EXPECT_EQ(parse_number("40"), 40.0);
    EXPECT_EQ(parse_number("0.6"), 0.6);
    EXPECT_EQ(parse_number("+12"), 12.0);
    EXPECT_EQ(parse_number("-3"), -3.0);
    EXPECT_EQ(parse_number(".5"), 0.5);
    EXPECT_FALSE(parse_number(""));
    EXPECT_FALSE(parse_number("  "));
    EXPECT_FALSE(parse_number("1.2.3"));
    EXPECT_FALSE(parse_number("12abc"));
    EXPECT_FALSE(parse_number("1 2"));
    EXPECT_FALSE(parse_number("0,6"));
    EXPECT_FALSE(parse_number("1e999"));
}

TEST(Score, PendingMakesPointsEmptyAndSheetIncomplete) {
    Form f = quiz_form();
    auto answers = key();
    answers[6] = "?";   // q6_fp16
    answers[11] = "?";  // q10
    SheetScore s = score_sheet(f, sheet("100001", "pre", answers));
    EXPECT_FALSE(s.complete);
    EXPECT_FALSE(s.total);
    EXPECT_EQ(s.pending, (std::vector<std::string>{"q6_fp16", "q10"}));
    EXPECT_FALSE(s.points("q6"));
    EXPECT_FALSE(s.points("q10"));
    EXPECT_EQ(s.points("q7"), 2);
    EXPECT_FALSE(s.goal_points("U4"));  // q6 pending
    EXPECT_FALSE(s.goal_points("U6"));  // q10 pending
    EXPECT_EQ(s.goal_points("U5"), 3);
}

TEST(Score, MissingFieldIsPending) {
    Form f = quiz_form();
    SheetResponses s = sheet("100001", "post", key());
    s.fields.erase("q7_quebec");  // back page never scanned, for instance
    SheetScore sc = score_sheet(f, s);
    EXPECT_FALSE(sc.complete);
    EXPECT_EQ(sc.pending, std::vector<std::string>{"q7_quebec"});
    EXPECT_FALSE(sc.points("q7"));
}

TEST(Score, FullPointsMeansAllPoints) {
    Form f = quiz_form();
    const Question& q6 = *f.question("q6");
    EXPECT_TRUE(full_points(q6, 2));
    EXPECT_FALSE(full_points(q6, 1));
    EXPECT_TRUE(full_points(*f.question("q1"), 1));
    EXPECT_FALSE(full_points(*f.question("q1"), 0));
}
