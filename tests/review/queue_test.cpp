// Queue functions on a fixture DB: order, resolve, undo, stale revisions, history;
// resolutions are appended and never deleted.
#include "review/queue.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

using namespace quizscan::review;
using namespace quizscan::review::testing;
using quizscan::store::Db;

TEST(Queue, ListsOpenItemsWithContext) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    const auto items = list_queue(db);
    ASSERT_EQ(items.size(), 10u);
    // Unidentified pages first; then by file name, page, id; sheet problems last.
    EXPECT_EQ(items[0].id, f.identity);
    EXPECT_EQ(items[0].source, kXssSource);
    EXPECT_EQ(items[0].guess.value_or("?"), "55120");
    EXPECT_EQ(items[0].sheet_page.value_or(0), 2);
    EXPECT_EQ(items[1].id, f.q1);
    EXPECT_EQ(items[1].guess.value_or("?"), "b");
    EXPECT_EQ(items[1].participant_id, "482913");
    EXPECT_EQ(items[1].session, "pre");
    EXPECT_EQ(items[1].source, "scan-2024-a.pdf");
    EXPECT_EQ(items[1].page_index.value_or(0), 1);
    EXPECT_TRUE(items[1].has_crop);
    EXPECT_TRUE(items[1].has_preview);
    EXPECT_EQ(items[3].id, f.no_research);
    EXPECT_TRUE(items[3].audit);
    EXPECT_EQ(items[6].id, f.q9);
    EXPECT_EQ(items[7].id, f.answers);
    EXPECT_EQ(items[8].id, f.duplicate);
    EXPECT_EQ(items[9].id, f.missing);
    EXPECT_FALSE(items[9].has_preview);
    EXPECT_TRUE(item_crop_png(db, f.q1).has_value());
    EXPECT_FALSE(item_crop_png(db, f.missing).has_value());
    EXPECT_TRUE(item_page_png(db, f.duplicate, 0).has_value());
    EXPECT_FALSE(item_page_png(db, f.duplicate, 5).has_value());
    EXPECT_FALSE(item_page_png(db, 9999).has_value());
}

TEST(Queue, ResolveThenUndoAppendsRows) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    const auto readings_before = count(db, "SELECT COUNT(*) FROM readings");

    auto r = resolve_item(db, f.q6, "48", 0, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.state, "resolved");
    EXPECT_EQ(r.value.value_or(""), "48");
    EXPECT_EQ(r.revision, 1);
    auto it = get_item(db, f.q6);
    EXPECT_EQ(it->state, "resolved");
    EXPECT_EQ(it->value.value_or(""), "48");
    EXPECT_EQ(list_queue(db).size(), 9u);

    r = undo_item(db, f.q6, 1, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    it = get_item(db, f.q6);
    EXPECT_EQ(it->state, "open");
    EXPECT_FALSE(it->value.has_value());
    EXPECT_EQ(it->revision, 2);

    r = resolve_item(db, f.q6, "40", std::nullopt, "csv");
    ASSERT_TRUE(r.ok()) << r.error;

    const auto h = history(db);
    ASSERT_EQ(h.size(), 3u);  // newest first
    EXPECT_EQ(h[0].action, "resolve");
    EXPECT_EQ(h[0].old_value.value_or("?"), "40");  // the guess (the item had no decision)
    EXPECT_EQ(h[0].new_value.value_or("?"), "40");
    EXPECT_EQ(h[0].via, "csv");
    EXPECT_EQ(h[1].action, "undo");
    EXPECT_EQ(h[1].old_value.value_or("?"), "48");
    EXPECT_FALSE(h[1].new_value.has_value());
    EXPECT_EQ(h[2].action, "resolve");
    EXPECT_EQ(h[2].old_value.value_or("?"), "40");
    EXPECT_EQ(h[2].new_value.value_or("?"), "48");
    EXPECT_EQ(h[2].via, "web");
    EXPECT_EQ(h[2].at.size(), 20u);  // 2026-01-02T03:04:05Z
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM readings"), readings_before);
}

TEST(Queue, StaleRevisionAndDoubleResolveAre409AndChangeNothing) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    ASSERT_TRUE(resolve_item(db, f.q1, "b", 0, "web").ok());
    const auto before = snapshot(db);
    // A second tab that loaded revision 0 tries another answer.
    auto r = resolve_item(db, f.q1, "c", 0, "web");
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(r.value.value_or(""), "b");
    EXPECT_NE(r.error.find("someone else"), std::string::npos) << r.error;
    // Without a revision too: it is resolved already.
    EXPECT_EQ(resolve_item(db, f.q1, "c", std::nullopt, "web").status, 409);
    // Open item, but the tab's revision is old (resolved and reopened elsewhere meanwhile).
    ASSERT_TRUE(resolve_item(db, f.q2, "", 0, "web").ok());
    ASSERT_TRUE(undo_item(db, f.q2, std::nullopt, "web").ok());
    const auto before2 = snapshot(db);
    EXPECT_EQ(resolve_item(db, f.q2, "a", 0, "web").status, 409);
    EXPECT_EQ(snapshot(db), before2);
    EXPECT_NE(before, before2);
    // Undo of an open item.
    EXPECT_EQ(undo_item(db, f.q2, std::nullopt, "web").status, 409);
    EXPECT_EQ(snapshot(db), before2);
}

TEST(Queue, RefusedValuesAndUnknownItemsChangeNothing) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    const auto before = snapshot(db);
    EXPECT_EQ(resolve_item(db, f.q6, "4O", std::nullopt, "web").status, 422);
    EXPECT_EQ(resolve_item(db, f.q1, "e", std::nullopt, "web").status, 422);
    EXPECT_EQ(resolve_item(db, f.identity, "12345/pre/1", std::nullopt, "web").status, 422);
    EXPECT_EQ(resolve_item(db, f.duplicate, "777", std::nullopt, "web").status, 422);
    EXPECT_EQ(resolve_item(db, 9999, "b", std::nullopt, "web").status, 404);
    EXPECT_EQ(undo_item(db, 9999, std::nullopt, "web").status, 404);
    EXPECT_EQ(undo_last(db, "web").status, 404);  // nothing decided yet
    EXPECT_EQ(snapshot(db), before);
}

TEST(Queue, UndoLastWalksBackThroughDecisions) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    ASSERT_TRUE(resolve_item(db, f.q1, "b", std::nullopt, "web").ok());
    ASSERT_TRUE(resolve_item(db, f.q2, "c", std::nullopt, "web").ok());
    ASSERT_TRUE(resolve_item(db, f.duplicate, std::to_string(f.page_b1), std::nullopt, "web").ok());
    auto r = undo_last(db, "web");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.item_id, f.duplicate);
    r = undo_last(db, "web");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.item_id, f.q2);
    EXPECT_EQ(get_item(db, f.q1)->state, "resolved");
    // Keeping scan b closed the open NO RESEARCH item of scan a (machine rows, via 'merge'); the undo
    // of that choice reopened it. undo_last never takes back such a row.
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM resolutions"), 7);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM resolutions WHERE via = 'merge' AND item_id = " + std::to_string(f.no_research)), 2);
    EXPECT_EQ(get_item(db, f.no_research)->state, "open");
    const auto c = queue_counts(db);
    EXPECT_EQ(c.open, 9);
    EXPECT_EQ(c.resolved, 1);
    EXPECT_EQ(c.closed, 0);
}
