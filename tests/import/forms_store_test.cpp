// Digital answers in the database: recorded as sheets beside the scanned ones, read back
// by load_responses, unmapped answers in review, re-imports idempotent, a later export's
// resubmission replacing the earlier one, paper and digital of one sheet as a duplicate,
// and the imported sheets in the exports and the report's counts.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "import/forms_import.hpp"
#include "review/queue.hpp"
#include "score/analysis.hpp"
#include "score/export_csv.hpp"
#include "store/forms_store.hpp"
#include "store/responses.hpp"
#include "store/scan_store.hpp"

using namespace quizscan;

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
const Layout& layout() {
    static const Layout l = make_layout(quiz(), paper_by_name("letter"));
    return l;
}
std::string sample(const std::string& session) {
    return slurp(std::string(QUIZSCAN_SOURCE_DIR) + "/tests/import/data/forms-" + session + ".csv");
}

class FormsStore : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        path_ = (std::filesystem::temp_directory_path() / ("quizscan-forms-" + std::string(info->name()) + ".sqlite")).string();
        for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + ext);
        db_ = std::make_unique<store::Db>(path_);
    }
    store::FormsImportResult import(const std::string& session, const std::string& text, const std::string& file) {
        const auto plan = import::plan_import(quiz(), text, file, {.session = session});
        EXPECT_TRUE(plan.ok());
        return store::store_forms_import(*db_, quiz(), layout(), plan, session, file);
    }
    const SheetResponses* sheet(const std::vector<SheetResponses>& v, const std::string& pid, const std::string& session) {
        for (const auto& s : v)
            if (s.participant_id == pid && s.session == session) return &s;
        return nullptr;
    }
    std::int64_t count(const std::string& sql) {
        auto st = db_->prepare(sql);
        return st.step() ? st.col_int(0) : -1;
    }
    std::string path_;
    std::unique_ptr<store::Db> db_;
};

}  // namespace

TEST_F(FormsStore, SheetsReadBackLikeScannedOnes) {
    const auto pre = import("pre", sample("pre"), "/data/forms-pre.csv");
    EXPECT_EQ(pre.imported, 12);
    EXPECT_EQ(pre.to_review, 2);  // 483452's Q1, 661913's "195,000"
    const auto post = import("post", sample("post"), "/data/forms-post.csv");
    EXPECT_EQ(post.imported, 10);
    EXPECT_EQ(post.to_review, 1);  // 782554's "0,6"

    const auto sheets = store::load_responses(*db_, quiz(), layout());
    ASSERT_EQ(sheets.size(), 22u);
    for (const auto& s : sheets) EXPECT_TRUE(s.digital) << s.participant_id;
    const SheetResponses* a = sheet(sheets, "439563", "pre");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->fields.at("q1").value, "a");
    EXPECT_EQ(a->fields.at("q6_fp16").value, "50");
    EXPECT_EQ(a->fields.at("q7_virginia").value, "195000");
    EXPECT_EQ(a->fields.at("q10").value, "b");
    EXPECT_EQ(a->no_research.state, FieldState::Blank);
    EXPECT_EQ(sheet(sheets, "514002", "pre")->no_research.value, "yes");
    EXPECT_EQ(sheet(sheets, "961168", "post")->no_research.value, "yes");
    EXPECT_EQ(sheet(sheets, "483452", "pre")->fields.at("q1").state, FieldState::Pending);
    EXPECT_EQ(sheet(sheets, "782554", "post")->fields.at("q7_quebec").state, FieldState::Pending);
    EXPECT_EQ(sheet(sheets, "160816", "pre")->fields.at("q6_int4").state, FieldState::Blank);

    // The late submission says so on its pages; the review items name the typed answer.
    EXPECT_EQ(count("SELECT COUNT(*) FROM pages WHERE participant = '160816' AND reason LIKE '%beyond the 5-minute limit%'"), 2);
    EXPECT_EQ(count("SELECT COUNT(*) FROM review_items WHERE state = 'open' AND guess IS NULL AND crop_id IS NULL"), 3);
    EXPECT_EQ(count("SELECT COUNT(*) FROM review_items WHERE reason LIKE '%\"195,000\"%'"), 1);

    // A person decides an item: the value counts.
    store::Db& db = *db_;
    auto queue = review::list_queue(db);
    ASSERT_EQ(queue.size(), 3u);
    for (const auto& it : queue) {
        EXPECT_TRUE(it.digital);
        EXPECT_FALSE(it.has_crop);
        EXPECT_NE(it.source.find("forms-"), std::string::npos);
        const std::string v = it.field == "q1" ? "b" : it.field == "q7_virginia" ? "195000" : "0.6";
        ASSERT_TRUE(review::resolve_item(db, it.id, v, std::nullopt, "web").ok()) << it.field;
    }
    const auto after = store::load_responses(*db_, quiz(), layout());
    EXPECT_EQ(sheet(after, "483452", "pre")->fields.at("q1").value, "b");
    EXPECT_EQ(sheet(after, "782554", "post")->fields.at("q7_quebec").value, "0.6");

    // Exports and the report count them: opted out 514002 (pre) and 961168 (post).
    const std::string csv = score::responses_csv(quiz(), after);
    EXPECT_NE(csv.find("\n439563,pre,,a,a,b,b,a,40,50,195000,6,b,a,b,,0,1,1,1,1,1,0,1,1,0,7,"), std::string::npos) << csv;
    const auto a2 = score::analyze(quiz(), after);
    EXPECT_EQ(a2.digital_sheets, 22);
    EXPECT_EQ(a2.opted_out_participants, 2);
    EXPECT_EQ(a2.paired, 8);  // 10 in both sessions, minus the two who opted out
}

TEST_F(FormsStore, ReimportIsANoOpAndALaterResubmissionReplaces) {
    import("pre", sample("pre"), "forms-pre.csv");
    const auto again = import("pre", sample("pre"), "forms-pre.csv");
    EXPECT_EQ(again.imported, 0);
    EXPECT_EQ(again.already, 12);
    EXPECT_EQ(count("SELECT COUNT(*) FROM inputs"), 12);

    // A later export: every row again, plus 439563 resubmitting at 9:04 with Q1 = b.
    std::string later = sample("pre");
    const std::string row = "\"2024/07/01 9:04:10 AM GMT+2\",\"439563\",\"Memory-bound, because the time to read 16 GB "
                            "exceeds the time to compute 32 GFLOP\",\"About 1.7x faster\",\"\",\"\",\"\",\"\",\"\",\"\","
                            "\"\",\"\",\"\",\"\",\"\"\r\n";
    later += row;
    const auto r = import("pre", later, "forms-pre (1).csv");
    EXPECT_EQ(r.imported, 1);
    EXPECT_EQ(r.already, 11);
    ASSERT_EQ(r.replaced.size(), 1u);
    EXPECT_NE(r.replaced[0].find("439563"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM pages WHERE status = 'rejected' AND reason LIKE 'superseded:%'"), 2);
    const auto sheets = store::load_responses(*db_, quiz(), layout());
    const SheetResponses* s = sheet(sheets, "439563", "pre");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->fields.at("q1").value, "b");
    EXPECT_EQ(s->fields.at("q3").state, FieldState::Blank);
    EXPECT_EQ(sheets.size(), 12u);  // still one sheet each
}

TEST_F(FormsStore, PaperAndDigitalOfOneSheetAreADuplicateForReview) {
    // A scanned front and back of 439563 (pre), stored as the scan stores a read page.
    db_->exec("INSERT INTO inputs(sha256, path, name, kind, page_count, status, scanned_at) "
              "VALUES ('paper', 'scans/pre.pdf', 'pre.pdf', 'pdf', 2, 'done', '2024-07-01T08:00:00Z')");
    db_->exec("INSERT INTO pages(input_id, page_index, sha256, status, form, session, participant, sheet_page) VALUES "
              "(1, 1, 'p1', 'read', 'mlsysim-quiz', 'pre', '439563', 1), (1, 2, 'p2', 'read', 'mlsysim-quiz', 'pre', '439563', 2)");
    import("pre", sample("pre"), "forms-pre.csv");
    const auto check = store::check_sheets(*db_);
    ASSERT_EQ(check.problems.size(), 2u);  // front and back: choose the paper or the digital sheet
    EXPECT_NE(check.problems[0].find("439563 (pre)"), std::string::npos);
    EXPECT_EQ(count("SELECT COUNT(*) FROM review_items WHERE kind = 'sheet_duplicate' AND participant = '439563'"), 2);
    // Until a person chooses, the sheet's answers wait; keeping the digital submission decides them.
    auto responses = store::load_responses(*db_, quiz(), layout());
    ASSERT_TRUE(sheet(responses, "439563", "pre"));
    EXPECT_EQ(sheet(responses, "439563", "pre")->fields.at("q1").state, FieldState::Pending);
    auto st = db_->prepare("SELECT ri.id, p.id FROM review_items ri JOIN pages p ON p.participant = '439563' AND p.sheet_page = "
                           "CAST(substr(ri.field, 5) AS INTEGER) JOIN inputs i ON i.id = p.input_id AND i.kind = 'forms' "
                           "WHERE ri.kind = 'sheet_duplicate'");
    std::vector<std::pair<std::int64_t, std::int64_t>> choices;
    while (st.step()) choices.emplace_back(st.col_int(0), st.col_int(1));
    ASSERT_EQ(choices.size(), 2u);
    for (const auto& [item, page] : choices)
        ASSERT_EQ(review::resolve_item(*db_, item, std::to_string(page), std::nullopt, "web").status, 200);
    responses = store::load_responses(*db_, quiz(), layout());
    EXPECT_NE(sheet(responses, "439563", "pre")->fields.at("q1").state, FieldState::Pending);
    EXPECT_EQ(count("SELECT COUNT(*) FROM review_items WHERE participant = '439563' AND state = 'open'"), 0);
}
