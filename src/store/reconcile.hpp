// Keeps the items quizscan makes itself in step with the pages as they stand: a sheet page
// scanned twice is merged (only fields the scans disagree on are asked, the other scan's items
// close), a page found or identified closes its missing-page item, a page decided not to be a
// form closes its items. Run after every scan and after every review decision.
#pragma once

#include <string>
#include <vector>

#include "store/db.hpp"

namespace quizscan::store {

struct ReconcileReport {
    int sheets = 0;                     // distinct participant x session
    int complete = 0;                   // with both pages
    std::vector<std::string> problems;  // for the scan summary: rescans merged, missing pages
    int closed = 0;                     // items closed by this run (resolutions via 'merge' / 'sheets')
    int reopened = 0;                   // items reopened (a scan that stood for a field is gone)
    int added = 0;                      // items added (scans that disagree on a field no one asked about)
};

// Runs in the caller's transaction. Every change is a row in resolutions (via 'merge' for
// field items, 'sheets' for missing-page items); nothing is deleted. Items a person decided
// are never touched, nor items a person reopened.
ReconcileReport reconcile_sheets(const Db& db);

}  // namespace quizscan::store
