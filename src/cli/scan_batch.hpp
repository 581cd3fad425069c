// A scan batch's account of its inputs around the read pipeline (scan_job.cpp): entries not
// read and why, a batch with nothing to open, pages an interrupted or concurrent scan already
// stored, files read only in part, and pages of another form to read again with the right one.
#pragma once

#include <cstdint>
#include <string>

#include "cli/scan_job.hpp"
#include "scan/input_list.hpp"
#include "scan/read_page.hpp"
#include "store/db.hpp"

namespace quizscan::cli {

// Lists every entry of the arguments that is not read: rejected ones as unreadable files,
// the rest (a folder's notes.txt, a file named twice) as skipped.
void note_input_problems(const InputList& list, ScanSummary& sum);

// True when none of the files can be opened as a scan (missing, locked, not a scan type).
bool nothing_opens(const InputList& list);
// Rejects each file with its reason without touching any database.
void reject_without_database(const InputList& list, ScanSummary& sum);

// Adds a page's outcome to the summary. `where` is "file p3".
void count_page(ScanSummary& sum, const std::string& where, PageStatus status, const std::string& reason);
// The same for a page stored by an earlier (interrupted) or a concurrent scan, from the store.
void count_stored_page(const store::Db& db, std::int64_t input_id, int page_index, const std::string& source,
                       ScanSummary& sum);

// A file read only in part (a truncated TIFF): the note is kept on its input, so scanning
// it again names it again; listed with the rejected files (the scan exits non-zero).
void note_partly_read(const store::Db& db, std::int64_t input_id, const std::string& path, const std::string& why,
                      ScanSummary& sum);
// Its note, if the input was read only in part ("" otherwise).
std::string partly_read_note(const store::Db& db, std::int64_t input_id);

// Pages of this input stored as another form's whose barcode names `form_id`: forgotten (and
// the input marked unfinished) so this scan reads them with that form. Returns how many.
int forget_other_form_pages(const store::Db& db, std::int64_t input_id, const std::string& form_id);

// A file that could not be read at all: recorded as rejected (unless it already has pages) and listed.
void reject_file(const store::Db& db, std::int64_t input_id, const std::string& sha, const std::string& path,
                 const std::string& name, const std::string& kind, const std::string& why, ScanSummary& sum);

}  // namespace quizscan::cli
