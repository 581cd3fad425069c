// --list / --apply: the queue CSV is written, edited like a person would, and applied back.
#include "review/queue.hpp"
#include "review/queue_csv.hpp"

#include "test_util.hpp"

#include <gtest/gtest.h>

#include <sstream>

using namespace quizscan::review;
using namespace quizscan::review::testing;
using quizscan::store::Db;

namespace {

// Fills the `value` column (7th) of the row for `id` in a --list CSV.
std::string fill(std::string csv, std::int64_t id, const std::string& value) {
    std::size_t pos = csv.find("\n" + std::to_string(id) + ",");
    if (pos == std::string::npos) return csv;
    for (int commas = 0; commas < 6; ++commas) pos = csv.find(',', pos + 1);
    return csv.insert(pos + 1, value);
}

}  // namespace

TEST(QueueCsv, ListHasHeaderAndQuotesAwkwardNames) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    std::ostringstream out;
    write_queue_csv(out, db);
    const std::string csv = out.str();
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "item_id,kind,participant_id,session,field,guess,value,source,page_index,reason,choices");
    EXPECT_NE(csv.find(std::to_string(f.q1) + ",choice,482913,pre,q1,b,,scan-2024-a.pdf,1,"), std::string::npos) << csv;
    EXPECT_NE(csv.find(std::to_string(f.identity) + ",page_identity,,,,55120,,<img src=x onerror=alert(1)>.pdf,1,"), std::string::npos) << csv;
    // An unidentified page's likeliest identities, best first (at most nine).
    EXPECT_NE(csv.find(",551204/post/2 551204/pre/2 551204/pre/1 "), std::string::npos) << csv;
    // A reason with a comma is quoted.
    EXPECT_NE(csv.find("\"a second, lighter mark on c (fill 0.38)\""), std::string::npos) << csv;
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 11);
}

TEST(QueueCsv, RoundTripAppliesValidRowsAndReportsTheRest) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    std::ostringstream out;
    write_queue_csv(out, db);
    std::string csv = out.str();
    csv = fill(csv, f.q1, "b");
    csv = fill(csv, f.q2, "-");              // blank
    csv = fill(csv, f.q6, "48");
    csv = fill(csv, f.q7, "\"0,6\"");        // rejected: a comma (quoted, as a spreadsheet writes it)
    csv = fill(csv, f.identity, "482913/pre/2");
    csv = fill(csv, f.duplicate, std::to_string(f.page_b1));
    csv += "9999,choice,,,,,a,,,\n";       // unknown item
    csv += "abc,choice,,,,,a,,,\n";        // not a number

    std::istringstream in(csv);
    const auto report = apply_corrections_csv(db, in, "edited.csv");
    ASSERT_TRUE(report.error.empty()) << report.error;
    std::ostringstream printed;
    print_apply_report(printed, report);
    EXPECT_EQ(report.applied, 5) << csv << printed.str();
    EXPECT_EQ(report.rejected, 3);
    EXPECT_EQ(report.skipped, 4);  // no_research, q9, answers, missing: no value
    EXPECT_EQ(get_item(db, f.q1)->value.value_or("?"), "b");
    EXPECT_EQ(get_item(db, f.q2)->value.value_or("?"), "");
    EXPECT_EQ(get_item(db, f.q6)->value.value_or("?"), "48");
    EXPECT_EQ(get_item(db, f.q7)->state, "open");
    EXPECT_EQ(get_item(db, f.identity)->value.value_or("?"), "482913/pre/2");
    EXPECT_EQ(get_item(db, f.duplicate)->value.value_or("?"), std::to_string(f.page_b1));
    EXPECT_EQ(count(db, "SELECT COUNT(*) FROM resolutions WHERE via = 'csv'"), 5);
    EXPECT_NE(printed.str().find("5 applied, 4 skipped, 3 rejected"), std::string::npos) << printed.str();
    EXPECT_NE(printed.str().find("no review item 9999"), std::string::npos) << printed.str();

    // Applying the same file again changes nothing and rejects nothing new.
    const auto before = snapshot(db);
    std::istringstream again(csv);
    const auto r2 = apply_corrections_csv(db, again, "edited.csv");
    EXPECT_EQ(r2.applied, 0);
    EXPECT_EQ(r2.rejected, 3);
    EXPECT_EQ(snapshot(db), before);
    // The listing now holds only what is left.
    std::ostringstream left;
    write_queue_csv(left, db);
    const std::string rest = left.str();
    // q7, q9, the page's answers, the missing page; the NO RESEARCH item of scan a closed itself when
    // scan b was kept.
    EXPECT_EQ(std::count(rest.begin(), rest.end(), '\n'), 5);
    EXPECT_EQ(get_item(db, f.no_research)->decided_by, "machine");
}

TEST(QueueCsv, MinimalTwoColumnFileAndBadHeader) {
    const auto path = temp_db_path();
    const auto f = make_fixture_db(path);
    Db db(path);
    std::istringstream in("\xEF\xBB\xBFvalue,item_id\r\nblank," + std::to_string(f.missing) + "\r\n");
    const auto r = apply_corrections_csv(db, in, "min.csv");
    EXPECT_EQ(r.applied, 1);
    EXPECT_EQ(get_item(db, f.missing)->value.value_or("?"), "blank");
    std::istringstream bad("id,answer\n1,b\n");
    EXPECT_FALSE(apply_corrections_csv(db, bad, "bad.csv").error.empty());
    EXPECT_FALSE(apply_corrections_csv(db, "/nonexistent/x.csv").error.empty());
}
