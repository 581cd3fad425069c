// CSV exports: exact header and rows for responses.csv, RFC 4180 quoting, and
// the files written to a temp dir re-read by Python's csv module.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cohort_fixture.hpp"
#include "core/csv.hpp"
#include "score/export_csv.hpp"

using namespace quizscan;
using namespace quizscan::score;
using namespace quizscan::score::testing;

namespace {

std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

std::string slurp(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

const char* kHeader =
    "participant_id,session,no_research,q1,q2,q3,q4,q5,q6_int4,q6_fp16,q7_virginia,q7_quebec,q8,q9,q10,"
    "pending,q1_points,q2_points,q3_points,q4_points,q5_points,q6_points,q7_points,q8_points,q9_points,"
    "q10_points,total,U1,U2,U3,U4,U5,U6";

}  // namespace

TEST(Export, CsvQuoting) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
    EXPECT_EQ(csv_field("café"), "café");
    EXPECT_EQ(csv_row({"a", "", "b,c"}), "a,,\"b,c\"\n");
}

TEST(Export, ResponsesHeaderMatchesDesign) {
    auto h = responses_header(quiz_form());
    std::string joined;
    for (const auto& c : h) joined += (joined.empty() ? "" : ",") + c;
    EXPECT_EQ(joined, kHeader);
}

TEST(Export, ResponsesRowsSortedAndExact) {
    auto ls = lines(responses_csv(quiz_form(), cohort()));
    ASSERT_EQ(ls.size(), 16u);  // header + 15 sheets
    EXPECT_EQ(ls[0], kHeader);
    // Sorted by participant, pre before post, although 100001 post was given first.
    EXPECT_EQ(ls[1],
              "100001,pre,,a,b,b,b,a,80,50,195000,0.6,a,d,c,,0,0,1,1,1,0,1,0,0,0,4,0,1,1,1,1,0");
    EXPECT_EQ(ls[2].substr(0, 12), "100001,post,");
    // Blank fields are empty and not pending; several marks exported as their letters.
    EXPECT_EQ(ls[7],
              "100004,pre,,a,c,c,d,a,,,,,b,a,d,,0,0,0,0,1,0,0,1,1,0,3,0,0,0,1,1,1");
    EXPECT_EQ(ls[8],
              "100004,post,,b,a,b,c,a,40,50,195,,b,ad,d,,1,1,1,0,1,1,1,1,0,0,7,2,1,0,2,2,0");
    // Opted out: no_research = yes on the post sheet.
    EXPECT_EQ(ls[10].substr(0, 16), "100005,post,yes,");
    // Pending q3: value empty, named in pending, its points, total and goals empty.
    EXPECT_EQ(ls[13],
              "100007,post,,b,a,,b,a,40,100,195,0.6,b,a,a,q3,1,1,,1,1,2,2,1,1,1,,,,,,,");
    // Pending opt-out mark: listed first in pending.
    EXPECT_EQ(ls[14],
              "100008,pre,,b,a,b,b,a,40,100,195,0.6,b,a,a,no_research,1,1,1,1,1,2,2,1,1,1,12,2,1,1,3,3,2");
}

TEST(Export, ResearchDropsOptedOutAndConsentPending) {
    std::string csv = research_csv(quiz_form(), cohort());
    auto ls = lines(csv);
    ASSERT_EQ(ls.size(), 12u);  // header + 11 research sheets
    EXPECT_EQ(csv.find("100005"), std::string::npos);  // opted out on post: pre dropped too
    EXPECT_EQ(csv.find("100008"), std::string::npos);  // opt-out mark pending
    EXPECT_EQ(ls[0], kHeader);
}

TEST(Export, ItemsCsvColumns) {
    auto ls = lines(items_csv(quiz_form(), cohort()));
    ASSERT_EQ(ls.size(), 21u);  // header + 10 questions x 2 sessions
    EXPECT_EQ(ls[0],
              "question,session,goal,max_points,kind,n,share_a,share_b,share_c,share_d,share_blank,"
              "share_multiple,difficulty,share_partial,discrimination,key,misconception_a,misconception_b,"
              "misconception_c,misconception_d,number_misconception,share_number_misconception");
    // Discrimination needs 10 sheets: empty, not a text such as "n/a".
    EXPECT_EQ(ls[1].substr(0, 68),
              "q1,pre,U1,1,choice,6,0.500,0.500,0.000,0.000,0.000,0.000,0.500,,,b,\"");
    // The distractor texts carry commas and quotes: quoted per RFC 4180.
    EXPECT_NE(ls[1].find("\"Q1(a): reveals something, \"\"quoted\"\"\""), std::string::npos);
    // q10 pre: nobody right -> discrimination not computable: an empty cell.
    EXPECT_NE(ls[19].find(",0.000,,,a,"), std::string::npos) << ls[19];
    EXPECT_EQ(items_csv(quiz_form(), cohort()).find("n/a"), std::string::npos);
}

TEST(Export, WrittenFilesReadBackByPython) {
    auto dir = std::filesystem::temp_directory_path() / ("quizscan_score_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    write_exports(quiz_form(), cohort(), dir / "out");  // creates the directory
    for (const char* name : {"responses.csv", "research.csv", "items.csv"})
        ASSERT_TRUE(std::filesystem::exists(dir / "out" / name)) << name;
    EXPECT_EQ(slurp(dir / "out" / "responses.csv").find('\r'), std::string::npos);  // "\n" line endings

    // An independent reader: Python's csv module. It checks the header, the
    // number of rows and columns, that no opted-out participant is in
    // research.csv, and writes its findings for us to compare.
    auto script = dir / "check.py";
    std::ofstream(script) << R"py(
import csv, sys
d = sys.argv[1]
def rows(name):
    with open(f"{d}/{name}", newline="", encoding="utf-8") as f:
        return list(csv.reader(f, strict=True))
resp, res, items = rows("responses.csv"), rows("research.csv"), rows("items.csv")
out = []
out.append("header_ok=%d" % (resp[0] == res[0] and resp[0][:3] == ["participant_id", "session", "no_research"]
                             and resp[0][-7:] == ["total", "U1", "U2", "U3", "U4", "U5", "U6"]))
out.append("resp_rows=%d" % (len(resp) - 1))
out.append("res_rows=%d" % (len(res) - 1))
out.append("items_rows=%d" % (len(items) - 1))
out.append("widths_ok=%d" % all(len(r) == len(resp[0]) for r in resp + res))
out.append("items_widths_ok=%d" % all(len(r) == len(items[0]) for r in items))
h = resp[0]
opted = {r[0] for r in resp[1:] if r[h.index("no_research")] == "yes"}
out.append("opted=%s" % ",".join(sorted(opted)))
out.append("opted_in_research=%d" % sum(1 for r in res[1:] if r[0] in opted))
quoted = [r for r in items[1:] if r[0] == "q1" and r[1] == "pre"][0]
out.append("q1_misconception_a=%s" % quoted[items[0].index("misconception_a")])
# Number columns hold a number or nothing, as a spreadsheet needs.
def numeric(table, cols):
    for r in table[1:]:
        for c in cols:
            v = r[table[0].index(c)]
            if v != "":
                float(v)
    return 1
rnum = [c for c in h if c.endswith("_points") or c in ("total", "U1", "U2", "U3", "U4", "U5", "U6",
                                                     "q6_int4", "q6_fp16", "q7_virginia", "q7_quebec")]
inum = [c for c in items[0] if c.startswith("share_") or c in ("n", "max_points", "difficulty", "discrimination")]
try:
    out.append("numbers_ok=%d" % (numeric(resp, rnum) and numeric(items, inum)))
except ValueError as e:
    out.append("numbers_ok=0 %s" % e)
with open(f"{d}/result.txt", "w") as f:
    f.write("\n".join(out) + "\n")
)py";
    std::string cmd = "/usr/bin/python3 " + script.string() + " " + (dir / "out").string();
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    auto result = lines(slurp(dir / "out" / "result.txt"));
    EXPECT_EQ(result, (std::vector<std::string>{
                          "header_ok=1", "resp_rows=15", "res_rows=11", "items_rows=20", "widths_ok=1",
                          "items_widths_ok=1", "opted=100005", "opted_in_research=0",
                          "q1_misconception_a=Q1(a): reveals something, \"quoted\"", "numbers_ok=1"}));
    std::filesystem::remove_all(dir);
}

// --excel: a UTF-8 byte order mark before the same text; read by Python's utf-8-sig codec
// (as Excel reads it) and by sqlite3's .import, the header is intact.
TEST(Export, ExcelFilesStartWithAByteOrderMark) {
    auto dir = std::filesystem::temp_directory_path() / ("quizscan_excel_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    write_exports(quiz_form(), cohort(), dir / "plain");
    write_exports(quiz_form(), cohort(), dir / "excel", {.excel = true});
    for (const char* name : {"responses.csv", "research.csv", "items.csv"}) {
        const std::string plain = slurp(dir / "plain" / name), excel = slurp(dir / "excel" / name);
        EXPECT_EQ(excel, "\xEF\xBB\xBF" + plain) << name;
        EXPECT_NE(plain.substr(0, 3), "\xEF\xBB\xBF") << name;
    }
    const std::string py = "/usr/bin/python3 -c \"import csv,sys; r=list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', "
                           "newline=''))); print(r[0][0], len(r) - 1, r[1][r[0].index('total')])\" " +
                           (dir / "excel" / "responses.csv").string() + " > " + (dir / "py.txt").string();
    ASSERT_EQ(std::system(py.c_str()), 0);
    EXPECT_EQ(slurp(dir / "py.txt"), "participant_id 15 4\n");
    const std::string sq = "sqlite3 :memory: -cmd '.mode csv' -cmd '.import " + (dir / "excel" / "items.csv").string() +
                           " items' 'SELECT count(*), sum(n) FROM items WHERE session = \"pre\" AND question LIKE \"q%\";' > " + (dir / "sq.txt").string();
    ASSERT_EQ(std::system(sq.c_str()), 0) << sq;
    EXPECT_EQ(slurp(dir / "sq.txt"), "10,60\n");  // 10 questions, n = 6 each; "question" (first) kept its name
    std::filesystem::remove_all(dir);
}

TEST(Export, UnwritableDirectoryThrowsWithPath) {
    EXPECT_THROW(write_exports(quiz_form(), cohort(), "/proc/quizscan-cannot-write-here"), std::runtime_error);
}

TEST(Export, OptOutOnPreDropsPostToo) {
    std::vector<SheetResponses> v = {sheet("200001", "pre", key(), "yes"), sheet("200001", "post", key()),
                                     sheet("200002", "pre", key()), sheet("200002", "post", key())};
    std::string csv = research_csv(quiz_form(), v);
    EXPECT_EQ(csv.find("200001"), std::string::npos);
    EXPECT_EQ(lines(csv).size(), 3u);  // header + 200002 pre and post
    EXPECT_EQ(lines(responses_csv(quiz_form(), v)).size(), 5u);
}

TEST(Export, OddValuesAreQuoted) {
    // Values should be plain, but whatever reaches the writer stays one CSV cell.
    SheetResponses s = sheet("3,\"x\"", "pre", key());
    s.fields["q7_virginia"] = {FieldState::Value, "195,000"};
    auto ls = lines(responses_csv(quiz_form(), {s}));
    ASSERT_EQ(ls.size(), 2u);
    EXPECT_EQ(ls[1].substr(0, 13), "\"3,\"\"x\"\"\",pre");
    EXPECT_NE(ls[1].find(",\"195,000\",0.6,"), std::string::npos);
    EXPECT_NE(ls[1].find(",1,1,1,1,1,2,1,1,1,1,11,"), std::string::npos);  // "195,000" unparsable: q7 = 1
}
