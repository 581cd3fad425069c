// `quizscan import-forms` as a user runs it: the sample imports, a file missing a
// required column writes nothing and says which, --dry-run writes nothing, and the
// report then counts the digital sheets.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/run_command.hpp"
#include "store/db.hpp"

using namespace quizscan;
using quizscan::testing::q;
using quizscan::testing::run;

namespace {

const std::string kExe = QUIZSCAN_EXE;
const std::string kData = std::string(QUIZSCAN_SOURCE_DIR) + "/tests/import/data/";

std::filesystem::path temp_dir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    auto d = std::filesystem::temp_directory_path() / ("quizscan-import-cli-" + std::string(info->name()));
    std::filesystem::remove_all(d);
    std::filesystem::create_directories(d);
    return d;
}

std::int64_t count(const std::string& db, const std::string& table) {
    store::Db d(db);
    auto st = d.prepare("SELECT COUNT(*) FROM " + table);
    return st.step() ? st.col_int(0) : -1;
}

}  // namespace

TEST(ImportFormsCli, MissingColumnWritesNothing) {
    const auto dir = temp_dir();
    // The sample without its Q5 column (the 7th).
    std::ifstream in(kData + "forms-pre.csv");
    std::stringstream all;
    all << in.rdbuf();
    std::string text = all.str();
    const std::string q5 = "\"5. You need to serve Llama-3-70B";
    const auto at = text.find(q5);
    ASSERT_NE(at, std::string::npos);
    text.erase(at, text.find("\",", at) + 2 - at);
    std::ofstream(dir / "broken.csv") << text;
    const std::string db = (dir / "quiz.db").string();
    const auto r = run(kExe + " import-forms --db " + q(db) + " --session pre " + q((dir / "broken.csv").string()));
    EXPECT_EQ(r.rc, 1) << r.out << r.err;
    EXPECT_NE(r.out.find("no column for Q5 (q5)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nothing imported"), std::string::npos);
    EXPECT_FALSE(std::filesystem::exists(db));  // not even created
}

TEST(ImportFormsCli, SampleImportsAndTheReportCountsIt) {
    const auto dir = temp_dir();
    const std::string db = (dir / "quiz.db").string();
    auto dry = run(kExe + " import-forms --dry-run --db " + q(db) + " --session pre " + q(kData + "forms-pre.csv"));
    EXPECT_EQ(dry.rc, 0) << dry.err;
    EXPECT_NE(dry.out.find("dry run: nothing written"), std::string::npos) << dry.out;
    EXPECT_FALSE(std::filesystem::exists(db));

    auto r = run(kExe + " import-forms --db " + q(db) + " --session pre " + q(kData + "forms-pre.csv"));
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("read 15 rows"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("12 recorded now"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("line 7, 150631 (2024/07/01 9:02:05 AM GMT+2): not counted"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("line 16: participant ID \"48291\" is not a 6-digit ID"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("line 17, 160816: submitted 8 min 25 s after"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("line 12, 483452, q1: Google Forms answer"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2 answers wait for review"), std::string::npos) << r.out;
    EXPECT_EQ(count(db, "inputs"), 12);

    r = run(kExe + " import-forms --db " + q(db) + " --session post " + q(kData + "forms-post.csv"));
    ASSERT_EQ(r.rc, 0) << r.out << r.err;
    r = run(kExe + " import-forms --db " + q(db) + " --session post " + q(kData + "forms-post.csv"));
    EXPECT_NE(r.out.find("0 recorded now, 10 already recorded"), std::string::npos) << r.out;

    r = run(kExe + " report --db " + q(db) + " --out " + q((dir / "report.html").string()));
    ASSERT_EQ(r.rc, 0) << r.err;
    EXPECT_NE(r.out.find("(0 paper, 22 digital)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("DRAFT - 3 sheets pending review"), std::string::npos) << r.out;
    std::ifstream html(dir / "report.html");
    std::stringstream h;
    h << html.rdbuf();
    EXPECT_NE(h.str().find("sheets (0 paper, 22&nbsp;digital)"), std::string::npos);
}
