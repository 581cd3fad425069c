// The scan job: every input file to the store, pages decoded on one thread and read on
// the others, stored in order, with progress on stderr and a summary for people.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/form.hpp"

namespace quizscan::cli {

struct ScanOptions {
    std::string db_path;
    std::vector<std::string> inputs;
    std::vector<std::string> ids_paths;  // optional rosters: the printed ID for a damaged barcode, the written ID of a spare sheet
    std::string annotate_dir;      // optional
    std::string calibration_dir;   // digit models
    double pdf_dpi = 300;
    int jobs = 0;                  // reader threads; 0 = cores
};

struct ScanSummary {
    int files = 0, files_skipped = 0, files_rejected = 0;
    int pages = 0, pages_read = 0, pages_flagged = 0, pages_blank = 0, pages_rejected = 0;
    double seconds = 0;
    std::vector<std::string> rejected;   // "file: why"; also files read only in part (pages_rejected: single pages)
    std::vector<std::string> skipped;    // "file: why": not scans (a folder's notes.txt), named twice, same content twice
    std::vector<std::string> flagged;    // "file p3: why"
    std::vector<std::string> blank;      // "file p3"
    std::vector<std::string> bilevel;    // files with black-and-white (1-bit) pages, once each
    int pages_bilevel = 0;
    std::vector<std::string> unevenly_lit;  // files with pages whose light was evened out (photos?), once each
    int pages_unevenly_lit = 0;
    std::vector<std::string> not_flat;  // files with pages bent between their corner marks, once each
    int pages_not_flat = 0;
    std::vector<std::string> by_print;  // files with pages placed by their print (corner marks cut off), once each
    int pages_by_print = 0;
    std::vector<std::string> no_marks;  // "file p3 (participant session, page 1): why": answers to key in review
    std::vector<std::string> faint;     // "file p3 (participant session, page 1)": faint marks, rescan darker
    std::vector<std::string> sheet_problems;
    int spare_pages = 0, spare_fronts = 0, spare_identified = 0;  // spare sheets' pages and fronts scanned; fronts identified
                                                                  // (by their written ID or in review)
    int sheets = 0, sheets_complete = 0;
    int review_open = 0;
    bool no_database = false;  // no input could be opened: no database was created
};

ScanSummary run_scan(const Form& form, const ScanOptions& opts);
void print_summary(std::ostream& out, const ScanSummary& s, const std::string& db_path);

}  // namespace quizscan::cli
