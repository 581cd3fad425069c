// What the scan stage writes to the store: inputs, pages, readings, crops and review
// items, one transaction per page, so a killed scan resumes where it stopped.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "scan/read_page.hpp"
#include "store/db.hpp"

namespace quizscan::store {

// An input already fully scanned (by content hash) and its page count, if any.
struct KnownInput {
    std::int64_t id = 0;
    std::string status;   // 'done' or 'rejected'
};
std::optional<KnownInput> find_input(const Db& db, const std::string& sha256);

// Records an input file before its pages (status 'done' is set by finish_input).
std::int64_t begin_input(const Db& db, const std::string& sha256, const std::string& path, const std::string& name,
                         const std::string& kind);
void finish_input(const Db& db, std::int64_t input_id, int page_count);
void reject_input(const Db& db, const std::string& sha256, const std::string& path, const std::string& name,
                  const std::string& kind, const std::string& why);

// True when this page of this input is already stored (a resumed scan skips it).
bool page_stored(const Db& db, std::int64_t input_id, int page_index);

struct StoreOptions {
    double audit_share = 0.02;   // share of confident numbers also sent to review
};

// Stores one page's result with its readings, crops and review items (one transaction). Returns the
// page id, or 0 when that page of the input is stored already (by another scan alongside): nothing stored.
std::int64_t store_page(const Db& db, std::int64_t input_id, int page_index, const PageResult& r,
                        const StoreOptions& opts);
// A page that could not be decoded.
void store_rejected_page(const Db& db, std::int64_t input_id, int page_index, const std::string& why);

// After a batch: pairs fronts and backs, merges rescans of a page, asks about missing pages (store/reconcile.hpp).
struct SheetCheck {
    int sheets = 0;            // distinct participant x session
    int complete = 0;          // with both pages
    std::vector<std::string> problems;  // for the summary
};
SheetCheck check_sheets(const Db& db);

// Roster (printed participants), stored when printing or given with --ids.
void add_roster(const Db& db, const std::vector<std::string>& ids, const std::string& session, const std::string& form);
std::set<std::string> load_roster(const Db& db);  // participant IDs printed for any session

}  // namespace quizscan::store
