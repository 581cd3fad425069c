// Retention: removes the scanned images (page previews and field crops) from a database
// once the analysis is done, keeping every reading, decision and the audit trail, and
// gives the space back (VACUUM). The seed: raw forms destroyed one year after analysis.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace quizscan::store {

struct PurgeResult {
    int previews = 0;                     // page images removed
    int crops = 0;                        // field crops and digit boxes removed
    std::int64_t image_bytes = 0;         // their size
    std::int64_t file_bytes_before = 0;   // the database file (with its WAL) before
    std::int64_t file_bytes_after = 0;    // and after VACUUM
    std::vector<std::string> scan_files;  // the scanned files named in the database: outside it, not touched
};

// When images were purged (meta images_purged_at), if ever.
std::optional<std::string> images_purged_at(const Db& db);

// Review items still open.
int open_review_items(const Db& db);

// Deletes every crop and page preview in one transaction (review items keep their
// decisions; their crop link is cleared), records the time in meta, then VACUUMs.
// Idempotent: a second run removes nothing and says so.
PurgeResult purge_images(const Db& db);

}  // namespace quizscan::store
