// One-key answers for an unidentified page: the sheet pages the roster still lacks, the likeliest
// first (the printed ID as OCR read it, the pages next to it in its file and, for a stack scanned
// fronts first, where their other pages lie; its session and its page side), so that a person picks
// one instead of typing PARTICIPANT/SESSION/PAGE. A spare sheet's front offers first the roster IDs
// nearest to its written ID and bubble grid (store/spare_sheets.hpp), even one another sheet has.
#pragma once

#include "review/queue.hpp"
#include "store/db.hpp"
#include "store/pages.hpp"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace quizscan::review {

struct IdentityChoice {
    std::string value;           // "482913/pre/2", as POST /api/items/{id} takes it
    std::string participant_id, session;
    int sheet_page = 0;
    std::string why;             // for people: "printed ID read as 482918", "page 1 of it is just before this in the file"
    int score = 0;               // higher first
};

// What the choices are computed from, loaded once for all page_identity items of a queue.
struct IdentityIndex {
    std::vector<store::EffectivePage> pages;
    std::set<std::tuple<std::string, std::string, int>> present;   // (participant, session, sheet page) scanned
    std::set<std::pair<std::string, std::string>> sheets;          // (participant, session) printed or scanned
    std::map<std::int64_t, std::int64_t> input_of;                 // page id -> input id
    std::map<std::pair<std::int64_t, int>, std::size_t> at;         // (input id, page index) -> index into pages
    std::map<std::tuple<std::string, std::string, int>, std::pair<std::int64_t, int>> where;  // sheet page -> (input, index)
    // Spare fronts: the roster IDs nearest to what was written and bubbled, best first (id, why),
    // and the session their barcode names.
    struct SpareFront {
        std::string session;
        std::vector<std::pair<std::string, std::string>> nearest;
    };
    std::map<std::int64_t, SpareFront> spare_fronts;  // page id -> its ID's nearest roster IDs
};
IdentityIndex load_identity_index(store::Db& db);

// The sheet pages still lacking, best first, at most `limit`.
std::vector<IdentityChoice> identity_choices(const IdentityIndex& index, const QueueItem& item, std::size_t limit = 200);

// Digits of `ocr` found in order in `id` (longest common subsequence): how well a printed ID read
// by OCR supports a participant.
int ocr_support(const std::string& ocr, const std::string& id);

}  // namespace quizscan::review
