// CSV exports: responses.csv (every sheet, DESIGN.md contract), research.csv
// (same columns, opted-out participants removed) and items.csv (item analysis).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::score {

// Header of responses.csv / research.csv, derived from the form:
// participant_id,session,no_research,<form.field_ids()>,pending,<qid>_points...,total,<goal ids>
std::vector<std::string> responses_header(const Form& form);

// One row per sheet, sorted by participant then session (pre before post).
// A Pending field is empty and named in `pending` (";"-separated, no_research
// first when its mark is pending); its question's points are empty; total and
// goal columns are empty unless every scored field was read.
std::string responses_csv(const Form& form, const std::vector<SheetResponses>& sheets);

// responses_csv() over research_sheets(): drops both sheets of every participant
// who set no_research on either sheet, and of participants whose no_research
// mark is still pending review (consent not known yet).
std::string research_csv(const Form& form, const std::vector<SheetResponses>& sheets);

// items.csv, one row per question and session (q1 pre, q1 post, ...), complete
// research sheets only (opted-out and pending sheets never count). Columns:
//   question        question id ("q1")
//   session         "pre" or "post"
//   goal            understanding goal id ("U1")
//   max_points      the question's points
//   kind            "choice" or "numbers"
//   n               complete research sheets of the session
//   share_<opt>     one column per option letter of the form (share_a..share_d):
//                   share that marked exactly that one option (choice only)
//   share_blank     choice: no mark; numbers: every field blank
//   share_multiple  choice only: several marks (scored 0)
//   difficulty      share at full points (numbers: both fields right)
//   share_partial   numbers only: some but not full points
//   discrimination  point-biserial r of full points (1/0) with the rest-of-test
//                   score (total minus this item's points)
//   key             choice: the answer letter; numbers: "q6_int4=40;q6_fp16=100"
//   misconception_<opt>  what choosing that distractor reveals (ChoiceOption::reveals,
//                   the seed's distractor analysis); empty for the key
//   number_misconception  numbers: text of the question's number_misconception
//                   and the values that reveal it, e.g. "... (q6_fp16=50)"
//   share_number_misconception  numbers: share that wrote one of those values
// Shares are fractions 0..1 with 3 decimals. Every number column holds a number or is
// empty: empty when the column does not apply to the question's kind, or when it
// cannot be computed (n = 0; discrimination also below kMinN sheets or without variance).
std::string items_csv(const Form& form, const std::vector<SheetResponses>& sheets);

struct ExportOptions {
    // Start each file with a UTF-8 byte order mark, so Excel reads accents and symbols
    // right. Off by default: scripts that read the column contract expect none.
    bool excel = false;
};

// Writes responses.csv, research.csv and items.csv into out_dir (created if
// missing). Throws std::runtime_error naming the file when one cannot be written.
void write_exports(const Form& form, const std::vector<SheetResponses>& sheets,
                   const std::filesystem::path& out_dir, const ExportOptions& options = {});

}  // namespace quizscan::score
