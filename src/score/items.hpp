// Item analysis per question and session: option shares, blanks, multiple
// marks, difficulty (share at full points) and discrimination (point-biserial
// of full points with the rest-of-test score). Only complete research sheets count.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::score {

struct ItemStats {
    std::string question;       // "q1"
    std::string session;        // "pre" / "post"
    std::string goal;
    QuestionKind kind = QuestionKind::Choice;
    int max_points = 0;
    int n = 0;                  // complete research sheets of the session
    // Shares are fractions 0..1 of n; nullopt when n = 0.
    std::vector<std::pair<std::string, std::optional<double>>> option_share;  // choice: exactly that one option
    std::optional<double> share_blank;     // choice: no mark; number: every field blank
    std::optional<double> share_multiple;  // choice only: several marks
    std::optional<double> difficulty;      // share at full points
    std::optional<double> share_partial;   // number only: some but not full points
    std::optional<double> share_number_misconception;  // number only: a misconception value written
    std::optional<double> discrimination;  // point-biserial(full points, total - item points);
                                           // empty below kMinN sheets or without variance
};

// For every question in form order, pre then post.
std::vector<ItemStats> item_analysis(const Form& form, const std::vector<SheetResponses>& sheets);

}  // namespace quizscan::score
