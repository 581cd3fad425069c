// Removing scanned images after analysis (see purge.hpp).
#include "store/purge.hpp"

#include <filesystem>

namespace quizscan::store {

namespace {

std::int64_t file_size(const std::string& path) {
    std::error_code ec;
    std::int64_t total = 0;
    for (const std::string& p : {path, path + "-wal"}) {
        const auto n = std::filesystem::file_size(p, ec);
        if (!ec) total += static_cast<std::int64_t>(n);
    }
    return total;
}

std::int64_t count(const Db& db, const std::string& sql) {
    auto st = db.prepare(sql);
    return st.step() ? st.col_int(0) : 0;
}

}  // namespace

std::optional<std::string> images_purged_at(const Db& db) {
    auto st = db.prepare("SELECT value FROM meta WHERE key = 'images_purged_at'");
    if (!st.step()) return std::nullopt;
    return st.col_text(0);
}

int open_review_items(const Db& db) {
    return static_cast<int>(count(db, "SELECT COUNT(*) FROM review_items WHERE state = 'open'"));
}

PurgeResult purge_images(const Db& db) {
    PurgeResult r;
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    r.file_bytes_before = file_size(db.path());
    {
        Transaction tx(db);
        r.previews = static_cast<int>(count(db, "SELECT COUNT(*) FROM pages WHERE preview_png IS NOT NULL"));
        r.crops = static_cast<int>(count(db, "SELECT COUNT(*) FROM crops"));
        r.image_bytes = count(db, "SELECT COALESCE((SELECT SUM(length(preview_png)) FROM pages), 0) + "
                                  "COALESCE((SELECT SUM(length(png)) FROM crops), 0)");
        db.exec("UPDATE review_items SET crop_id = NULL WHERE crop_id IS NOT NULL");
        db.exec("DELETE FROM crops");
        db.exec("UPDATE pages SET preview_png = NULL WHERE preview_png IS NOT NULL");
        if (r.previews || r.crops || !images_purged_at(db))
            db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES ('images_purged_at', ?)").bind(1, now_iso8601()).run();
        tx.commit();
    }
    db.exec("VACUUM");
    db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    r.file_bytes_after = file_size(db.path());
    auto st = db.prepare("SELECT path FROM inputs WHERE kind <> 'forms' ORDER BY id");
    while (st.step()) r.scan_files.push_back(st.col_text(0));
    return r;
}

}  // namespace quizscan::store
