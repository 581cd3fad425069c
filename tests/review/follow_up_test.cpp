// Writer follow-ups: correcting a number's digit sends the same writer's confidently read numbers
// holding that digit to review, by the web/API path and by the CSV path; nothing else moves.
#include "review/follow_up.hpp"
#include "review/queue.hpp"
#include "review/queue_csv.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace quizscan::review;
using namespace quizscan::review::testing;
using quizscan::store::Db;

namespace {

using C = DigitConfusion;

void add_reading(Db& db, std::int64_t page, const std::string& field, const std::string& value, bool needs_review) {
    db.prepare("INSERT INTO readings(page_id, field, kind, value, confidence, needs_review, measurements) "
               "VALUES (?, ?, 'number', ?, 0.99, ?, ?)")
        .bind(1, page).bind(2, field).bind(3, value).bind(4, needs_review ? 1 : 0)
        .bind(5, R"({"boxes":[{"state":"digit","digit":1,"confidence":0.99,"flag":""}],"blank":false,"decimal_boxes":2})")
        .run();
}

// The fixture's q6 item (482913 pre, page 2, guess "40") and, around it, readings of the same
// writer and of another: which of them a corrected 0 may send to review.
struct Writers {
    Fixture f;
    std::int64_t page2 = 0, other_writer_page = 0;
};

Writers add_writers(Db& db, const Fixture& f) {
    Writers w;
    w.f = f;
    w.page2 = get_item(db, w.f.q6)->page_id.value();
    w.other_writer_page = get_item(db, w.f.missing)->page_id.value();  // 551204 post
    add_reading(db, w.page2, "q6_fp16", "100", false);          // same writer, holds a 0: follow-up
    db.prepare("INSERT INTO crops(page_id, name, png) VALUES (?, 'q6_fp16', x'89504e47')").bind(1, w.page2).run();
    add_reading(db, w.page2, "q7_quebec", "35", false);         // same writer, no 0
    add_reading(db, w.page2, "q7_virginia", "0.6", true);       // has its review item already
    add_reading(db, w.f.page_b1, "q6_int4", "20", false);       // same writer, another scan: follow-up
    add_reading(db, w.f.page_a1, "q7_quebec", "", false);       // blank
    add_reading(db, w.other_writer_page, "q6_fp16", "100", false);  // another writer
    return w;
}

}  // namespace

TEST(FollowUp, DigitConfusionsArePositionByPosition) {
    EXPECT_EQ(digit_confusions("40", "48"), (std::vector<C>{{'0', '8'}}));
    EXPECT_EQ(digit_confusions("1.95", "7.96"), (std::vector<C>{{'1', '7'}, {'5', '6'}}));
    EXPECT_EQ(digit_confusions("99", "44"), (std::vector<C>{{'9', '4'}}));  // once per pair
    EXPECT_TRUE(digit_confusions("40", "40").empty());
    EXPECT_TRUE(digit_confusions("40", "400").empty());   // a digit added: positions unknown
    EXPECT_TRUE(digit_confusions("0.6", "06.").empty());  // the point moved
    EXPECT_TRUE(digit_confusions("", "5").empty());
}

TEST(FollowUp, CorrectedDigitSendsTheSameWritersConfidentNumbersToReview) {
    const auto path = temp_db_path();
    const Fixture f = make_fixture_db(path);
    Db db(path);
    const Writers w = add_writers(db, f);
    const auto open_before = list_queue(db).size();

    const ActionResult r = resolve_item(db, w.f.q6, "48", std::nullopt, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.follow_ups, 2);
    const auto items = list_queue(db);
    EXPECT_EQ(items.size(), open_before - 1 + 2);
    int seen = 0;
    for (const auto& it : items) {
        if (it.reason.find("same writer") == std::string::npos) continue;
        ++seen;
        EXPECT_EQ(it.kind, "number");
        EXPECT_EQ(it.participant_id, "482913");
        EXPECT_FALSE(it.audit);
        EXPECT_NE(it.reason.find("8 read as 0"), std::string::npos) << it.reason;
        if (it.page_id == w.page2) {
            EXPECT_EQ(it.field, "q6_fp16");
            EXPECT_EQ(it.guess.value_or("?"), "100");
            EXPECT_TRUE(it.has_crop);
            EXPECT_NE(it.options_json.find("\"digit\""), std::string::npos) << it.options_json;  // the boxes, as scanned
        } else {
            EXPECT_EQ(it.page_id, w.f.page_b1);
            EXPECT_EQ(it.guess.value_or("?"), "20");
            EXPECT_FALSE(it.has_crop);  // the fixture kept no picture of it
        }
    }
    EXPECT_EQ(seen, 2);

    // Deciding again (undo, resolve) adds nothing twice; confirming a guess adds nothing.
    ASSERT_TRUE(undo_item(db, w.f.q6, std::nullopt, "web").ok());
    EXPECT_EQ(resolve_item(db, w.f.q6, "48", std::nullopt, "web").follow_ups, 0);
    EXPECT_EQ(resolve_item(db, w.f.q7, "0.6", std::nullopt, "web").follow_ups, 0);
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM review_items WHERE reason LIKE 'same writer%'"), 2);
}

TEST(FollowUp, CsvCorrectionsReportTheirFollowUps) {
    const auto path = temp_db_path();
    const Fixture f = make_fixture_db(path);
    Db db(path);
    const Writers w = add_writers(db, f);
    std::istringstream in("item_id,value\n" + std::to_string(w.f.q6) + ",48\n" + std::to_string(w.f.q7) + ",0.6\n");
    const ApplyReport rep = apply_corrections_csv(db, in, "decided.csv");
    ASSERT_TRUE(rep.ok()) << rep.error;
    EXPECT_EQ(rep.applied, 2);
    EXPECT_EQ(rep.follow_ups, 2);
    ASSERT_EQ(rep.rows.size(), 2u);
    EXPECT_NE(rep.rows[0].message.find("2 more of this writer's numbers sent to review"), std::string::npos)
        << rep.rows[0].message;
    EXPECT_EQ(rep.rows[1].message, "resolved as 0.6");
    std::ostringstream out;
    print_apply_report(out, rep);
    EXPECT_NE(out.str().find("2 more numbers by the writers of corrected digits"), std::string::npos) << out.str();
}

// A page whose barcode could not be read belongs to the participant a person typed in review:
// once that is decided, the writer's numbers on it are followed up like the others; a page decided
// "not a form" is nobody's.
TEST(FollowUp, PagesIdentifiedInReviewBelongToTheirWriter) {
    for (const std::string identity : {"482913/post/2", "not-a-form"}) {
        SCOPED_TRACE(identity);
        const auto path = temp_db_path();
        const Fixture f = make_fixture_db(path);
        Db db(path);
        add_writers(db, f);
        const auto unread_page = get_item(db, f.identity)->page_id.value();
        add_reading(db, unread_page, "q7_quebec", "30", false);
        ASSERT_TRUE(resolve_item(db, f.identity, identity, std::nullopt, "web").ok());

        const ActionResult r = resolve_item(db, f.q6, "48", std::nullopt, "web");
        ASSERT_TRUE(r.ok()) << r.error;
        const bool theirs = identity != "not-a-form";
        EXPECT_EQ(r.follow_ups, theirs ? 3 : 2);
        int on_unread_page = 0;
        for (const auto& it : list_queue(db)) {
            if (it.page_id != unread_page || it.kind != "number") continue;
            ++on_unread_page;
            EXPECT_EQ(it.participant_id, "482913");
            EXPECT_EQ(it.session, "post");
            EXPECT_EQ(it.guess.value_or("?"), "30");
        }
        EXPECT_EQ(on_unread_page, theirs ? 1 : 0);
    }
}

// The other order: a digit is corrected first, the writer's page with the damaged code is identified
// later; identifying it sends its numbers holding the misread digit to review then.
TEST(FollowUp, IdentifyingAPageLaterAppliesTheWritersEarlierCorrections) {
    const auto path = temp_db_path();
    const Fixture f = make_fixture_db(path);
    Db db(path);
    add_writers(db, f);
    const auto unread_page = get_item(db, f.identity)->page_id.value();
    add_reading(db, unread_page, "q7_quebec", "30", false);
    add_reading(db, unread_page, "q7_virginia", "195", false);  // no 0: stays accepted

    EXPECT_EQ(resolve_item(db, f.q6, "48", std::nullopt, "web").follow_ups, 2);  // the page is nobody's yet
    const ActionResult r = resolve_item(db, f.identity, "482913/post/2", std::nullopt, "web");
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.follow_ups, 1);
    int on_unread_page = 0;
    for (const auto& it : list_queue(db)) {
        if (it.page_id != unread_page || it.kind != "number") continue;
        ++on_unread_page;
        EXPECT_EQ(it.field, "q7_quebec");
        EXPECT_EQ(it.participant_id, "482913");
        EXPECT_NE(it.reason.find("same writer as q6_int4 (8 read as 0 there)"), std::string::npos) << it.reason;
    }
    EXPECT_EQ(on_unread_page, 1);
}
