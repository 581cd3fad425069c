// Column mapping of a Google Forms export (see forms_columns.hpp).
#include "import/forms_columns.hpp"

#include <algorithm>

#include "import/text_match.hpp"

namespace quizscan::import {

namespace {

int len(const std::string& s) { return static_cast<int>(s.size()); }

// The texts a form builder would head a question's column with, normalized.
std::vector<std::string> question_texts(const Question& q) {
    std::vector<std::string> out;
    for (const std::string& t : {q.title, q.stem, q.prompt, q.stem + " " + q.prompt}) {
        const std::string n = normalize(t);
        if (!n.empty() && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
    return out;
}

// How well `body` names the question (0: not at all; longer matches score higher);
// `rest` is what is left of body once the question's text is taken out.
int question_score(const Question& q, const std::string& body, std::string& rest) {
    int best = 0;
    rest = body;
    for (const auto& c : question_texts(q)) {
        int s = 0;
        std::string left = body;
        if (body == c) {
            s = 1000 + len(c), left.clear();
        } else if (len(c) >= 12 && body.find(c) != std::string::npos) {
            s = len(c), left.erase(body.find(c), c.size());
        } else if (len(body) >= 12 && c.find(body) != std::string::npos) {
            s = len(body), left.clear();
        }
        if (s > best) best = s, rest = left;
    }
    return best;
}

// How well a column header names a field: 0 not at all, else larger is better.
int field_score(const Question& q, const NumberField* nf, const Numbered& h) {
    std::string rest;
    const int qs = question_score(q, h.body, rest);
    const int numbered = h.number && *h.number == q.number ? 1 : 0;
    if (!nf) {
        if (qs == 0) return numbered && h.body.empty() ? 1 : 0;  // "Q3" and nothing else
        return qs + numbered;
    }
    // A number field needs its label ("INT4 fleet", or its first word) beside the question text.
    const std::string& where = qs ? rest : h.body;
    const std::string label = normalize(nf->label);
    const std::string word = label.substr(0, label.find(' '));
    int ls = 0;
    if (!label.empty() && where.find(label) != std::string::npos) ls = 200 + len(label);
    else if (has_word(where, word)) ls = 100 + len(word);
    return ls ? ls + qs + numbered : 0;
}

bool special_column(const Form& form, const std::string& header, std::size_t col, ColumnMap& m) {
    const std::string n = normalize(header);
    if (n == "timestamp" || n == "time stamp" || n == "submitted at") {
        m.timestamp = m.timestamp ? m.timestamp : col;
        return true;
    }
    if (n.find("participant id") != std::string::npos || n == "participant" || n == "id" || n == "participant number") {
        if (m.participant) m.errors.push_back("two Participant ID columns (" + std::to_string(*m.participant + 1) + " and " +
                                              std::to_string(col + 1) + "): keep one");
        m.participant = col;
        return true;
    }
    if (n.find("no research") != std::string::npos || (!form.no_research_label.empty() && n == normalize(form.no_research_label))) {
        m.no_research = col;
        return true;
    }
    if (n == "email address" || n == "email" || n == "e-mail") {
        m.notes.push_back("column " + std::to_string(col + 1) + " \"" + header +
                          "\": not used. The seed asks for e-mail collection off: this file holds e-mail addresses, "
                          "delete it once imported");
        return true;
    }
    if (n == "score" || n == "total score") {
        m.notes.push_back("column " + std::to_string(col + 1) + " \"" + header +
                          "\": not used (quizscan scores by the form's rubric)");
        return true;
    }
    return false;
}

std::string field_name(const Question& q, const NumberField* nf) {
    return "Q" + std::to_string(q.number) + (nf ? " " + nf->label + " (" + nf->id + ")" : " (" + q.id + ")");
}

}  // namespace

ColumnMap map_columns(const Form& form, const std::vector<std::string>& header) {
    ColumnMap m;
    std::map<std::string, std::vector<std::size_t>> claimed;
    for (std::size_t col = 0; col < header.size(); ++col) {
        if (special_column(form, header[col], col, m)) continue;
        const Numbered h = split_numbering(header[col]);
        std::string best_field;
        int best = 0, ties = 0;
        for (const auto& q : form.questions) {
            std::vector<const NumberField*> fields;
            if (q.kind == QuestionKind::Choice) fields.push_back(nullptr);
            else for (const auto& nf : q.numbers) fields.push_back(&nf);
            for (const NumberField* nf : fields) {
                const int s = field_score(q, nf, h);
                if (s > best) best = s, ties = 0, best_field = nf ? nf->id : q.id;
                else if (s > 0 && s == best) ++ties;
            }
        }
        const std::string where = "column " + std::to_string(col + 1) + " \"" + header[col] + "\"";
        if (best == 0) m.notes.push_back(where + ": matches no question of the form; not used");
        else if (ties) m.notes.push_back(where + ": could be several questions; not used (name it after one question)");
        else claimed[best_field].push_back(col);
    }
    if (!m.timestamp) m.errors.push_back("no Timestamp column (Google Forms adds it as the first column)");
    if (!m.participant) m.errors.push_back("no \"Participant ID\" column");
    for (const auto& q : form.questions) {
        std::vector<const NumberField*> fields;
        if (q.kind == QuestionKind::Choice) fields.push_back(nullptr);
        else for (const auto& nf : q.numbers) fields.push_back(&nf);
        for (const NumberField* nf : fields) {
            const std::string id = nf ? nf->id : q.id;
            const auto& cols = claimed[id];
            if (cols.empty()) {
                m.errors.push_back("no column for " + field_name(q, nf) + ": head a column with the question's text" +
                                   std::string(nf ? " and \"" + nf->label + "\"" : ""));
            } else if (cols.size() > 1) {
                std::string list;
                for (auto c : cols) list += (list.empty() ? "" : ", ") + std::to_string(c + 1) + " \"" + header[c] + "\"";
                m.errors.push_back("several columns for " + field_name(q, nf) + ": " + list + "; keep one");
            } else {
                m.fields[id] = cols.front();
            }
        }
    }
    return m;
}

}  // namespace quizscan::import
