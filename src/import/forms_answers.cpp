// Answer cells to field values (see forms_answers.hpp).
#include "import/forms_answers.hpp"

#include <cctype>
#include <regex>

#include "import/text_match.hpp"

namespace quizscan::import {

namespace {

Answer pending(Answer a, const std::string& why) {
    a.state = FieldState::Pending;
    a.value.clear();
    a.problem = why;
    return a;
}

Answer valued(Answer a, const std::string& v) {
    a.state = FieldState::Value;
    a.value = v;
    return a;
}

}  // namespace

Answer choice_answer(const Question& q, const std::string& cell) {
    Answer a{q.id, cell};
    const std::string n = normalize(cell);
    if (n.empty()) return a;  // blank
    for (const auto& o : q.options)
        if (n == normalize(o.text)) return valued(a, o.value);
    static const std::regex lettered(R"(^\(?([a-z])\s*[).:]?\s*(.*)$)");
    std::smatch m;
    if (std::regex_match(n, m, lettered)) {
        const std::string letter = m[1], rest = m[2];
        for (const auto& o : q.options) {
            if (o.value != letter) continue;
            if (rest.empty() || rest == normalize(o.text)) return valued(a, o.value);
        }
    }
    return pending(a, "Google Forms answer \"" + cell + "\" matches no option of Q" + std::to_string(q.number) +
                          ": choose the option it means (the form online may differ from the form definition)");
}

Answer number_answer(const NumberField& f, const std::string& cell) {
    Answer a{f.id, cell};
    std::string n = normalize(cell);
    if (n.empty()) return a;
    // A unit written after the number: the field's own, or a common short one.
    for (const std::string& unit : {normalize(f.unit), std::string("gpus"), std::string("gpu"), std::string("tonnes"),
                                    std::string("tons"), std::string("t"), std::string("tco2")}) {
        if (unit.empty() || n.size() <= unit.size()) continue;
        if (n.compare(n.size() - unit.size(), unit.size(), unit) == 0) {
            const std::string head = n.substr(0, n.size() - unit.size());
            if (!head.empty() && (head.back() == ' ' || std::isdigit(static_cast<unsigned char>(head.back())))) {
                n = normalize(head);
                break;
            }
        }
    }
    static const std::regex plain(R"(^\+?(\d+(?:\.\d*)?|\.\d+)$)");
    std::smatch m;
    if (std::regex_match(n, m, plain)) {
        std::string v = m[1];
        if (v.front() == '.') v = "0" + v;
        if (v.back() == '.') v.pop_back();
        return valued(a, v);
    }
    return pending(a, "typed answer \"" + cell + "\" for " + f.label +
                          " is not a plain number: type the number it means (a comma may be a thousands separator "
                          "or a decimal point)");
}

}  // namespace quizscan::import
