// Test fixture: a Form built in C++ that mirrors the MLSys·im quiz (key, points,
// goals, number ranges, rubric, misconceptions, bands), and a sheet builder.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::score::testing {

inline Question choice(int n, const std::string& goal, const std::string& answer,
                       std::map<std::string, std::vector<std::string>> miscon = {}) {
    Question q;
    q.id = "q" + std::to_string(n);
    q.number = n;
    q.page = n <= 5 ? 1 : 2;
    q.kind = QuestionKind::Choice;
    q.title = "Question " + std::to_string(n);
    q.stem = "Stem of question " + std::to_string(n) + " <with markup & ampersand>";
    q.goal = goal;
    q.points = 1;
    q.answer = answer;
    for (const char* v : {"a", "b", "c", "d"}) {
        ChoiceOption o;
        o.value = v;
        o.text = std::string("option ") + v;
        if (o.value != answer) o.reveals = "Q" + std::to_string(n) + "(" + v + "): reveals something, \"quoted\"";
        if (miscon.count(v)) o.misconceptions = miscon[v];
        q.options.push_back(o);
    }
    return q;
}

inline NumberField number(const std::string& id, double correct, Range accept, std::optional<Range> close,
                          std::vector<double> miscon_values = {}) {
    NumberField f;
    f.id = id;
    f.label = id;
    f.correct = correct;
    f.accept = accept;
    f.close = close;
    f.misconception_values = std::move(miscon_values);
    return f;
}

inline Form quiz_form() {
    Form f;
    f.id = "mlsysim-quiz";
    f.title = "MLSys·im Tutorial: Pre/Post Assessment Quiz";
    for (int i = 1; i <= 6; ++i) f.goals.push_back({"U" + std::to_string(i), "goal " + std::to_string(i)});
    f.misconceptions = {
        {"more-flops", "More FLOPS = faster", "40-50%"},
        {"more-gpus", "Just add more GPUs", "30-40%"},
        {"quant-latency", "Quantization is just a latency trick", "35-45%"},
        {"carbon-energy", "Carbon = energy efficiency", "50-60%"},
        {"benchmark-first", "Benchmark first, decide later", "25-35%"},
        {"allreduce-linear", "AllReduce scales linearly with N", "20-30%"},
    };
    f.bands = {{0, 3, 15, 2}, {4, 6, 45, 15}, {7, 9, 30, 45}, {10, 12, 10, 38}};
    f.questions.push_back(choice(1, "U1", "b", {{"a", {"more-flops"}}}));
    f.questions.push_back(choice(2, "U1", "a", {{"b", {"more-flops"}}}));
    f.questions.push_back(choice(3, "U2", "b", {{"a", {"more-gpus"}}}));
    f.questions.push_back(choice(4, "U3", "b", {{"c", {"more-gpus", "allreduce-linear"}}}));
    f.questions.push_back(choice(5, "U4", "a", {{"b", {"quant-latency"}}}));
    Question q6;
    q6.id = "q6";
    q6.number = 6;
    q6.page = 2;
    q6.kind = QuestionKind::Numbers;
    q6.title = "Fleet Impact of Quantization";
    q6.goal = "U4";
    q6.points = 2;
    q6.numbers = {number("q6_int4", 40, {40, 40}, Range{32, 48}),
                  number("q6_fp16", 100, {100, 100}, Range{80, 120}, {50})};
    q6.rubric = {2, 1, 1, "2 both; 1 one or both within 20%"};
    q6.number_misconception = "quant-latency";
    f.questions.push_back(q6);
    Question q7;
    q7.id = "q7";
    q7.number = 7;
    q7.page = 2;
    q7.kind = QuestionKind::Numbers;
    q7.title = "Carbon Geography";
    q7.goal = "U5";
    q7.points = 2;
    q7.numbers = {number("q7_virginia", 195, {175, 215}, std::nullopt),
                  number("q7_quebec", 0.6, {0.5, 0.7}, std::nullopt)};
    q7.rubric = {2, 1, 0, "2 both; 1 one"};
    f.questions.push_back(q7);
    f.questions.push_back(choice(8, "U5", "b", {{"a", {"carbon-energy"}}}));
    f.questions.push_back(choice(9, "U6", "a", {{"d", {"benchmark-first"}}}));
    f.questions.push_back(choice(10, "U6", "a", {{"c", {"benchmark-first"}}}));
    return f;
}

// Shorthand for a sheet. `answers` lists every field in order
// q1 q2 q3 q4 q5 q6_int4 q6_fp16 q7_virginia q7_quebec q8 q9 q10;
// "" = Blank, "?" = Pending, anything else = Value.
inline SheetResponses sheet(const std::string& pid, const std::string& session,
                            const std::vector<std::string>& answers, const std::string& no_research = "") {
    static const std::vector<std::string> ids = {"q1", "q2", "q3", "q4", "q5", "q6_int4", "q6_fp16",
                                                 "q7_virginia", "q7_quebec", "q8", "q9", "q10"};
    SheetResponses s;
    s.participant_id = pid;
    s.session = session;
    auto fv = [](const std::string& a) {
        if (a.empty()) return FieldValue{FieldState::Blank, ""};
        if (a == "?") return FieldValue{FieldState::Pending, ""};
        return FieldValue{FieldState::Value, a};
    };
    s.no_research = fv(no_research);
    for (size_t i = 0; i < ids.size() && i < answers.size(); ++i) s.fields[ids[i]] = fv(answers[i]);
    return s;
}

// The full answer key (12 points).
inline std::vector<std::string> key() {
    return {"b", "a", "b", "b", "a", "40", "100", "195", "0.6", "b", "a", "a"};
}

}  // namespace quizscan::score::testing
