// Form loader: the shipped MLSys·im form loads with the seed's key, goals and rubric,
// and each kind of broken definition throws FormError naming the file, the line and the problem.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "form/load_form.hpp"

using namespace quizscan;

namespace {

const std::string kFormPath = std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml";

const Form& shipped() {
    static const Form f = load_form(kFormPath);
    return f;
}

const Question& q(const std::string& id) {
    const Question* p = shipped().question(id);
    if (!p) throw std::runtime_error("no question " + id);
    return *p;
}

const NumberField& num(const std::string& qid, const std::string& fid) {
    for (const auto& n : q(qid).numbers)
        if (n.id == fid) return n;
    throw std::runtime_error("no number field " + fid);
}

// ---------------------------------------------------------------- the shipped form

TEST(ShippedForm, LoadsTenQuestionsTwelvePoints) {
    const Form& f = shipped();
    EXPECT_EQ(f.id, "mlsysim-quiz");
    EXPECT_EQ(f.version, 1);
    EXPECT_EQ(f.source_path, kFormPath);
    ASSERT_EQ(f.questions.size(), 10u);
    EXPECT_EQ(f.total_points(), 12);
    for (int i = 0; i < 10; ++i) {
        EXPECT_EQ(f.questions[static_cast<size_t>(i)].id, "q" + std::to_string(i + 1));
        EXPECT_EQ(f.questions[static_cast<size_t>(i)].number, i + 1);
    }
    EXPECT_EQ(f.consent_title, "Research Participation Notice");
    EXPECT_EQ(f.consent.size(), 3u);
    EXPECT_NE(f.no_research_label.find("NO RESEARCH"), std::string::npos);
    EXPECT_EQ(f.misconceptions.size(), 6u);
    EXPECT_EQ(f.bands.size(), 4u);
}

TEST(ShippedForm, FieldIdsInExportOrder) {
    const std::vector<std::string> want = {"q1", "q2", "q3", "q4", "q5", "q6_int4", "q6_fp16",
                                           "q7_virginia", "q7_quebec", "q8", "q9", "q10"};
    EXPECT_EQ(shipped().field_ids(), want);
}

TEST(ShippedForm, AnswerKeyAndKinds) {
    std::string key;
    for (const auto& qu : shipped().questions) {
        if (!key.empty()) key += ' ';
        key += qu.kind == QuestionKind::Choice ? qu.answer : "_";
    }
    EXPECT_EQ(key, "b a b b a _ _ b a a");
    for (const auto& qu : shipped().questions) {
        if (qu.kind != QuestionKind::Choice) continue;
        ASSERT_EQ(qu.options.size(), 4u) << qu.id;
        EXPECT_EQ(qu.options[0].value, "a");
        EXPECT_EQ(qu.options[3].value, "d");
        EXPECT_EQ(qu.points, 1) << qu.id;
        for (const auto& o : qu.options) EXPECT_FALSE(o.text.empty()) << qu.id << o.value;
    }
}

TEST(ShippedForm, GoalsAsTheSeedsScoringSummary) {
    // The seed's per-question table (Q1 U1 ... Q10 U6). Its "Coverage" line ("each goal
    // 2 questions, 2 points") contradicts that table: U2 and U3 have 1 point, U4 and U5 3.
    const Form& f = shipped();
    ASSERT_EQ(f.goals.size(), 6u);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(f.goals[static_cast<size_t>(i)].id, "U" + std::to_string(i + 1));
    const std::vector<std::string> goal_of = {"U1", "U1", "U2", "U3", "U4", "U4", "U5", "U5", "U6", "U6"};
    for (size_t i = 0; i < 10; ++i) EXPECT_EQ(f.questions[i].goal, goal_of[i]) << f.questions[i].id;
    const std::map<std::string, int> want = {{"U1", 2}, {"U2", 1}, {"U3", 1}, {"U4", 3}, {"U5", 3}, {"U6", 2}};
    for (const auto& g : f.goals) {
        EXPECT_FALSE(g.text.empty()) << g.id;
        int points = 0;
        for (const auto& qu : f.questions)
            if (qu.goal == g.id) points += qu.points;
        EXPECT_EQ(points, want.at(g.id)) << g.id;
    }
}

TEST(ShippedForm, PagesFrontAndBack) {
    for (const auto& qu : shipped().questions) EXPECT_EQ(qu.page, qu.number <= 5 ? 1 : 2) << qu.id;
}

TEST(ShippedForm, Q6RubricAsTheSeedSays) {
    const Question& q6 = q("q6");
    EXPECT_EQ(q6.kind, QuestionKind::Numbers);
    EXPECT_EQ(q6.points, 2);
    const NumberField& int4 = num("q6", "q6_int4");
    EXPECT_DOUBLE_EQ(int4.correct, 40);
    EXPECT_DOUBLE_EQ(int4.accept.lo, 40);
    EXPECT_DOUBLE_EQ(int4.accept.hi, 40);
    ASSERT_TRUE(int4.close.has_value());
    EXPECT_DOUBLE_EQ(int4.close->lo, 32);
    EXPECT_DOUBLE_EQ(int4.close->hi, 48);
    const NumberField& fp16 = num("q6", "q6_fp16");
    EXPECT_DOUBLE_EQ(fp16.correct, 100);
    EXPECT_DOUBLE_EQ(fp16.accept.lo, 100);
    EXPECT_DOUBLE_EQ(fp16.accept.hi, 100);
    ASSERT_TRUE(fp16.close.has_value());
    EXPECT_DOUBLE_EQ(fp16.close->lo, 80);
    EXPECT_DOUBLE_EQ(fp16.close->hi, 120);
    EXPECT_EQ(fp16.misconception_values, std::vector<double>{50});
    EXPECT_EQ(q6.number_misconception, "quant-latency");
    // 2 both correct; 1 one correct or both within 20%.
    EXPECT_EQ(q6.rubric.all_correct, 2);
    EXPECT_EQ(q6.rubric.any_correct, 1);
    EXPECT_EQ(q6.rubric.all_close, 1);
    for (const auto* n : {&int4, &fp16}) {
        EXPECT_EQ(n->int_boxes, 6);
        EXPECT_EQ(n->decimal_boxes, 2);
    }
}

TEST(ShippedForm, Q7RubricAsTheSeedSays) {
    const Question& q7 = q("q7");
    EXPECT_EQ(q7.kind, QuestionKind::Numbers);
    EXPECT_EQ(q7.points, 2);
    const NumberField& va = num("q7", "q7_virginia");
    EXPECT_DOUBLE_EQ(va.correct, 195);
    EXPECT_DOUBLE_EQ(va.accept.lo, 175);
    EXPECT_DOUBLE_EQ(va.accept.hi, 215);
    EXPECT_TRUE(va.accept.contains(175));
    EXPECT_TRUE(va.accept.contains(215));
    EXPECT_FALSE(va.accept.contains(174.9));
    EXPECT_FALSE(va.close.has_value());
    const NumberField& qc = num("q7", "q7_quebec");
    EXPECT_DOUBLE_EQ(qc.correct, 0.6);
    EXPECT_DOUBLE_EQ(qc.accept.lo, 0.5);
    EXPECT_DOUBLE_EQ(qc.accept.hi, 0.7);
    EXPECT_FALSE(qc.close.has_value());
    EXPECT_EQ(q7.rubric.all_correct, 2);
    EXPECT_EQ(q7.rubric.any_correct, 1);
    EXPECT_EQ(q7.rubric.all_close, 0);
}

// The seed's "Expected Score Distributions" and time limit, for the report and the digital import.
TEST(ShippedForm, ExpectationsAndTimeLimit) {
    const Expectations& x = shipped().expected;
    EXPECT_DOUBLE_EQ(*x.pre_mean, 5.5);
    EXPECT_DOUBLE_EQ(*x.pre_sd, 2.5);
    EXPECT_DOUBLE_EQ(*x.post_mean, 8.5);
    EXPECT_DOUBLE_EQ(*x.post_sd, 2.0);
    EXPECT_DOUBLE_EQ(*x.cohens_d, 1.2);
    EXPECT_EQ(shipped().time_limit_minutes, 5);
}

TEST(ShippedForm, MissingFileNamesThePath) {
    try {
        load_form("/nonexistent/dir/quiz.yaml");
        FAIL() << "no FormError";
    } catch (const FormError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/quiz.yaml"), std::string::npos) << e.what();
    }
}

// ---------------------------------------------------------------- broken definitions

// A small valid form, held as lines so a test can change one and knows its line number.
struct Doc {
    std::vector<std::string> lines = {
        "form: tiny",                                          // 1
        "version: 1",                                          // 2
        "title: \"Tiny\"",                                     // 3
        "consent:",                                            // 4
        "  title: \"Notice\"",                                 // 5
        "  paragraphs: [\"p\"]",                               // 6
        "  no_research_label: \"NO\"",                         // 7
        "goals:",                                              // 8
        "  - {id: U1, text: \"g1\"}",                          // 9
        "misconceptions:",                                     // 10
        "  - {id: m1, text: \"mc\"}",                          // 11
        "questions:",                                          // 12
        "  - id: q1",                                          // 13
        "    page: 1",                                         // 14
        "    type: choice",                                    // 15
        "    title: \"T1\"",                                   // 16
        "    goal: U1",                                        // 17
        "    points: 1",                                       // 18
        "    stem: \"S1\"",                                    // 19
        "    answer: b",                                       // 20
        "    options:",                                        // 21
        "      - {value: a, text: \"A\", misconceptions: [m1]}",  // 22
        "      - {value: b, text: \"B\"}",                     // 23
        "  - id: q2",                                          // 24
        "    page: 2",                                         // 25
        "    type: numbers",                                   // 26
        "    title: \"T2\"",                                   // 27
        "    goal: U1",                                        // 28
        "    points: 2",                                       // 29
        "    stem: \"S2\"",                                    // 30
        "    numbers:",                                        // 31
        "      - {id: q2_x, label: \"X\", correct: 40, accept: [40, 40], close: [32, 48]}",  // 32
        "      - {id: q2_y, label: \"Y\", correct: 0.6, accept: [0.5, 0.7]}",                // 33
        "    rubric:",                                         // 34
        "      all_correct: 2",                                // 35
        "      any_correct: 1",                                // 36
    };

    // 1-based number of the only line containing `s`.
    int line_of(const std::string& s) const {
        int found = 0;
        for (size_t i = 0; i < lines.size(); ++i)
            if (lines[i].find(s) != std::string::npos) {
                EXPECT_EQ(found, 0) << "'" << s << "' is on several lines";
                found = static_cast<int>(i) + 1;
            }
        EXPECT_NE(found, 0) << "'" << s << "' is on no line";
        return found;
    }
    Doc& set(int line, const std::string& text) {
        lines.at(static_cast<size_t>(line - 1)) = text;
        return *this;
    }
    Doc& insert_before(int line, const std::string& text) {
        lines.insert(lines.begin() + (line - 1), text);
        return *this;
    }
    Doc& erase(int line) {
        lines.erase(lines.begin() + (line - 1));
        return *this;
    }
    std::string text() const {
        std::string t;
        for (const auto& l : lines) t += l + "\n";
        return t;
    }
};

const std::string kName = "broken-form.yaml";

// Parses `d`, expects FormError "broken-form.yaml:LINE: ..." holding every word of `words`.
void expect_error(const Doc& d, int line, const std::vector<std::string>& words) {
    try {
        parse_form(d.text(), kName);
        ADD_FAILURE() << "no FormError; expected one at line " << line;
    } catch (const FormError& e) {
        const std::string msg = e.what();
        const std::string where = kName + ":" + std::to_string(line) + ":";
        EXPECT_EQ(msg.rfind(where, 0), 0u) << "message should start with '" << where << "': " << msg;
        for (const auto& w : words) EXPECT_NE(msg.find(w), std::string::npos) << "no '" << w << "' in: " << msg;
    } catch (const std::exception& e) {
        ADD_FAILURE() << "threw something else than FormError: " << e.what();
    }
}

TEST(BrokenForm, TheBaseDocumentIsValid) {
    const Form f = parse_form(Doc{}.text(), kName);
    ASSERT_EQ(f.questions.size(), 2u);
    EXPECT_EQ(f.field_ids(), (std::vector<std::string>{"q1", "q2_x", "q2_y"}));
    EXPECT_EQ(f.total_points(), 3);
    EXPECT_EQ(f.questions[0].answer, "b");
    EXPECT_EQ(f.questions[0].options[0].misconceptions, std::vector<std::string>{"m1"});
}

TEST(BrokenForm, UnknownKeyInAQuestion) {
    Doc d;
    const int at = d.line_of("title: \"T1\"") + 1;
    d.insert_before(at, "    colour: red");
    expect_error(d, at, {"unknown key", "'colour'"});
}

TEST(BrokenForm, ExpectationsAreOptionalAndChecked) {
    EXPECT_FALSE(parse_form(Doc{}.text(), kName).expected.pre_mean);
    Doc d;
    d.insert_before(3, "expected: {pre: {mean: 5.5, spread: 2}}");
    expect_error(d, 3, {"unknown key", "'spread'"});
    Doc t;
    t.insert_before(3, "time_limit_minutes: 0");
    expect_error(t, 3, {"time_limit_minutes must be 1..600"});
}

TEST(BrokenForm, UnknownKeyAtTopLevel) {
    Doc d;
    d.insert_before(3, "versoin: 2");
    expect_error(d, 3, {"unknown key", "'versoin'"});
}

TEST(BrokenForm, UnknownKeyInAnOption) {
    Doc d;
    const int at = d.line_of("{value: b");
    d.set(at, "      - {value: b, text: \"B\", correct: true}");
    expect_error(d, at, {"unknown key", "'correct'"});
}

TEST(BrokenForm, MissingAnswer) {
    Doc d;
    d.erase(d.line_of("answer: b"));
    // The question that lacks it starts at "- id: q1".
    expect_error(d, d.line_of("- id: q1"), {"q1", "no answer"});
}

TEST(BrokenForm, AnswerNotAmongOptions) {
    Doc d;
    const int at = d.line_of("answer: b");
    d.set(at, "    answer: e");
    expect_error(d, at, {"q1", "'e'", "not one of its options"});
}

TEST(BrokenForm, DuplicateQuestionId) {
    Doc d;
    const int at = d.line_of("- id: q2");
    d.set(at, "  - id: q1");
    expect_error(d, at, {"duplicate question id", "'q1'"});
}

TEST(BrokenForm, DuplicateFieldIdWithinAQuestion) {
    Doc d;
    const int at = d.line_of("{id: q2_y");
    d.set(at, "      - {id: q2_x, label: \"Y\", correct: 0.6, accept: [0.5, 0.7]}");
    // The line to fix is the one where the id is written a second time.
    expect_error(d, at, {"duplicate field id", "'q2_x'"});
}

TEST(BrokenForm, FieldIdDuplicatingAChoiceQuestion) {
    Doc d;
    const int at = d.line_of("{id: q2_x");
    d.set(at, "      - {id: q1, label: \"X\", correct: 40, accept: [40, 40], close: [32, 48]}");
    expect_error(d, at, {"duplicate field id", "'q1'"});
}

TEST(BrokenForm, BadAcceptRange) {
    Doc d;
    const int at = d.line_of("{id: q2_y");
    d.set(at, "      - {id: q2_y, label: \"Y\", correct: 0.6, accept: [0.7, 0.5]}");
    expect_error(d, at, {"q2_y.accept", "low > high"});
}

TEST(BrokenForm, BadCloseRangeOnItsOwnLine) {
    Doc d;
    const int at = d.line_of("{id: q2_x");
    d.set(at, "      - id: q2_x");
    d.insert_before(at + 1, "        label: \"X\"");
    d.insert_before(at + 2, "        correct: 40");
    d.insert_before(at + 3, "        accept: [40, 40]");
    d.insert_before(at + 4, "        close: [48, 32]");
    expect_error(d, at + 4, {"q2_x.close", "low > high"});
}

TEST(BrokenForm, CorrectValueOutsideAccept) {
    Doc d;
    const int at = d.line_of("{id: q2_y");
    d.set(at, "      - {id: q2_y, label: \"Y\", correct: 0.9, accept: [0.5, 0.7]}");
    expect_error(d, at, {"q2_y", "correct value", "outside its accept range"});
}

TEST(BrokenForm, InvalidYaml) {
    Doc d;
    const int at = d.line_of("stem: \"S1\"");
    d.set(at, "    stem: S1: oops");
    expect_error(d, at, {"not valid YAML"});
}

TEST(BrokenForm, InvalidYamlUnbalancedFlowSequence) {
    Doc d;
    const int at = d.line_of("paragraphs:");
    d.set(at, "  paragraphs: [\"p\"]]");
    expect_error(d, at, {"not valid YAML"});
}

TEST(BrokenForm, FileNameOfLoadFormIsThePath) {
    // load_form reports the path it was given, with the line.
    const std::string path = ::testing::TempDir() + "quizscan-broken-form.yaml";
    Doc d;
    const int at = d.line_of("answer: b");
    d.set(at, "    answer: z");
    {
        std::ofstream o(path);
        o << d.text();
    }
    try {
        load_form(path);
        FAIL() << "no FormError";
    } catch (const FormError& e) {
        EXPECT_EQ(std::string(e.what()).rfind(path + ":" + std::to_string(at) + ":", 0), 0u) << e.what();
    }
}

TEST(BrokenForm, DuplicateKeyNamesBothLines) {
    // YAML keeps the first of two equal keys and drops the second without a word.
    Doc d;
    const int first = d.line_of("answer: b");
    d.insert_before(first + 1, "    answer: c");
    expect_error(d, first + 1, {"'answer'", "twice", "line " + std::to_string(first)});
}

TEST(BrokenForm, HugeQuestionNumberIsAFormError) {
    Doc d;
    const int at = d.line_of("- id: q2");
    d.set(at, "  - id: q99999999999");
    expect_error(d, at, {"q99999999999", "at most 6 digits"});
}

TEST(BrokenForm, HugePointsAreAFormError) {
    Doc d;
    const int at = d.line_of("points: 1");
    d.set(at, "    points: 2000000000");
    expect_error(d, at, {"points must be 1..1000"});
}

TEST(BrokenForm, ScoreBandOutsideTheTotalIsAFormError) {
    Doc d;
    const int at = d.line_of("questions:");
    d.insert_before(at, "  - {range: [0, 1e300], expected_pre: 10}");
    d.insert_before(at, "score_bands:");
    expect_error(d, d.line_of("score_bands:") + 1, {"score band", "whole points"});
}

// A form without a consent block (a feedback form, an exit ticket) is valid: no opt-out box.
TEST(OptionalConsent, AFormWithoutConsentHasNoOptOutBox) {
    Doc d;
    for (int i = 0; i < 4; ++i) d.erase(4);  // consent: and its three keys
    const Form f = parse_form(d.text(), kName);
    EXPECT_FALSE(f.has_consent());
    EXPECT_TRUE(parse_form(Doc{}.text(), kName).has_consent());
    // A consent block still needs all of its keys.
    Doc partial;
    partial.erase(7);
    expect_error(partial, 5, {"consent", "no_research_label"});
}

// The fingerprint the database records: the same content gives the same value, any change another.
TEST(Fingerprint, FollowsTheContentNotTheSpelling) {
    const Form base = parse_form(Doc{}.text(), kName);
    EXPECT_EQ(base.fingerprint.size(), 16u);
    EXPECT_EQ(base.definition, Doc{}.text());
    Doc commented;
    commented.insert_before(1, "# a comment");
    commented.set(commented.line_of("title: \"Tiny\""), "title:    'Tiny'   # quoted otherwise");
    EXPECT_EQ(parse_form(commented.text(), kName).fingerprint, base.fingerprint);
    Doc key;
    key.set(key.line_of("answer: b"), "    answer: a");
    EXPECT_NE(parse_form(key.text(), kName).fingerprint, base.fingerprint);
}

}  // namespace
