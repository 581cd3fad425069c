// The review queue as a CSV file, for people who prefer a spreadsheet: `--list` writes
// the open items; a person fills the `value` column; `--apply` resolves the filled rows.
#pragma once

#include "store/db.hpp"

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace quizscan::review {

// Writes the open items (`all`: every item), one row each, with the header
//   item_id,kind,participant_id,session,field,guess,value,source,page_index,reason,choices[,state,decided_by]
// `value` is empty for the person to fill on open items and the decision on decided ones ("-" for
// blank); `choices` lists an unidentified page's likeliest identities (identity_choices.hpp), best
// first. Fields are quoted per RFC 4180.
void write_queue_csv(std::ostream& out, store::Db& db, bool all = false);

// What became of one data row of a corrections file.
struct ApplyRow {
    enum class Outcome { Applied, Skipped, Rejected };
    int line = 0;                 // 1-based line number in the file where the row starts
    std::string item_id;          // as written in the file
    std::string value;            // as written in the file
    Outcome outcome = Outcome::Skipped;
    std::string message;          // why it was skipped or rejected; what was stored when applied
};

struct ApplyReport {
    std::vector<ApplyRow> rows;
    int applied = 0, skipped = 0, rejected = 0;
    int follow_ups = 0;           // numbers by the same writers sent to review by applied corrections
    std::string error;            // set when the file itself is unusable (no rows were looked at)
    bool ok() const { return error.empty() && rejected == 0; }
};

// Reads a CSV with at least the columns item_id and value (any order, extra columns
// ignored, so the --list output can be edited in place) and resolves each row with
// via='csv', one transaction per row: a row is applied whole or not at all, and rows
// are independent. An empty value cell means "not decided yet" (skipped); to record
// blank write `-` or `blank` (for choice, number and checkbox items). A row naming an
// item already resolved to the same value is skipped, so applying a file twice is safe. A row that
// would change a decided item is rejected unless `amend` (review --apply FILE --amend): then the
// decision is changed (a new resolution row with the old and the new value; amend_item).
ApplyReport apply_corrections_csv(store::Db& db, const std::string& path, bool amend = false);
ApplyReport apply_corrections_csv(store::Db& db, std::istream& in, const std::string& name, bool amend = false);

// One line per rejected/applied row and a summary line, for the CLI.
void print_apply_report(std::ostream& out, const ApplyReport& report);

}  // namespace quizscan::review
