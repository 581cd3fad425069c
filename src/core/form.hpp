// The form model: a quiz as plain data (questions, answer key, rubric, goals,
// misconceptions), loaded from forms/<form>.yaml. Nothing about a quiz lives in C++.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace quizscan {

// One option of a multiple-choice question.
struct ChoiceOption {
    std::string value;          // "a".."d"
    std::string text;           // printed text
    std::string reveals;        // what choosing this distractor reveals (seed's distractor analysis)
    std::vector<std::string> misconceptions;  // ids of the cohort misconceptions it counts toward
};

// A closed numeric interval [lo, hi], both ends included.
struct Range {
    double lo = 0;
    double hi = 0;
    bool contains(double v) const { return v >= lo && v <= hi; }
};

// One handwritten number answer (a row of comb boxes).
struct NumberField {
    std::string id;        // field id, e.g. "q6_int4"
    std::string label;     // printed label, e.g. "INT4 fleet"
    std::string unit;      // printed unit, e.g. "GPUs"
    double correct = 0;    // the worked answer
    Range accept;          // values counted right
    std::optional<Range> close;  // values counted "close" (e.g. within 20%), if the rubric uses it
    int int_boxes = 6;
    int decimal_boxes = 2;
    std::vector<double> misconception_values;  // values that reveal the question's number_misconception
};

// Rubric of a number question: points by how many fields are right or close.
struct NumberRubric {
    int all_correct = 0;   // every field within its accept range
    int any_correct = 0;   // at least one field right
    int all_close = 0;     // every field within its close range
    std::string note;      // rubric text as written in the seed, for the report
};

// A table printed under a question stem (e.g. Q10's GPU table).
struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

enum class QuestionKind { Choice, Numbers };

struct Question {
    std::string id;        // "q1".."q10"; for a choice question also its field id
    int number = 0;        // 1..10
    int page = 1;          // printed page (1 front, 2 back)
    QuestionKind kind = QuestionKind::Choice;
    std::string title;     // short title, e.g. "Bottleneck Identification"
    std::string stem;      // full question text
    std::string prompt;    // second paragraph (the actual ask), may be empty
    std::optional<Table> table;
    std::string goal;      // understanding goal id, e.g. "U1"
    int points = 1;
    // Choice questions.
    std::vector<ChoiceOption> options;
    std::string answer;    // correct option value
    // Number questions.
    std::vector<NumberField> numbers;
    NumberRubric rubric;
    std::string number_misconception;  // misconception id revealed by a misconception value
};

struct Goal {
    std::string id;        // "U1"
    std::string text;
};

struct Misconception {
    std::string id;                  // e.g. "more-flops"
    std::string text;                // "More FLOPS = faster"
    std::string expected_pre;        // seed's expected pre-test prevalence, e.g. "40-50%"
};

struct ScoreBand {
    int lo = 0, hi = 0;              // inclusive total-score range
    double expected_pre_pct = 0;
    double expected_post_pct = 0;
};

// The seed's expectations for the cohort, set beside what was observed in the report.
struct Expectations {
    std::optional<double> pre_mean, pre_sd, post_mean, post_sd;  // total points
    std::optional<double> cohens_d;                              // expected effect size
};

struct Form {
    std::string id;                  // "mlsysim-quiz"
    int version = 1;
    std::string title;
    std::string subtitle;
    std::vector<std::string> instructions;   // marking instructions printed on the front
    std::string consent_title;
    std::vector<std::string> consent;        // paragraphs
    std::string no_research_label;           // "" when the form has no consent block (no opt-out box)
    std::vector<Goal> goals;
    std::vector<Misconception> misconceptions;
    std::vector<ScoreBand> bands;
    Expectations expected;
    int time_limit_minutes = 0;              // 0: not given (checks the digital answers' timestamps)
    std::vector<Question> questions;
    std::string source_path;                 // file it was loaded from
    std::string definition;                  // the YAML text it was loaded from (recorded in the database)
    std::string fingerprint;                 // 16 hex digits over the definition's content (comments and spacing ignored)

    // The consent block with its NO RESEARCH box is printed (and read) only when the form has one.
    bool has_consent() const { return !no_research_label.empty(); }
    int total_points() const {
        int t = 0;
        for (const auto& q : questions) t += q.points;
        return t;
    }
    const Question* question(const std::string& id) const {
        for (const auto& q : questions)
            if (q.id == id) return &q;
        return nullptr;
    }
    // All field ids in export order: choice and number fields by question number.
    std::vector<std::string> field_ids() const {
        std::vector<std::string> ids;
        for (const auto& q : questions) {
            if (q.kind == QuestionKind::Choice) ids.push_back(q.id);
            else for (const auto& n : q.numbers) ids.push_back(n.id);
        }
        return ids;
    }
};

}  // namespace quizscan
