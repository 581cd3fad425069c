// Misconceptions shown by a sheet (see misconceptions.hpp).
#include "score/misconceptions.hpp"

#include <algorithm>
#include <cstdio>

#include "score/score.hpp"

namespace quizscan::score {

static bool reveals(const ChoiceOption& o, const std::string& id) {
    return std::find(o.misconceptions.begin(), o.misconceptions.end(), id) != o.misconceptions.end();
}

bool number_field_shows_misconception(const NumberField& field, const SheetResponses& sheet) {
    FieldValue f = field_value(sheet, field.id);
    if (f.state != FieldState::Value) return false;
    auto v = parse_number(f.value);
    if (!v) return false;
    for (double m : field.misconception_values)
        if (in_range(Range{m, m}, *v)) return true;
    return false;
}

bool shows_misconception(const Form& form, const SheetResponses& sheet, const std::string& id) {
    if (id.empty()) return false;
    for (const auto& q : form.questions) {
        if (q.kind == QuestionKind::Choice) {
            FieldValue f = field_value(sheet, q.id);
            if (f.state != FieldState::Value) continue;
            for (const auto& o : q.options)
                if (f.value == o.value && reveals(o, id)) return true;
        } else if (q.number_misconception == id) {
            for (const auto& n : q.numbers)
                if (number_field_shows_misconception(n, sheet)) return true;
        }
    }
    return false;
}

static std::string plain_number(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string misconception_probes(const Form& form, const std::string& id) {
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : ", ") + s; };
    for (const auto& q : form.questions) {
        std::string qn = "Q" + std::to_string(q.number);
        if (q.kind == QuestionKind::Choice) {
            for (const auto& o : q.options)
                if (reveals(o, id)) add(qn + "(" + o.value + ")");
        } else if (q.number_misconception == id) {
            std::string vals;
            for (const auto& n : q.numbers)
                for (double v : n.misconception_values)
                    vals += (vals.empty() ? "" : ", ") + n.id + "=" + plain_number(v);
            add(qn + (vals.empty() ? "" : " (" + vals + ")"));
        }
    }
    return out;
}

}  // namespace quizscan::score
