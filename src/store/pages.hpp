// Pages as they stand after review: a page's identity comes from its barcode or OCR, a spare
// sheet's from its written ID (the back from its front, through the serial), or from a person's
// page_identity decision; duplicates resolved by choosing a scan.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "store/db.hpp"

namespace quizscan::store {

struct EffectivePage {
    std::int64_t id = 0;
    std::string source;        // input file name
    std::string input_kind;    // inputs.kind: pdf, tiff, png, jpeg, or forms (digital answers, import-forms)
    int page_index = 0;
    std::string sha256;
    std::string status;        // pages.status
    std::string participant, session;
    int sheet_page = 0;
    bool not_a_form = false;   // a person said it is not a page of the form
    std::string serial;        // a spare sheet's number ("" on a personal sheet)
    bool identified() const { return !participant.empty() && !session.empty() && sheet_page > 0 && !not_a_form; }
};

// A spare page with an open page_identity item (its ID in doubt, or used by another sheet) is
// nobody's until it is decided; a spare back without a decision of its own is its front's.
std::vector<EffectivePage> effective_pages(const Db& db);

// The scans of each sheet page: (participant, session) -> sheet page (1, 2) -> its scans, in
// the order they were stored, one per distinct content (the same image stored twice is one
// scan; two entries are a duplicate a person must choose between). Pages that show a
// sheet: read, unidentified-but-resolved, or unregistered (seen, not readable).
using SheetScans = std::map<std::pair<std::string, std::string>, std::map<int, std::vector<const EffectivePage*>>>;
SheetScans scans_by_sheet(const std::vector<EffectivePage>& pages);

}  // namespace quizscan::store
