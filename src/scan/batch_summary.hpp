// What a scan batch did, for the summary people read (cli/scan_summary.cpp prints it): files
// and pages by outcome, each page that needs a look and why, and how the pages were scanned.
#pragma once

#include <string>
#include <vector>

#include "scan/input_list.hpp"
#include "scan/read_page.hpp"

namespace quizscan {

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

// Lists every entry of the arguments that is not read: rejected ones as unreadable files,
// the rest (a folder's notes.txt, a file named twice) as skipped.
void note_input_problems(const InputList& list, ScanSummary& sum);

// True when none of the files can be opened as a scan (missing, locked, not a scan type).
bool nothing_opens(const InputList& list);
// Rejects each file with its reason (no database is made for a batch with nothing to open).
void reject_without_database(const InputList& list, ScanSummary& sum);

// Counts a page's outcome. `where` is "file p3".
void count_page(ScanSummary& sum, const std::string& where, PageStatus status, const std::string& reason);
// Counts a page read now: its outcome, how it was scanned, what to tell people. `source`: its file's name.
void count_read_page(ScanSummary& sum, const PageResult& r, const std::string& where, const std::string& source);
// Counts a file that could not be read, or was read only in part: listed with the rejected files.
void count_rejected_file(ScanSummary& sum, const std::string& path, const std::string& why);

// Adds a batch's outcomes to those of the batches before it (a watched folder's): counts and lists
// add up; the sheets, spare sheets and open review items are the database's as the latest batch left it.
void add_batch(ScanSummary& total, const ScanSummary& batch);

}  // namespace quizscan
