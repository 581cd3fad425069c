// Pages stored the way `quizscan scan` stores them (store_page, check_sheets), then reviewed:
// a page scanned twice is merged field by field, items of a scan no longer needed close
// themselves, an identified page closes its missing-page item, and every step is kept.
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "review/queue.hpp"
#include "review/queue_csv.hpp"
#include "store/reconcile.hpp"
#include "store/responses.hpp"
#include "store/scan_store.hpp"

#include "scan_pages.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <tuple>

using namespace quizscan;
using namespace quizscan::review;
using namespace quizscan::review::testing;
using quizscan::store::Db;

namespace {

class Rescan : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = temp_db_path();
        for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + ext);
        db_ = std::make_unique<Db>(path_);
        form_ = load_form(std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml");
    }
    // Stores the pages of one input file, then checks the sheets, like one `quizscan scan` run.
    store::SheetCheck scan(const std::string& name, const std::vector<PageResult>& pages) {
        const auto input = store::begin_input(*db_, "sha-" + name, "scans/" + name, name, "pdf");
        int index = 0;
        for (const auto& p : pages) store::store_page(*db_, input, ++index, p, store::StoreOptions{0.0});
        store::finish_input(*db_, input, index);
        return store::check_sheets(*db_);
    }
    FieldValue response(const std::string& who, const std::string& session, const std::string& field) {
        for (const auto& s : store::load_responses(*db_, form_, make_layout(form_, paper_by_name("letter"))))
            if (s.participant_id == who && s.session == session) return field == "no_research" ? s.no_research : s.fields.at(field);
        return {FieldState::Pending, "no such sheet"};
    }
    std::vector<QueueItem> open_items() { return list_queue(*db_); }
    std::int64_t item_of(const std::string& kind, const std::string& field) {
        return count(*db_, "SELECT MAX(id) FROM review_items WHERE kind = '" + kind + "' AND field = '" + field + "'");
    }

    std::string path_;
    std::unique_ptr<Db> db_;
    Form form_;
};

}  // namespace

TEST_F(Rescan, TwoScansOfAPageAreMergedFieldByField) {
    // q2: unsure on the first scan, confident and the same on the second; q4 the other way round;
    // q3: both sure, but they differ; q1 and q5 agree.
    scan("first.pdf", {read_page_result("482913", "pre", 1, "fp-1", {{"q1", "b"}, {"q2", "c", true}, {"q3", ""}, {"q4", "a"},
                                                                     {"q5", "d"}, {"no_research", ""}})});
    ASSERT_EQ(open_items().size(), 2u);  // q2 and the missing page 2
    const auto check = scan("second.pdf", {read_page_result("482913", "pre", 1, "fp-2", {{"q1", "b"}, {"q2", "c"}, {"q3", "d"},
                                                                                       {"q4", "a", true}, {"q5", "d"}, {"no_research", ""}})});
    const auto open = open_items();
    ASSERT_EQ(open.size(), 2u);  // q3 (the scans disagree) and the missing page 2
    EXPECT_EQ(open[0].field, "q3");
    EXPECT_NE(open[0].reason.find("first.pdf p1 read blank"), std::string::npos) << open[0].reason;
    EXPECT_NE(open[0].reason.find("second.pdf p1 read \xe2\x80\x9c" "d\xe2\x80\x9d"), std::string::npos) << open[0].reason;
    EXPECT_EQ(open[1].kind, "sheet_missing");
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM review_items WHERE kind = 'sheet_duplicate'"), 0);
    // The uncertain items of each scan closed themselves, by quizscan, with the agreed value.
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM review_items WHERE field IN ('q2', 'q4') AND state = 'resolved' AND value IN ('c', 'a')"), 2);
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM resolutions WHERE via = 'merge' AND action = 'resolve'"), 2);
    EXPECT_EQ(queue_counts(*db_).closed, 2);
    EXPECT_EQ(queue_counts(*db_).resolved, 0);
    ASSERT_FALSE(check.problems.empty());
    EXPECT_NE(check.problems[0].find("scanned 2 times: merged, 5 fields agree, 1 to review"), std::string::npos) << check.problems[0];

    EXPECT_EQ(response("482913", "pre", "q1").value, "b");
    EXPECT_EQ(response("482913", "pre", "q2").value, "c");
    EXPECT_EQ(response("482913", "pre", "q3").state, FieldState::Pending);
    EXPECT_EQ(response("482913", "pre", "q4").value, "a");
    // The person decides q3; nothing else asks.
    ASSERT_TRUE(resolve_item(*db_, open[0].id, "d", open[0].revision, "web").ok());
    EXPECT_EQ(response("482913", "pre", "q3").value, "d");
    // Scanning again changes nothing (the sheet check is idempotent).
    scan("second.pdf", {});
    EXPECT_EQ(open_items().size(), 1u);
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM resolutions"), 3);
}

TEST_F(Rescan, BothScansUnsureStillAsksOnceAndADecisionBeforeTheRescanStands) {
    scan("first.pdf", {read_page_result("482913", "pre", 1, "fp-1", {{"q1", "b", true}, {"q2", "", true}})});
    const auto q2 = item_of("choice", "q2");
    ASSERT_TRUE(resolve_item(*db_, q2, "a", std::nullopt, "web").ok());  // decided from the paper
    scan("second.pdf", {read_page_result("482913", "pre", 1, "fp-2", {{"q1", "b", true}, {"q2", "c"}})});
    const auto open = open_items();
    // q1: unsure on both scans: one item (on the better scan), not two; q2: the person's "a" stands.
    ASSERT_EQ(open.size(), 2u);
    EXPECT_EQ(open[0].field, "q1");
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM review_items WHERE field = 'q1' AND state = 'open'"), 1);
    EXPECT_EQ(response("482913", "pre", "q2").value, "a");
    EXPECT_EQ(response("482913", "pre", "q1").state, FieldState::Pending);
}

TEST_F(Rescan, AnIdentifiedPageClosesItsMissingPageItemAndUndoReopensIt) {
    scan("a.pdf", {read_page_result("482913", "pre", 1, "fp-1", {{"q1", "b"}}),
                   unidentified(2, "fp-2", "48291", {{"q6_int4", "40"}})});
    const auto missing = item_of("sheet_missing", "page2");
    const auto identity = item_of("page_identity", "");
    ASSERT_GT(missing, 0);
    ASSERT_GT(identity, 0);
    auto r = resolve_item(*db_, identity, "482913/pre/2", std::nullopt, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.closed, 1);
    EXPECT_EQ(get_item(*db_, missing)->state, "resolved");
    EXPECT_EQ(get_item(*db_, missing)->decided_by, "machine");
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM resolutions WHERE item_id = " + std::to_string(missing) + " AND via = 'sheets'"), 1);
    // A tab or a corrections file that still shows it is told why nothing changed.
    const auto late = resolve_item(*db_, missing, "rescan", std::nullopt, "web");
    EXPECT_EQ(late.status, 409);
    EXPECT_NE(late.error.find("quizscan closed this item itself"), std::string::npos) << late.error;
    std::istringstream csv("item_id,value\n" + std::to_string(missing) + ",rescan\n");
    const auto applied = apply_corrections_csv(*db_, csv, "late.csv");
    EXPECT_EQ(applied.skipped, 1);
    EXPECT_EQ(applied.rejected, 0);
    // The person's undo: the page is nobody's again, so the missing page is asked about again.
    r = undo_last(*db_, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.item_id, identity);  // not the machine's closing of the missing-page item
    EXPECT_EQ(get_item(*db_, missing)->state, "open");
    EXPECT_EQ(r.closed, 0);
}

TEST_F(Rescan, APageDecidedNotAFormClosesItsItemsAndAChangedDecisionReopensThem) {
    scan("a.pdf", {read_page_result("482913", "pre", 2, "fp-1", {{"q8", "b"}}),
                   unidentified(1, "fp-2", "", {{"q1", "c", true}, {"q2", "a", true}})});
    const auto identity = item_of("page_identity", "");
    const auto q1 = item_of("choice", "q1");
    ASSERT_EQ(open_items().size(), 4u);  // identity, q1, q2, the missing page 1
    auto r = resolve_item(*db_, identity, "not-a-form", std::nullopt, "web");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.closed, 2);
    EXPECT_EQ(open_items().size(), 1u);  // the missing page 1
    // Amended: it was page 1 of 482913 after all. Its fields are asked again, the missing page closes.
    const auto it = get_item(*db_, identity);
    r = amend_item(*db_, identity, "482913/pre/1", it->revision, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    const auto open = open_items();
    ASSERT_EQ(open.size(), 2u);
    EXPECT_EQ(open[0].id, q1);
    EXPECT_EQ(open[0].participant_id, "482913");  // the page's identity as decided in review
    EXPECT_EQ(open[0].sheet_page.value_or(0), 1);
    EXPECT_EQ(response("482913", "pre", "q1").state, FieldState::Pending);
}

TEST_F(Rescan, AnIdentifiedPageThatIsARescanIsMerged) {
    scan("a.pdf", {read_page_result("482913", "pre", 1, "fp-1", {{"q1", "b", true}, {"q2", "c"}}),
                   read_page_result("482913", "pre", 2, "fp-2", {{"q8", "a"}})});
    scan("b.pdf", {unidentified(1, "fp-3", "482918", {{"q1", "b"}, {"q2", "c", true}})});
    ASSERT_EQ(open_items().size(), 3u);  // the identity, q1 of a.pdf, q2 of b.pdf
    const auto identity = item_of("page_identity", "");
    const auto r = resolve_item(*db_, identity, "482913/pre/1", std::nullopt, "web");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.closed, 2);  // q1 (a.pdf unsure, b.pdf sure, both "b"), q2 (the other way round)
    EXPECT_TRUE(open_items().empty());
    EXPECT_EQ(response("482913", "pre", "q1").value, "b");
    EXPECT_EQ(response("482913", "pre", "q2").value, "c");
}

TEST_F(Rescan, AnUndoneMergeReopensTheItemsItClosed) {
    scan("a.pdf", {read_page_result("482913", "pre", 1, "fp-1", {{"q1", "b", true}})});
    scan("b.pdf", {unidentified(1, "fp-2", "", {{"q1", "b"}})});
    const auto identity = item_of("page_identity", "");
    const auto q1 = item_of("choice", "q1");
    ASSERT_TRUE(resolve_item(*db_, identity, "482913/pre/1", std::nullopt, "web").ok());
    EXPECT_EQ(get_item(*db_, q1)->state, "resolved");
    ASSERT_TRUE(undo_item(*db_, identity, std::nullopt, "web").ok());
    EXPECT_EQ(get_item(*db_, q1)->state, "open");  // a.pdf alone again: its uncertain q1 is asked again
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM resolutions WHERE item_id = " + std::to_string(q1)), 2);
}

TEST_F(Rescan, CopiesOfTheSameImageAreAskedOnce) {
    // The same page image in three files (a re-encoded or renamed copy): one scan, one item per field.
    const auto page = read_page_result("482913", "pre", 1, "fp-same", {{"q1", "b", true}, {"q2", "c"}, {"no_research", ""}});
    scan("a.pdf", {page});
    scan("copy-1.pdf", {page});
    const auto check = scan("copy-2.pdf", {page});
    const auto open = open_items();
    ASSERT_EQ(open.size(), 2u);  // q1 once, and the missing page 2
    EXPECT_EQ(open[0].field, "q1");
    EXPECT_EQ(open[0].source, "a.pdf");
    EXPECT_TRUE(std::any_of(check.problems.begin(), check.problems.end(),
                            [](const std::string& p) { return p.find("same image scanned again") != std::string::npos; }));
    // Deciding it once decides the sheet's field.
    ASSERT_EQ(resolve_item(*db_, open[0].id, "a", std::nullopt, "web").status, 200);
    EXPECT_EQ(response("482913", "pre", "q1").value, "a");
    EXPECT_EQ(response("482913", "pre", "q1").state, FieldState::Value);
}

TEST_F(Rescan, APageStoredAlongsideIsNotStoredTwice) {
    // Two scans of one file into one database: the page the other scan stored meanwhile is left alone.
    const auto input = store::begin_input(*db_, "sha-x", "scans/x.pdf", "x.pdf", "pdf");
    const auto page = read_page_result("482913", "pre", 1, "fp-x", {{"q1", "b", true}});
    EXPECT_GT(store::store_page(*db_, input, 1, page, store::StoreOptions{0.0}), 0);
    EXPECT_EQ(store::store_page(*db_, input, 1, page, store::StoreOptions{0.0}), 0);
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM pages"), 1);
    EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM review_items WHERE field = 'q1'"), 1);
}
