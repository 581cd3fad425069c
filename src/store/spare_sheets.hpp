// Spare sheets in the store: their numbers as printed, each scanned spare page with how its
// written ID was read, and after each scan the checks that need every page: an ID that another
// sheet of the session already has goes to review, and a back whose front was not scanned asks
// a person whose it is.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "scan/read_page.hpp"
#include "store/db.hpp"

namespace quizscan::store {

// The first number a new printing of spare sheets gets: one after the highest printed (1 at first).
std::int64_t next_spare_serial(const Db& db);
void record_spare_serials(const Db& db, const std::vector<std::string>& serials, const std::string& session,
                          const std::string& form);

// Records a stored page of a spare sheet (`r.id->spare()`), inside store_page's transaction: its
// serial and, for a front, the ID as read; a front whose ID was not accepted gets a page_identity
// item offering the nearest roster IDs (as `options`), its picture the ID area.
void store_spare_page(const Db& db, std::int64_t page_id, const PageResult& r);

// The page_identity item's one-key choices for a spare front, as JSON: [{"value": "482913/pre/1",
// "participant_id", "session", "sheet_page": 1, "why"}], nearest first.
std::string identity_choices_json(const std::vector<IdCandidate>& candidates, const std::string& session);

struct SpareCheck {
    int pages = 0;                      // pages of spare sheets scanned (fronts and backs)
    int fronts = 0;                     // spare fronts scanned (distinct pages)
    int identified = 0;                 // of them, identified now (automatically or in review)
    std::vector<std::string> problems;  // for the scan summary
};

// After a scan: spare fronts whose accepted ID is used by another sheet of the same session go to
// review; spare backs without a scanned front get a page_identity item (dropped again, if nobody
// answered it, once the front is scanned). One transaction.
SpareCheck check_spare_sheets(const Db& db);

}  // namespace quizscan::store
