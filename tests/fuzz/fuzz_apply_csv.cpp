// libFuzzer target: the corrections CSV of `review --apply FILE`, applied to a fresh in-memory
// database holding one open item of each kind (ids 1-6). Every row must end applied, skipped
// or rejected with a message; the report must add up; nothing may throw.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "review/queue_csv.hpp"
#include "store/db.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    quizscan::store::Db db(":memory:");
    db.exec(
        "INSERT INTO review_items(id, kind, field, participant, session, guess, reason, options, created_at) VALUES "
        "(1, 'choice', 'q1', '482913', 'pre', 'b', 'two marks', '[{\"value\":\"a\",\"fill\":0.4},{\"value\":\"b\",\"fill\":0.8}]', 'now'),"
        "(2, 'number', 'q6_int4', '482913', 'pre', '40', 'unsure digit', '[]', 'now'),"
        "(3, 'checkbox', 'no_research', '482913', 'pre', '', 'spot check', '', 'now'),"
        "(4, 'page_identity', NULL, NULL, NULL, '', 'no barcode', '', 'now'),"
        "(5, 'sheet_duplicate', 'page1', '482913', 'pre', '', 'scanned twice', '[{\"page_id\":7},{\"page_id\":\"8\"}]', 'now'),"
        "(6, 'sheet_missing', 'page2', '482913', 'pre', 'rescan', 'not found', '[\"rescan\",\"blank\"]', 'now')");
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    const auto report = quizscan::review::apply_corrections_csv(db, in, "fuzz.csv");
    if (report.applied + report.skipped + report.rejected != static_cast<int>(report.rows.size())) std::abort();
    std::ostringstream out;
    quizscan::review::print_apply_report(out, report);
    return 0;
}
