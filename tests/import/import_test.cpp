// Digital answers: the CSV reader, tolerant text matching, Google's timestamps, the
// column mapping by question text, answer mapping, and the plan made from the sample
// exports in data/ (made from the form YAML by make_forms_csv.py).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "form/load_form.hpp"
#include "core/csv.hpp"
#include "import/forms_columns.hpp"
#include "import/forms_import.hpp"
#include "import/text_match.hpp"
#include "import/timestamps.hpp"

using namespace quizscan;
using namespace quizscan::import;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

const Form& quiz() {
    static const Form f = load_form(std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml");
    return f;
}

std::string sample(const std::string& session) {
    return slurp(std::string(QUIZSCAN_SOURCE_DIR) + "/tests/import/data/forms-" + session + ".csv");
}

const Submission* find(const std::vector<Submission>& v, const std::string& pid) {
    for (const auto& s : v)
        if (s.participant == pid) return &s;
    return nullptr;
}

const Answer& answer(const Submission& s, const std::string& field) {
    for (const auto& a : s.answers)
        if (a.field == field) return a;
    throw std::runtime_error("no answer " + field);
}

}  // namespace

TEST(CsvTable, QuotesLineBreaksBomAndCrlf) {
    const std::string text = "\xEF\xBB\xBF\"a\",\"b, c\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nplain,,last\n";
    auto r = parse_csv(text, "t.csv");
    ASSERT_EQ(r.size(), 3u);
    EXPECT_EQ(r[0].fields, (std::vector<std::string>{"a", "b, c"}));
    EXPECT_EQ(r[1].fields, (std::vector<std::string>{"say \"hi\"", "two\nlines"}));
    EXPECT_EQ(r[1].line, 2);
    EXPECT_EQ(r[2].line, 5);  // the blank line 4 is skipped
    EXPECT_EQ(r[2].fields, (std::vector<std::string>{"plain", "", "last"}));
    EXPECT_THROW(parse_csv("\"never closed,\n", "t.csv"), std::runtime_error);
}

TEST(TextMatch, NormalizeAndNumbering) {
    EXPECT_EQ(normalize("  Bad idea \u2014 you\u00A0should\n fix  MFU "), "bad idea - you should fix mfu");
    EXPECT_EQ(normalize("2 \u00D7 14 GB"), "2 x 14 gb");
    auto n = split_numbering("Q10. Inverse Design Synthesis");
    EXPECT_EQ(n.number, 10);
    EXPECT_EQ(n.body, "inverse design synthesis");
    EXPECT_EQ(split_numbering("3) Iron Law").number, 3);
    EXPECT_EQ(split_numbering("Question 7: Virginia").number, 7);
    EXPECT_FALSE(split_numbering("16 GB model").number);   // a number that is not numbering
    EXPECT_FALSE(split_numbering("Quebec, tonnes").number);
    EXPECT_TRUE(has_word("fp16 vs int4", "int4"));
    EXPECT_FALSE(has_word("int40", "int4"));
}

// Google Forms' own CSV writes "2024/07/01 9:01:05 AM GMT+2": 07:01:05 UTC, shown as written.
TEST(Timestamps, GoogleAndSpreadsheetFormats) {
    const auto t = parse_timestamp("2024/07/01 9:01:05 AM GMT+2");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->offset, 7200);
    EXPECT_EQ(format_time({t->utc, 0}), "2024-07-01 07:01:05");
    EXPECT_EQ(format_time(*t), "2024-07-01 09:01:05");
    EXPECT_EQ(format_time(*parse_timestamp("2024/07/01 4:51:03 PM GMT+2")), "2024-07-01 16:51:03");
    EXPECT_EQ(format_time(*parse_timestamp("2024/07/01 12:05:00 AM EEST")), "2024-07-01 00:05:00");
    EXPECT_EQ(format_time(*parse_timestamp("7/1/2024 9:01:05")), "2024-07-01 09:01:05");      // US sheet
    EXPECT_EQ(format_time(*parse_timestamp("21/06/2024 17:30:00")), "2024-06-21 17:30:00");   // day first
    EXPECT_EQ(format_time(*parse_timestamp("01.07.2024 09:01")), "2024-07-01 09:01:00");      // German
    EXPECT_EQ(format_time(*parse_timestamp("2024-07-01T09:01:05Z")), "2024-07-01 09:01:05");
    EXPECT_EQ(parse_timestamp("2024-07-01 09:01:05-07:00")->utc - parse_timestamp("2024-07-01 09:01:05Z")->utc, 7 * 3600);
    EXPECT_EQ(parse_timestamp("1970/01/01 12:00:01 AM")->utc, 1);
    EXPECT_FALSE(parse_timestamp("yesterday"));
    EXPECT_FALSE(parse_timestamp("2024/13/01 9:00:00"));
    const auto start = parse_start("09:00", *t);  // 09:00 in the export's own zone
    EXPECT_EQ(format_time(*start), "2024-07-01 09:00:00");
    EXPECT_EQ(t->utc - start->utc, 65);
}

// The sample's header: numbered stem + prompt, a prompt with two spaces, a title, a prompt
// in capitals, a stem with a line break, Q6 and Q7 by their labels, Q9 and Q10 whose titles
// overlap ("Inverse Design" / "Inverse Design Synthesis"), and the NO RESEARCH checkbox.
TEST(FormsColumns, SampleHeaderMapsEveryField) {
    const auto recs = parse_csv(sample("pre"), "forms-pre.csv");
    const ColumnMap m = map_columns(quiz(), recs.front().fields);
    EXPECT_TRUE(m.errors.empty()) << m.errors.front();
    EXPECT_TRUE(m.notes.empty());
    EXPECT_EQ(*m.timestamp, 0u);
    EXPECT_EQ(*m.participant, 1u);
    EXPECT_EQ(*m.no_research, 14u);
    const std::vector<std::string> order = {"q1", "q2", "q3", "q4", "q5", "q6_int4", "q6_fp16", "q7_virginia",
                                            "q7_quebec", "q8", "q9", "q10"};
    for (std::size_t i = 0; i < order.size(); ++i) EXPECT_EQ(m.fields.at(order[i]), i + 2) << order[i];
}

TEST(FormsColumns, MissingOrDoubledColumnsAreErrors) {
    auto header = parse_csv(sample("pre"), "forms-pre.csv").front().fields;
    auto missing = header;
    missing.erase(missing.begin() + 6);  // Q5
    ColumnMap m = map_columns(quiz(), missing);
    ASSERT_EQ(m.errors.size(), 1u);
    EXPECT_NE(m.errors[0].find("no column for Q5 (q5)"), std::string::npos) << m.errors[0];
    auto doubled = header;
    doubled.push_back("Q2 How much faster is the H100?");
    m = map_columns(quiz(), doubled);
    ASSERT_EQ(m.errors.size(), 1u);
    EXPECT_NE(m.errors[0].find("several columns for Q2"), std::string::npos);
    auto extra = header;
    extra.push_back("How did you like the tutorial?");
    extra.erase(extra.begin());  // no Timestamp
    m = map_columns(quiz(), extra);
    EXPECT_NE(m.errors[0].find("no Timestamp column"), std::string::npos);
    ASSERT_EQ(m.notes.size(), 1u);
    EXPECT_NE(m.notes[0].find("How did you like the tutorial?\": matches no question"), std::string::npos);
}

TEST(FormsAnswers, OptionTextsAndNumbers) {
    const Question& q1 = *quiz().question("q1");
    EXPECT_EQ(choice_answer(q1, "Memory-bound, because the time to read 16 GB exceeds the time to compute 32 GFLOP").value, "b");
    EXPECT_EQ(choice_answer(q1, "  neither - batch_size=1 means the GPU is idle most of the time ").value, "c");
    EXPECT_EQ(choice_answer(q1, "(d) It depends on the sequence length, not the batch size").value, "d");
    EXPECT_EQ(choice_answer(q1, "a").value, "a");
    EXPECT_EQ(choice_answer(q1, "").state, FieldState::Blank);
    const Answer odd = choice_answer(q1, "Memory bound: reading takes longer");
    EXPECT_EQ(odd.state, FieldState::Pending);
    EXPECT_NE(odd.problem.find("matches no option of Q1"), std::string::npos);
    // A letter in front that contradicts the text is not trusted.
    EXPECT_EQ(choice_answer(q1, "a) Memory-bound, because the time to read 16 GB exceeds the time to compute 32 GFLOP").state,
              FieldState::Pending);

    const NumberField& int4 = quiz().question("q6")->numbers[0];
    const NumberField& virginia = quiz().question("q7")->numbers[0];
    EXPECT_EQ(number_answer(int4, " 40 ").value, "40");
    EXPECT_EQ(number_answer(int4, "40 GPUs").value, "40");
    EXPECT_EQ(number_answer(virginia, "195 tonnes CO2").value, "195");
    EXPECT_EQ(number_answer(virginia, ".6").value, "0.6");
    EXPECT_EQ(number_answer(virginia, "+195.").value, "195");
    for (const char* typed : {"195,000", "0,6", "~40", "forty", "40-50"})
        EXPECT_EQ(number_answer(int4, typed).state, FieldState::Pending) << typed;
    EXPECT_EQ(number_answer(int4, "").state, FieldState::Blank);
}

// forms-pre.csv: 15 rows. 150631 submitted twice (lines 7 and 15): line 15 counts. 160816
// twice (14 and 17, the second 8 min 25 s after the first submission at 9:01:05): 17 counts
// and is reported late. Line 16's ID "48291" has five digits: not imported. 514002 wrote
// NO RESEARCH beside the ID. 483452's Q1 answer is not an option text; 661913 typed
// "40 GPUs" (read as 40) and "195,000" (pending).
TEST(FormsImport, SamplePlan) {
    const ImportPlan p = plan_import(quiz(), sample("pre"), "forms-pre.csv", {.session = "pre"});
    ASSERT_TRUE(p.ok()) << p.errors.front();
    EXPECT_EQ(p.rows, 15);
    EXPECT_EQ(p.counted.size(), 12u);
    ASSERT_EQ(p.superseded.size(), 2u);
    EXPECT_EQ(p.superseded[0].line, 7);
    EXPECT_EQ(p.superseded[0].participant, "150631");
    EXPECT_NE(p.superseded_why[0].find("line 15"), std::string::npos);
    EXPECT_EQ(p.superseded[1].line, 14);
    ASSERT_EQ(p.rejected.size(), 1u);
    EXPECT_NE(p.rejected[0].find("line 16: participant ID \"48291\" is not a 6-digit ID"), std::string::npos);
    const Submission* late = find(p.counted, "160816");
    ASSERT_TRUE(late);
    EXPECT_EQ(late->line, 17);
    EXPECT_EQ(late->late, "submitted 8 min 25 s after the first submission (2024-07-01 09:01:05), beyond the 5-minute limit");
    EXPECT_EQ(find(p.counted, "150631")->late, "");  // 4 min 15 s: inside the window
    EXPECT_TRUE(find(p.counted, "514002")->no_research);
    EXPECT_FALSE(find(p.counted, "439563")->no_research);
    const Submission& first = *find(p.counted, "439563");
    EXPECT_EQ(first.line, 3);
    const std::vector<std::string> expect = {"a", "a", "b", "b", "a", "40", "50", "195000", "6", "b", "a", "b"};
    for (std::size_t i = 0; i < expect.size(); ++i) EXPECT_EQ(first.answers[i].value, expect[i]) << i;
    EXPECT_EQ(answer(*find(p.counted, "483452"), "q1").state, FieldState::Pending);
    const Submission& units = *find(p.counted, "661913");
    EXPECT_EQ(answer(units, "q6_int4").value, "40");
    EXPECT_EQ(answer(units, "q7_virginia").state, FieldState::Pending);
    // The real start given: 9:00 -> the first submission is inside, 160816 9 min 30 s after.
    const ImportPlan s = plan_import(quiz(), sample("pre"), "forms-pre.csv", {.session = "pre", .start = "09:00"});
    EXPECT_NE(find(s.counted, "160816")->late.find("9 min 30 s after the start"), std::string::npos);
    const ImportPlan bad = plan_import(quiz(), sample("pre"), "forms-pre.csv", {.session = "pre", .start = "nine"});
    EXPECT_FALSE(bad.ok());
}

TEST(FormsImport, SameRowsSameHashes) {
    const ImportPlan a = plan_import(quiz(), sample("post"), "x.csv", {.session = "post"});
    const ImportPlan b = plan_import(quiz(), sample("post"), "y.csv", {.session = "post"});
    const ImportPlan pre = plan_import(quiz(), sample("post"), "x.csv", {.session = "pre"});
    ASSERT_EQ(a.counted.size(), 10u);
    EXPECT_EQ(a.counted[0].sha256, b.counted[0].sha256);  // the file name does not matter
    EXPECT_NE(a.counted[0].sha256, pre.counted[0].sha256);  // the session does
    EXPECT_NE(a.counted[0].sha256, a.counted[1].sha256);
    EXPECT_TRUE(find(a.counted, "961168")->no_research);  // the NO RESEARCH checkbox ticked
}
