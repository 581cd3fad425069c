// `quizscan purge --images`: the seed's retention rule (raw forms destroyed after the
// analysis): drops the scanned images from the database, keeps every reading and
// decision, and says how much space it gave back.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.hpp"
#include "store/purge.hpp"

namespace quizscan::cli {
namespace {

struct PurgeOptions {
    std::string db;
    bool images = false, force = false;
};

std::string megabytes(std::int64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
    return buf;
}

int run(const PurgeOptions& o) {
    if (!o.images) {
        std::cout << "say what to purge: --images (page images and field crops; readings and decisions stay)\n";
        return 2;
    }
    if (!std::filesystem::exists(o.db)) throw std::runtime_error(o.db + ": no such database");
    store::Db db(o.db);
    if (const int open = store::open_review_items(db); open > 0 && !o.force) {
        std::cout << open << " review items are still open, and a person needs the images to decide them: finish "
                  << "the review first (quizscan review --db " << o.db << "), or give --force to purge anyway\n";
        return 1;
    }
    const auto r = store::purge_images(db);
    std::cout << "removed " << r.previews << " page images and " << r.crops << " field crops (" << megabytes(r.image_bytes)
              << " of images); the database went from " << megabytes(r.file_bytes_before) << " to "
              << megabytes(r.file_bytes_after) << ", " << megabytes(r.file_bytes_before - r.file_bytes_after) << " freed\n";
    std::cout << "kept: every reading, review decision and its history; exports, the report and the review history "
                 "work as before, without pictures\n";
    if (!r.scan_files.empty()) {
        std::cout << "the scanned files themselves are outside the database and were not touched (" << r.scan_files.size()
                  << "), e.g. " << r.scan_files.front() << ": delete them under the same retention rule\n";
    }
    return 0;
}

}  // namespace

void add_purge_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("purge", "Remove the scanned images from the database after the analysis (retention)");
    auto o = std::make_shared<PurgeOptions>();
    cmd->add_option("--db", o->db, "Database")->required();
    cmd->add_flag("--images", o->images, "Remove page images and field crops; readings and decisions stay");
    cmd->add_flag("--force", o->force, "Purge even while review items are open");
    cmd->callback([o, &exit_code] { exit_code = run(*o); });
}

}  // namespace quizscan::cli
