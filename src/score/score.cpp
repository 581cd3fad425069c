// Rubric scoring of one sheet (see score.hpp): choice key, number ranges and
// the number rubric, totals and goal sums.
#include "score/score.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace quizscan::score {

std::optional<int> SheetScore::points(const std::string& question_id) const {
    for (const auto& q : questions)
        if (q.id == question_id) return q.points;
    return std::nullopt;
}

std::optional<int> SheetScore::goal_points(const std::string& goal_id) const {
    for (const auto& g : goals)
        if (g.id == goal_id) return g.points;
    return std::nullopt;
}

FieldValue field_value(const SheetResponses& sheet, const std::string& field_id) {
    auto it = sheet.fields.find(field_id);
    if (it == sheet.fields.end()) return FieldValue{};  // never read: Pending
    return it->second;
}

std::optional<double> parse_number(const std::string& text) {
    auto b = text.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return std::nullopt;
    auto e = text.find_last_not_of(" \t\r\n");
    std::string s = text.substr(b, e - b + 1);
    if (!s.empty() && s[0] == '+') s.erase(0, 1);
    if (s.empty()) return std::nullopt;
    // Only digits, one '.', an optional leading '-' and an exponent are numbers here.
    for (char c : s)
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == 'e' ||
              c == 'E' || c == '+'))
            return std::nullopt;
    double v = 0;
    const char* first = s.data();
    const char* last = s.data() + s.size();
    auto [ptr, ec] = std::from_chars(first, last, v);
    if (ec != std::errc{} || ptr != last || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool in_range(const Range& r, double v) {
    auto tol = [](double x) { return 1e-9 * std::max(1.0, std::fabs(x)); };
    return v >= r.lo - tol(r.lo) && v <= r.hi + tol(r.hi);
}

std::optional<int> score_question(const Question& q, const SheetResponses& sheet) {
    if (q.kind == QuestionKind::Choice) {
        FieldValue f = field_value(sheet, q.id);
        if (f.state == FieldState::Pending) return std::nullopt;
        if (f.state == FieldState::Blank) return 0;
        return f.value == q.answer ? q.points : 0;
    }
    // Number question: every field must be read before it can be scored.
    int right = 0, close = 0;
    bool every_field_has_close = true;
    for (const auto& n : q.numbers) {
        FieldValue f = field_value(sheet, n.id);
        if (f.state == FieldState::Pending) return std::nullopt;
        if (!n.close) every_field_has_close = false;
        if (f.state == FieldState::Blank) continue;  // blank is wrong
        auto v = parse_number(f.value);
        if (!v) continue;  // unparsable is wrong
        if (in_range(n.accept, *v)) ++right;
        if (n.close && in_range(*n.close, *v)) ++close;
    }
    const int fields = static_cast<int>(q.numbers.size());
    if (fields == 0) return 0;
    if (right == fields) return q.rubric.all_correct;
    if (right > 0) return q.rubric.any_correct;
    if (every_field_has_close && close == fields) return q.rubric.all_close;
    return 0;
}

bool full_points(const Question& q, int points) { return q.points > 0 && points >= q.points; }

int goal_max(const Form& form, const std::string& goal_id) {
    int m = 0;
    for (const auto& q : form.questions)
        if (q.goal == goal_id) m += q.points;
    return m;
}

SheetScore score_sheet(const Form& form, const SheetResponses& sheet) {
    SheetScore s;
    for (const auto& q : form.questions) {
        // Pending fields in form order (the order of Form::field_ids()).
        if (q.kind == QuestionKind::Choice) {
            if (field_value(sheet, q.id).state == FieldState::Pending) s.pending.push_back(q.id);
        } else {
            for (const auto& n : q.numbers)
                if (field_value(sheet, n.id).state == FieldState::Pending) s.pending.push_back(n.id);
        }
        s.questions.push_back({q.id, q.goal, score_question(q, sheet), q.points});
    }
    s.complete = s.pending.empty();
    if (s.complete) {
        int t = 0;
        for (const auto& q : s.questions) t += *q.points;
        s.total = t;
    }
    for (const auto& g : form.goals) {
        GoalScore gs{g.id, 0, goal_max(form, g.id)};
        int sum = 0;
        for (const auto& q : s.questions) {
            if (q.goal != g.id) continue;
            if (!q.points) { gs.points.reset(); break; }
            sum += *q.points;
        }
        if (gs.points) gs.points = sum;
        s.goals.push_back(gs);
    }
    return s;
}

}  // namespace quizscan::score
