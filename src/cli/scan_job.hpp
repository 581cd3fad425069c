// `quizscan scan`: the database opened, the form and roster recorded, the reading kit made, and
// the batch (scan/batch.hpp) run into the database with progress on stderr; the summary printed.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "scan/batch_summary.hpp"

namespace quizscan::cli {

struct ScanOptions {
    std::string db_path;
    std::vector<std::string> inputs;
    std::vector<std::string> ids_paths;  // optional rosters: the printed ID for a damaged barcode, the written ID of a spare sheet
    std::string annotate_dir;      // optional
    std::string calibration_dir;   // digit models
    double pdf_dpi = 300;
    int jobs = 0;                  // reader threads; 0 = cores
    bool watch = false;            // keep reading the folders `inputs` as files arrive, until SIGINT or SIGTERM
    double watch_interval = 2;     // seconds between looks
};

// Throws InputError when --watch is given anything but folders.
ScanSummary run_scan(const Form& form, const ScanOptions& opts);
void print_summary(std::ostream& out, const ScanSummary& s, const std::string& db_path);

}  // namespace quizscan::cli
