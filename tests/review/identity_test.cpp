// One-key answers for an unidentified page: the pages still lacking, the likeliest first.
#include "review/identity_choices.hpp"
#include "review/queue.hpp"
#include "store/scan_store.hpp"

#include "scan_pages.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

using namespace quizscan;
using namespace quizscan::review;
using namespace quizscan::review::testing;
using quizscan::store::Db;

TEST(IdentityChoices, OcrSupportCountsDigitsInOrder) {
    EXPECT_EQ(ocr_support("482913", "482913"), 6);
    EXPECT_EQ(ocr_support("48291", "482913"), 5);
    EXPECT_EQ(ocr_support("4829l3", "482913"), 5);  // a letter for a digit: the rest still counts
    EXPECT_EQ(ocr_support("913482", "482913"), 3);
    EXPECT_EQ(ocr_support("", "482913"), 0);
}

TEST(IdentityChoices, OfferThePagesStillLackingWithTheOcrGuessOnTop) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    const auto index = load_identity_index(db);
    const auto it = get_item(db, f.identity);
    const auto choices = identity_choices(index, *it);
    // Roster: 4 participants x pre, post x 2 pages = 16; scanned: 482913 pre 1 and 2, 551204 post 1, 613370 pre 1 and 2.
    ASSERT_EQ(choices.size(), 11u);
    EXPECT_EQ(choices[0].value, "551204/post/2");  // printed ID read as 55120, and a page 2 like this one
    EXPECT_NE(choices[0].why.find("printed ID read as 55120"), std::string::npos) << choices[0].why;
    EXPECT_EQ(choices[1].value, "551204/pre/2");
    EXPECT_EQ(choices[2].value, "551204/pre/1");
    EXPECT_EQ(choices[3].sheet_page, 2);            // then the other pages 2
    for (const auto& c : choices) EXPECT_NE(c.value, "482913/pre/2") << "scanned already";
    // Deciding the top choice closes the missing-page item of that sheet.
    const auto r = resolve_item(db, f.identity, choices[0].value, it->revision, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.closed, 1);
    EXPECT_EQ(get_item(db, f.missing)->state, "resolved");
}

TEST(IdentityChoices, TheOtherSideOfTheSheetBeforeItInTheFileComesFirst) {
    const auto path = temp_db_path();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
    Db db(path);
    store::add_roster(db, {"111111", "222222", "333333"}, "pre", "mlsysim-quiz");
    store::add_roster(db, {"111111", "222222", "333333"}, "post", "mlsysim-quiz");
    const auto input = store::begin_input(db, "sha-a", "scans/a.pdf", "a.pdf", "pdf");
    store::store_page(db, input, 1, read_page_result("111111", "post", 1, "fp-1", {{"q1", "a"}}), store::StoreOptions{0.0});
    store::store_page(db, input, 2, read_page_result("111111", "post", 2, "fp-2", {{"q8", "a"}}), store::StoreOptions{0.0});
    store::store_page(db, input, 3, read_page_result("222222", "post", 1, "fp-3", {{"q1", "b"}}), store::StoreOptions{0.0});
    store::store_page(db, input, 4, unidentified(2, "fp-4", "", {{"q8", "c"}}), store::StoreOptions{0.0});
    store::check_sheets(db);
    const auto queue = list_queue(db);
    ASSERT_EQ(queue.front().kind, "page_identity");  // unidentified pages come first
    const auto choices = identity_choices(load_identity_index(db), queue.front());
    ASSERT_FALSE(choices.empty());
    EXPECT_EQ(choices[0].value, "222222/post/2");
    EXPECT_NE(choices[0].why.find("page 1 of this sheet is just before it in the file"), std::string::npos) << choices[0].why;
    EXPECT_EQ(choices[1].value, "333333/post/2");    // same session as the file, same side
    EXPECT_EQ(choices[2].value, "111111/pre/2");
}

TEST(IdentityChoices, AStackScannedFrontsFirstPointsToTheSheetBetweenItsNeighbours) {
    const auto path = temp_db_path();
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(path + ext);
    Db db(path);
    const std::vector<std::string> ids = {"111111", "222222", "555555", "444444", "333333"};  // 333333 not scanned
    store::add_roster(db, ids, "pre", "mlsysim-quiz");
    // All fronts in one file (the third one's code and printed ID unreadable), all backs in another.
    const auto fronts = store::begin_input(db, "sha-f", "scans/fronts.pdf", "fronts.pdf", "pdf");
    const auto backs = store::begin_input(db, "sha-b", "scans/backs.pdf", "backs.pdf", "pdf");
    for (int i = 0; i < 4; ++i) {
        const auto& who = ids[static_cast<std::size_t>(i)];
        const auto front = i == 2 ? unidentified(1, "fp-f" + who, "", {{"q1", "a"}})
                                  : read_page_result(who, "pre", 1, "fp-f" + who, {{"q1", "a"}});
        store::store_page(db, fronts, i + 1, front, store::StoreOptions{0.0});
        store::store_page(db, backs, i + 1, read_page_result(who, "pre", 2, "fp-b" + who, {{"q8", "a"}}), store::StoreOptions{0.0});
    }
    store::check_sheets(db);
    const auto queue = list_queue(db);
    ASSERT_EQ(queue.front().kind, "page_identity");
    const auto choices = identity_choices(load_identity_index(db), queue.front());
    ASSERT_FALSE(choices.empty());
    EXPECT_EQ(choices[0].value, "555555/pre/1");
    EXPECT_NE(choices[0].why.find("has its page 2 in backs.pdf next to this sheet's"), std::string::npos) << choices[0].why;
    EXPECT_EQ(choices[1].value, "333333/pre/1");   // then the other front still lacking
}
