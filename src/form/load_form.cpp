// Form definition loader: strict YAML reading (unknown keys, missing answers, duplicate
// ids and bad ranges are errors with file:line) into the plain Form model.
#include "form/load_form.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace quizscan {
namespace {

// Points of one question: a sum over any number of questions stays far from overflowing.
constexpr int kMaxPoints = 1000;

// Reads one YAML node, remembering where it is so errors can point there.
class Reader {
public:
    Reader(const std::string& file) : file_(file) {}

    [[noreturn]] void fail(const YAML::Node& at, const std::string& what) const {
        std::ostringstream os;
        os << file_;
        if (at.IsDefined() && at.Mark().line >= 0) os << ":" << at.Mark().line + 1;
        os << ": " << what;
        throw FormError(os.str());
    }

    // Checks `node` is a map holding only `allowed` keys, each once (YAML parsers keep the first
    // of two equal keys and drop the second without a word).
    void expect_map(const YAML::Node& node, const std::string& what, std::initializer_list<const char*> allowed) const {
        if (!node.IsMap()) fail(node, what + " must be a mapping");
        std::map<std::string, int> seen;  // key -> its line
        for (const auto& kv : node) {
            if (!kv.first.IsScalar()) fail(kv.first, "a key in " + what + " must be a plain word");
            const auto key = kv.first.as<std::string>();
            if (const auto [it, fresh] = seen.emplace(key, kv.first.Mark().line + 1); !fresh)
                fail(kv.first, "'" + key + "' is given twice in " + what + " (also on line " + std::to_string(it->second) + ")");
            bool ok = false;
            for (const char* a : allowed) ok = ok || key == a;
            if (!ok) {
                std::string list;
                for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
                fail(kv.first, "unknown key '" + key + "' in " + what + " (allowed: " + list + ")");
            }
        }
    }

    const YAML::Node need(const YAML::Node& map, const char* key, const std::string& what) const {
        const YAML::Node n = map[key];
        if (!n.IsDefined() || n.IsNull()) fail(map, what + " is missing '" + key + "'");
        return n;
    }

    std::string str(const YAML::Node& map, const char* key, const std::string& what) const {
        const YAML::Node n = need(map, key, what);
        if (!n.IsScalar()) fail(n, std::string("'") + key + "' of " + what + " must be text");
        return n.as<std::string>();
    }
    std::string opt_str(const YAML::Node& map, const char* key, const std::string& what) const {
        const YAML::Node n = map[key];
        if (!n.IsDefined() || n.IsNull()) return {};
        if (!n.IsScalar()) fail(n, std::string("'") + key + "' of " + what + " must be text");
        return n.as<std::string>();
    }
    double num(const YAML::Node& n, const std::string& what) const {
        try {
            return n.as<double>();
        } catch (const YAML::Exception&) {
            fail(n, what + " must be a number");
        }
    }
    int integer(const YAML::Node& n, const std::string& what) const {
        try {
            return n.as<int>();
        } catch (const YAML::Exception&) {
            fail(n, what + " must be a whole number");
        }
    }
    Range range(const YAML::Node& n, const std::string& what) const {
        if (!n.IsSequence() || n.size() != 2) fail(n, what + " must be [low, high]");
        Range r{num(n[0], what), num(n[1], what)};
        if (r.lo > r.hi) fail(n, what + " has low > high");
        return r;
    }
    // A node that must be a list (iterating a mapping as a list is undefined in yaml-cpp).
    YAML::Node list(const YAML::Node& n, const std::string& what) const {
        if (!n.IsSequence()) fail(n, what + " must be a list");
        return n;
    }
    std::vector<std::string> strings(const YAML::Node& n, const std::string& what) const {
        std::vector<std::string> out;
        if (!n.IsDefined() || n.IsNull()) return out;
        if (!n.IsSequence()) fail(n, what + " must be a list");
        for (const auto& s : n) {
            if (!s.IsScalar()) fail(s, what + " must hold text items");
            out.push_back(s.as<std::string>());
        }
        return out;
    }

private:
    std::string file_;
};

ChoiceOption read_option(const Reader& r, const YAML::Node& n, const std::string& qid) {
    const std::string what = "an option of " + qid;
    r.expect_map(n, what, {"value", "text", "reveals", "misconceptions"});
    ChoiceOption o;
    o.value = r.str(n, "value", what);
    o.text = r.str(n, "text", what);
    o.reveals = r.opt_str(n, "reveals", what);
    o.misconceptions = r.strings(n["misconceptions"], "misconceptions of " + qid + " option " + o.value);
    return o;
}

NumberField read_number(const Reader& r, const YAML::Node& n, const std::string& qid) {
    const std::string what = "a number field of " + qid;
    r.expect_map(n, what, {"id", "label", "unit", "correct", "accept", "close", "int_boxes", "decimal_boxes",
                           "misconception_values"});
    NumberField f;
    f.id = r.str(n, "id", what);
    f.label = r.str(n, "label", what);
    f.unit = r.opt_str(n, "unit", what);
    f.correct = r.num(r.need(n, "correct", what), f.id + ".correct");
    f.accept = r.range(r.need(n, "accept", what), f.id + ".accept");
    if (n["close"]) f.close = r.range(n["close"], f.id + ".close");
    if (n["int_boxes"]) f.int_boxes = r.integer(n["int_boxes"], f.id + ".int_boxes");
    if (n["decimal_boxes"]) f.decimal_boxes = r.integer(n["decimal_boxes"], f.id + ".decimal_boxes");
    if (f.int_boxes < 1 || f.int_boxes > 8) r.fail(n, f.id + ".int_boxes must be 1..8");
    if (f.decimal_boxes < 0 || f.decimal_boxes > 4) r.fail(n, f.id + ".decimal_boxes must be 0..4");
    if (!f.accept.contains(f.correct)) {
        char v[32];
        std::snprintf(v, sizeof v, "%g", f.correct);
        r.fail(n["accept"], f.id + ": the correct value " + v + " is outside its accept range");
    }
    if (f.close && !(f.close->lo <= f.accept.lo && f.close->hi >= f.accept.hi))
        r.fail(n["close"], f.id + ".close must contain the accept range");
    if (const auto mv = n["misconception_values"]; mv.IsDefined()) {
        if (!mv.IsSequence()) r.fail(mv, f.id + ".misconception_values must be a list of numbers");
        for (const auto& v : mv) f.misconception_values.push_back(r.num(v, f.id + ".misconception_values"));
    }
    return f;
}

Question read_question(const Reader& r, const YAML::Node& n, int index) {
    const std::string what = "question #" + std::to_string(index + 1);
    r.expect_map(n, what, {"id", "page", "type", "title", "goal", "points", "stem", "prompt", "table", "answer",
                           "options", "numbers", "number_misconception", "rubric"});
    Question q;
    q.id = r.str(n, "id", what);
    if (!std::regex_match(q.id, std::regex("q[0-9]{1,6}")))
        r.fail(n["id"], "question id '" + q.id + "' must look like q1, q2, ... (q and at most 6 digits)");
    q.number = std::stoi(q.id.substr(1));
    q.page = r.integer(r.need(n, "page", q.id), q.id + ".page");
    if (q.page != 1 && q.page != 2) r.fail(n["page"], q.id + ".page must be 1 (front) or 2 (back)");
    q.title = r.str(n, "title", q.id);
    q.goal = r.str(n, "goal", q.id);
    q.points = r.integer(r.need(n, "points", q.id), q.id + ".points");
    if (q.points < 1 || q.points > kMaxPoints) r.fail(n["points"], q.id + ".points must be 1.." + std::to_string(kMaxPoints));
    q.stem = r.str(n, "stem", q.id);
    q.prompt = r.opt_str(n, "prompt", q.id);
    if (const auto t = n["table"]; t.IsDefined()) {
        r.expect_map(t, q.id + ".table", {"header", "rows"});
        Table table;
        table.header = r.strings(r.need(t, "header", q.id + ".table"), q.id + ".table.header");
        for (const auto& row : r.list(r.need(t, "rows", q.id + ".table"), q.id + ".table.rows")) {
            auto cells = r.strings(row, q.id + ".table row");
            if (cells.size() != table.header.size()) r.fail(row, q.id + ".table: a row has " + std::to_string(cells.size()) + " cells, the header " + std::to_string(table.header.size()));
            table.rows.push_back(std::move(cells));
        }
        q.table = std::move(table);
    }
    const std::string type = r.str(n, "type", q.id);
    if (type == "choice") {
        q.kind = QuestionKind::Choice;
        const auto opts = r.need(n, "options", q.id);
        if (!opts.IsSequence() || opts.size() < 2 || opts.size() > 6) r.fail(opts, q.id + ".options must list 2 to 6 options");
        std::set<std::string> seen;
        for (const auto& o : opts) {
            q.options.push_back(read_option(r, o, q.id));
            if (!seen.insert(q.options.back().value).second) r.fail(o, q.id + ": duplicate option '" + q.options.back().value + "'");
        }
        if (!n["answer"].IsDefined()) r.fail(n, q.id + " has no answer");
        q.answer = r.str(n, "answer", q.id);
        if (!seen.count(q.answer)) r.fail(n["answer"], q.id + ": answer '" + q.answer + "' is not one of its options");
        if (n["numbers"] || n["rubric"]) r.fail(n, q.id + ": a choice question takes no numbers or rubric");
    } else if (type == "numbers") {
        q.kind = QuestionKind::Numbers;
        const auto nums = r.need(n, "numbers", q.id);
        if (!nums.IsSequence() || nums.size() < 1) r.fail(nums, q.id + ".numbers must list at least one number");
        for (const auto& f : nums) q.numbers.push_back(read_number(r, f, q.id));
        q.number_misconception = r.opt_str(n, "number_misconception", q.id);
        const auto rub = r.need(n, "rubric", q.id);
        r.expect_map(rub, q.id + ".rubric", {"all_correct", "any_correct", "all_close", "note"});
        q.rubric.all_correct = r.integer(r.need(rub, "all_correct", q.id + ".rubric"), q.id + ".rubric.all_correct");
        if (rub["any_correct"]) q.rubric.any_correct = r.integer(rub["any_correct"], q.id + ".rubric.any_correct");
        if (rub["all_close"]) q.rubric.all_close = r.integer(rub["all_close"], q.id + ".rubric.all_close");
        q.rubric.note = r.opt_str(rub, "note", q.id + ".rubric");
        if (q.rubric.all_correct != q.points) r.fail(rub, q.id + ".rubric.all_correct must equal the question's points");
        if (q.rubric.any_correct > q.points || q.rubric.all_close > q.points || q.rubric.any_correct < 0 || q.rubric.all_close < 0)
            r.fail(rub, q.id + ".rubric: partial credit must be between 0 and the question's points");
        if (q.rubric.all_close > 0)
            for (const auto& f : q.numbers)
                if (!f.close) r.fail(rub, q.id + ".rubric.all_close needs a 'close' range on " + f.id);
        if (n["options"] || n["answer"]) r.fail(n, q.id + ": a numbers question takes no options or answer");
    } else {
        r.fail(n["type"], q.id + ".type must be 'choice' or 'numbers', not '" + type + "'");
    }
    return q;
}

// `expected: {pre: {mean, sd}, post: {mean, sd}, cohens_d}` and `time_limit_minutes`, both optional.
void read_expectations(const Reader& r, const YAML::Node& root, Form& f) {
    if (const auto t = root["time_limit_minutes"]; t.IsDefined()) {
        f.time_limit_minutes = r.integer(t, "time_limit_minutes");
        if (f.time_limit_minutes < 1 || f.time_limit_minutes > 600) r.fail(t, "time_limit_minutes must be 1..600");
    }
    const auto e = root["expected"];
    if (!e.IsDefined()) return;
    r.expect_map(e, "expected", {"pre", "post", "cohens_d"});
    auto session = [&](const char* key, std::optional<double>& m, std::optional<double>& sd) {
        const auto s = e[key];
        if (!s.IsDefined()) return;
        r.expect_map(s, std::string("expected.") + key, {"mean", "sd"});
        if (s["mean"]) m = r.num(s["mean"], std::string("expected.") + key + ".mean");
        if (s["sd"]) sd = r.num(s["sd"], std::string("expected.") + key + ".sd");
    };
    session("pre", f.expected.pre_mean, f.expected.pre_sd);
    session("post", f.expected.post_mean, f.expected.post_sd);
    if (e["cohens_d"]) f.expected.cohens_d = r.num(e["cohens_d"], "expected.cohens_d");
}

// FNV-1a (64 bit) over the YAML as re-emitted: the same content gives the same value whatever
// its comments, quoting or spacing. An identity check, not a security one.
std::string content_fingerprint(const YAML::Node& root) {
    YAML::Emitter e;
    e << root;
    std::uint64_t h = 14695981039346656037ull;
    for (const char* c = e.c_str(); *c; ++c) h = (h ^ static_cast<unsigned char>(*c)) * 1099511628211ull;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

}  // namespace

Form parse_form(const std::string& text, const std::string& name) {
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException& e) {
        throw FormError(name + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg);
    }
    const Reader r(name);
    if (!root.IsMap()) throw FormError(name + ": a form definition must be a YAML mapping");
    r.expect_map(root, "the form", {"form", "version", "title", "subtitle", "instructions", "consent", "goals",
                                     "misconceptions", "score_bands", "expected", "time_limit_minutes", "questions"});
    Form f;
    f.source_path = name;
    f.id = r.str(root, "form", "the form");
    if (!std::regex_match(f.id, std::regex("[a-z0-9][a-z0-9-]{0,31}")))
        r.fail(root["form"], "form id '" + f.id + "' must be lower-case letters, digits and '-' (at most 32)");
    f.version = r.integer(r.need(root, "version", "the form"), "version");
    if (f.version < 1 || f.version > 99) r.fail(root["version"], "version must be 1..99");
    f.title = r.str(root, "title", "the form");
    f.subtitle = r.opt_str(root, "subtitle", "the form");
    f.instructions = r.strings(root["instructions"], "instructions");

    // Optional: a form without it (a feedback form) prints no consent box and no NO RESEARCH box.
    if (const auto consent = root["consent"]; consent.IsDefined() && !consent.IsNull()) {
        r.expect_map(consent, "consent", {"title", "paragraphs", "no_research_label"});
        f.consent_title = r.str(consent, "title", "consent");
        f.consent = r.strings(r.need(consent, "paragraphs", "consent"), "consent.paragraphs");
        f.no_research_label = r.str(consent, "no_research_label", "consent");
        if (f.no_research_label.empty()) r.fail(consent["no_research_label"], "consent.no_research_label must not be empty");
    }

    std::set<std::string> goal_ids, misconception_ids, field_ids, question_ids;
    for (const auto& g : r.list(r.need(root, "goals", "the form"), "goals")) {
        r.expect_map(g, "a goal", {"id", "text"});
        Goal goal{r.str(g, "id", "a goal"), r.str(g, "text", "a goal")};
        if (!goal_ids.insert(goal.id).second) r.fail(g, "duplicate goal id '" + goal.id + "'");
        f.goals.push_back(goal);
    }
    if (const auto ms = root["misconceptions"]; ms.IsDefined()) {
        for (const auto& m : r.list(ms, "misconceptions")) {
            r.expect_map(m, "a misconception", {"id", "text", "expected_pre"});
            Misconception mc{r.str(m, "id", "a misconception"), r.str(m, "text", "a misconception"),
                             r.opt_str(m, "expected_pre", "a misconception")};
            if (!misconception_ids.insert(mc.id).second) r.fail(m, "duplicate misconception id '" + mc.id + "'");
            f.misconceptions.push_back(mc);
        }
    }
    const auto qs = r.need(root, "questions", "the form");
    if (!qs.IsSequence() || qs.size() == 0) r.fail(qs, "questions must be a non-empty list");
    for (std::size_t i = 0; i < qs.size(); ++i) {
        Question q = read_question(r, qs[i], static_cast<int>(i));
        if (!question_ids.insert(q.id).second) r.fail(qs[i], "duplicate question id '" + q.id + "'");
        if (!goal_ids.count(q.goal)) r.fail(qs[i]["goal"], q.id + ": unknown goal '" + q.goal + "'");
        for (std::size_t k = 0; k < q.options.size(); ++k)
            for (const auto& m : q.options[k].misconceptions)
                if (!misconception_ids.count(m)) r.fail(qs[i]["options"][k], q.id + ": unknown misconception '" + m + "'");
        if (!q.number_misconception.empty() && !misconception_ids.count(q.number_misconception))
            r.fail(qs[i]["number_misconception"], q.id + ": unknown misconception '" + q.number_misconception + "'");
        const auto ids = q.kind == QuestionKind::Choice ? std::vector<std::string>{q.id} : [&] {
            std::vector<std::string> v;
            for (const auto& n : q.numbers) v.push_back(n.id);
            return v;
        }();
        for (std::size_t k = 0; k < ids.size(); ++k) {
            // Point at the id as written: the question's id, or the number field's id.
            const YAML::Node at = q.kind == QuestionKind::Choice ? qs[i]["id"] : qs[i]["numbers"][k]["id"];
            if (ids[k] == "no_research") r.fail(at, "field id 'no_research' is reserved for the opt-out box");
            if (!field_ids.insert(ids[k]).second) r.fail(at, "duplicate field id '" + ids[k] + "'");
        }
        f.questions.push_back(std::move(q));
    }
    for (std::size_t i = 1; i < f.questions.size(); ++i)
        if (f.questions[i].number <= f.questions[i - 1].number)
            r.fail(qs[i], f.questions[i].id + " is out of order (questions must be listed q1, q2, ...)");
    if (const auto bands = root["score_bands"]; bands.IsDefined()) {
        for (const auto& b : r.list(bands, "score_bands")) {
            r.expect_map(b, "a score band", {"range", "expected_pre", "expected_post"});
            const Range rg = r.range(r.need(b, "range", "a score band"), "score band range");
            if (!(rg.lo >= 0 && rg.hi <= f.total_points()) || rg.lo != std::floor(rg.lo) || rg.hi != std::floor(rg.hi))
                r.fail(b["range"], "a score band's range must be whole points within 0.." + std::to_string(f.total_points()));
            ScoreBand band{static_cast<int>(rg.lo), static_cast<int>(rg.hi), 0, 0};
            if (b["expected_pre"]) band.expected_pre_pct = r.num(b["expected_pre"], "expected_pre");
            if (b["expected_post"]) band.expected_post_pct = r.num(b["expected_post"], "expected_post");
            f.bands.push_back(band);
        }
    }
    read_expectations(r, root, f);
    f.definition = text;
    f.fingerprint = content_fingerprint(root);
    return f;
}

Form load_form(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw FormError(path + ": cannot open the form definition (check the path given to --form)");
    std::ostringstream os;
    os << in.rdbuf();
    return parse_form(os.str(), path);
}

}  // namespace quizscan
