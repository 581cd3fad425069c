// Rubric scoring of one sheet: per-question points, total and per-goal points,
// all taken from the Form (answer key, number ranges, rubric, goals).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::score {

struct QuestionScore {
    std::string id;             // question id, "q1".."q10"
    std::string goal;           // goal id of the question
    std::optional<int> points;  // empty when a field it depends on is Pending
    int max_points = 0;         // Question::points
};

struct GoalScore {
    std::string id;             // "U1"
    std::optional<int> points;  // empty when any question of the goal is pending
    int max_points = 0;         // sum of points of the form's questions with this goal
};

struct SheetScore {
    std::vector<QuestionScore> questions;  // in form order
    std::optional<int> total;              // empty unless complete
    std::vector<GoalScore> goals;          // in form.goals order
    bool complete = false;                 // no scored field is Pending
    // Scored field ids still Pending, in form order (no_research is not a scored
    // field and is not listed here; see export_csv.hpp for the exported column).
    std::vector<std::string> pending;

    std::optional<int> points(const std::string& question_id) const;
    std::optional<int> goal_points(const std::string& goal_id) const;
};

SheetScore score_sheet(const Form& form, const SheetResponses& sheet);

// Points of one question on a sheet; empty when any field it depends on is Pending.
std::optional<int> score_question(const Question& q, const SheetResponses& sheet);

// True when the question reached its full points (used as "correct" by item
// statistics and KR-20; for 2-point number questions: both fields right).
bool full_points(const Question& q, int points);

// Parses a plainly written number ("40", "0.6", " +195000 ", ".5"). Anything
// else (empty, "195,000", "0,6", "abc", inf/nan) gives nullopt.
std::optional<double> parse_number(const std::string& text);

// Inclusive range test with a relative tolerance of 1e-9, so that ranges
// computed in floating point (e.g. 0.6 * 1.1) keep their written end points.
bool in_range(const Range& r, double v);

// Maximum points of a goal: sum of points of the questions with that goal.
int goal_max(const Form& form, const std::string& goal_id);

// The field state of a field id on a sheet; a field missing from the map is Pending.
FieldValue field_value(const SheetResponses& sheet, const std::string& field_id);

}  // namespace quizscan::score
