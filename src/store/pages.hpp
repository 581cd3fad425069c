// Pages as they stand after review: a page's identity comes from its barcode or OCR,
// or from a person's page_identity decision; duplicates resolved by choosing a scan.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/db.hpp"

namespace quizscan::store {

struct EffectivePage {
    std::int64_t id = 0;
    std::string source;        // input file name
    int page_index = 0;
    std::string sha256;
    std::string status;        // pages.status
    std::string participant, session;
    int sheet_page = 0;
    bool not_a_form = false;   // a person said it is not a page of the form
    bool identified() const { return !participant.empty() && !session.empty() && sheet_page > 0 && !not_a_form; }
};

std::vector<EffectivePage> effective_pages(const Db& db);

}  // namespace quizscan::store
