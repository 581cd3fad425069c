// Changing a past decision: amend_item (audit trail kept, races refused), the history search,
// `review --list --all` and `--apply --amend`, and the values the page may send (a-f, page answers).
#include "review/queue.hpp"
#include "review/queue_csv.hpp"
#include "review/search.hpp"
#include "review/validate.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace quizscan::review;
using namespace quizscan::review::testing;
using quizscan::store::Db;

TEST(Amend, ChangesADecidedItemAndKeepsEveryStep) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    ASSERT_TRUE(resolve_item(db, f.q1, "b", 0, "web").ok());
    ASSERT_TRUE(resolve_item(db, f.q2, "c", 0, "web").ok());
    // A plain resolve of a decided item is still refused: only an explicit amend changes it.
    EXPECT_EQ(resolve_item(db, f.q1, "c", std::nullopt, "web").status, 409);

    const auto before = snapshot(db);
    EXPECT_EQ(amend_item(db, f.q1, "c", 0, "web").status, 409);   // stale revision: the page saw an older state
    EXPECT_EQ(amend_item(db, f.q1, "g", 1, "web").status, 422);   // not a letter of this item
    EXPECT_EQ(snapshot(db), before);
    auto r = amend_item(db, f.q1, "b", 1, "web");                 // the same value: nothing written
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(snapshot(db), before);

    r = amend_item(db, f.q1, "C", 1, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.value.value_or("?"), "c");
    EXPECT_EQ(r.revision, 2);
    const auto it = get_item(db, f.q1);
    EXPECT_EQ(it->state, "resolved");
    EXPECT_EQ(it->value.value_or("?"), "c");
    EXPECT_EQ(it->decided_by, "person");
    const auto trail = item_trail(db, f.q1);
    ASSERT_EQ(trail.size(), 2u);
    EXPECT_EQ(trail[0].old_value.value_or("?"), "b");   // the guess
    EXPECT_EQ(trail[0].new_value.value_or("?"), "b");
    EXPECT_EQ(trail[1].old_value.value_or("?"), "b");   // the first decision
    EXPECT_EQ(trail[1].new_value.value_or("?"), "c");
    // An open item is simply resolved by an amend.
    r = amend_item(db, f.q6, "48", 0, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(get_item(db, f.q6)->state, "resolved");
    // Undo takes back the newest decision that stands: q6's, then q1's amend (newer than q2's decision).
    EXPECT_EQ(undo_last(db, "web").item_id, f.q6);
    EXPECT_EQ(undo_last(db, "web").item_id, f.q1);
    EXPECT_EQ(undo_last(db, "web").item_id, f.q2);
}

TEST(Search, FindsItemsByParticipantFieldSessionAndId) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    auto ids = [&](const std::string& q) {
        std::vector<std::int64_t> out;
        for (const auto& t : search_items(db, q)) out.push_back(t.item.id);
        return out;
    };
    EXPECT_EQ(ids("q6"), std::vector<std::int64_t>({f.q6}));
    EXPECT_EQ(ids("#" + std::to_string(f.q7)), std::vector<std::int64_t>({f.q7}));
    EXPECT_EQ(ids("551204"), std::vector<std::int64_t>({f.missing}));
    EXPECT_EQ(ids("482913 q"), std::vector<std::int64_t>({f.q1, f.q2, f.q6, f.q7, f.q9}));
    EXPECT_EQ(ids("613370 pre").size(), 1u);
    EXPECT_TRUE(ids("post q1").empty());
    EXPECT_TRUE(ids("").empty());  // nothing decided yet
    ASSERT_TRUE(resolve_item(db, f.q7, "0.6", 0, "web").ok());
    ASSERT_TRUE(resolve_item(db, f.q1, "b", 0, "csv").ok());
    EXPECT_EQ(ids(""), std::vector<std::int64_t>({f.q1, f.q7}));  // newest decision first
    const auto found = search_items(db, "q1 482913");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].item.value.value_or("?"), "b");
    ASSERT_EQ(found[0].trail.size(), 1u);
    EXPECT_EQ(found[0].trail[0].via, "csv");
}

TEST(QueueCsv, ListAllShowsDecisionsAndApplyAmendChangesThem) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    ASSERT_TRUE(resolve_item(db, f.q2, "", 0, "web").ok());
    ASSERT_TRUE(resolve_item(db, f.q6, "48", 0, "web").ok());
    std::ostringstream out;
    write_queue_csv(out, db, true);
    const std::string csv = out.str();
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "item_id,kind,participant_id,session,field,guess,value,source,page_index,reason,choices,state,decided_by");
    EXPECT_NE(csv.find(std::to_string(f.q2) + ",choice,482913,pre,q2,,-,scan-2024-a.pdf,1,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",resolved,person\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find(std::to_string(f.identity) + ",page_identity,,,,55120,,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",551204/post/2 "), std::string::npos) << csv;  // its likeliest page first
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 11);

    // The file applies back unchanged (every decided row: "already resolved with this value").
    std::istringstream same(csv);
    auto rep = apply_corrections_csv(db, same, "all.csv");
    EXPECT_EQ(rep.rejected, 0) << rep.rows[0].message;
    EXPECT_EQ(rep.applied, 0);

    const std::string fix = "item_id,value\n" + std::to_string(f.q6) + ",46\n";
    std::istringstream no_amend(fix);
    rep = apply_corrections_csv(db, no_amend, "fix.csv");
    ASSERT_EQ(rep.rejected, 1);
    EXPECT_NE(rep.rows[0].message.find("--amend"), std::string::npos) << rep.rows[0].message;
    EXPECT_EQ(get_item(db, f.q6)->value.value_or("?"), "48");
    std::istringstream with_amend(fix);
    rep = apply_corrections_csv(db, with_amend, "fix.csv", true);
    ASSERT_EQ(rep.applied, 1) << rep.rows[0].message;
    EXPECT_EQ(rep.rows[0].message, "changed from 48 to 46");
    EXPECT_EQ(get_item(db, f.q6)->value.value_or("?"), "46");
    std::istringstream again(fix);
    rep = apply_corrections_csv(db, again, "fix.csv", true);
    EXPECT_EQ(rep.skipped, 1);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM resolutions WHERE item_id = " + std::to_string(f.q6)), 2);
}

TEST(Validate, ChoiceLettersComeFromTheItemsOptions) {
    const std::string six = R"([{"value":"a"},{"value":"b"},{"value":"c"},{"value":"d"},{"value":"e"},{"value":"f"}])";
    const std::string four = R"([{"value":"a"},{"value":"b"},{"value":"c"},{"value":"d"}])";
    EXPECT_EQ(validate_value("choice", "ef", six).value, "ef");
    EXPECT_FALSE(validate_value("choice", "e", four).ok);
    EXPECT_NE(validate_value("choice", "e", four).error.find("letters a-d"), std::string::npos);
    EXPECT_FALSE(validate_value("choice", "g", six).ok);
    EXPECT_TRUE(validate_value("choice", "f", "").ok);  // no options listed: a-f
}

TEST(Validate, PageAnswersNameEveryFieldOnce) {
    const std::string opts = R"([{"field":"q1","kind":"choice","values":["a","b","c","d"],"read":""},)"
                             R"({"field":"q2","kind":"choice","values":["a","b","c","d","e"],"read":"b"},)"
                             R"({"field":"no_research","kind":"checkbox","values":["yes"],"read":""}])";
    EXPECT_EQ(validate_value("page_answers", "q1=a;q2=;no_research=yes", opts).value, "q1=a;q2=;no_research=yes");
    EXPECT_EQ(validate_value("page_answers", " no_research= ; Q2=BE;q1=c ", opts).value, "q1=c;q2=be;no_research=");
    EXPECT_FALSE(validate_value("page_answers", "q1=a;no_research=", opts).ok);           // q2 missing
    EXPECT_FALSE(validate_value("page_answers", "q1=a;q1=b;q2=;no_research=", opts).ok);  // twice
    EXPECT_FALSE(validate_value("page_answers", "q1=e;q2=;no_research=", opts).ok);       // q1 has no e
    EXPECT_EQ(validate_value("page_answers", "q1=;q2=eb;no_research=", opts).value, "q1=;q2=be;no_research=");  // put in order
    EXPECT_FALSE(validate_value("page_answers", "q1=;q2=;no_research=no", opts).ok);
    EXPECT_FALSE(validate_value("page_answers", "q1=;q2=;q3=;no_research=", opts).ok);    // not on this page
    EXPECT_FALSE(validate_value("page_answers", "q1=;q2=;no_research=", "").ok);
}
