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
// research sheets only. Columns:
//   question,session,goal,max_points,kind,n,
//   share_<opt>... (one per option letter of the form, e.g. share_a..share_d),
//   share_blank,share_multiple,difficulty,share_partial,discrimination,
//   key,misconception_<opt>...,number_misconception,share_number_misconception
// Shares are fractions 0..1 (3 decimals) of n. `difficulty` = share at full points.
// `discrimination` = point-biserial r of full points (0/1) with total minus the
// item's points. Empty cell: column does not apply to the question's kind;
// "n/a": it applies but cannot be computed (n = 0, or zero variance).
// misconception_<opt> is what choosing that distractor reveals
// (ChoiceOption::reveals, the seed's distractor analysis; empty for the key);
// for number questions number_misconception is the text of the question's
// number_misconception with the values that reveal it.
std::string items_csv(const Form& form, const std::vector<SheetResponses>& sheets);

// Writes responses.csv, research.csv and items.csv into out_dir (created if
// missing). Throws std::runtime_error naming the file when one cannot be written.
void write_exports(const Form& form, const std::vector<SheetResponses>& sheets,
                   const std::filesystem::path& out_dir);

}  // namespace quizscan::score
