// CSV exports (see export_csv.hpp).
#include "score/export_csv.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "score/cohort.hpp"
#include "core/csv.hpp"
#include "score/items.hpp"
#include "score/score.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

std::vector<std::string> responses_header(const Form& form) {
    std::vector<std::string> h = {"participant_id", "session", "no_research"};
    for (const auto& id : form.field_ids()) h.push_back(id);
    h.push_back("pending");
    for (const auto& q : form.questions) h.push_back(q.id + "_points");
    h.push_back("total");
    for (const auto& g : form.goals) h.push_back(g.id);
    return h;
}

static std::string opt_int(const std::optional<int>& v) { return v ? std::to_string(*v) : ""; }

static std::vector<std::string> response_row(const Form& form, const SheetResponses& s) {
    SheetScore sc = score_sheet(form, s);
    std::vector<std::string> row = {s.participant_id, s.session, sheet_opted_out(s) ? "yes" : ""};
    for (const auto& id : form.field_ids()) {
        FieldValue f = field_value(s, id);
        row.push_back(f.state == FieldState::Value ? f.value : "");
    }
    std::string pending;
    if (s.no_research.state == FieldState::Pending) pending = "no_research";
    for (const auto& id : sc.pending) pending += (pending.empty() ? "" : ";") + id;
    row.push_back(pending);
    for (const auto& q : sc.questions) row.push_back(opt_int(q.points));
    row.push_back(opt_int(sc.total));
    for (const auto& g : sc.goals) row.push_back(sc.complete ? opt_int(g.points) : "");
    return row;
}

static std::string rows_csv(const Form& form, const std::vector<SheetResponses>& sorted) {
    std::string out = csv_row(responses_header(form));
    for (const auto& s : sorted) out += csv_row(response_row(form, s));
    return out;
}

std::string responses_csv(const Form& form, const std::vector<SheetResponses>& sheets) {
    return rows_csv(form, sorted_sheets(sheets));
}

std::string research_csv(const Form& form, const std::vector<SheetResponses>& sheets) {
    return rows_csv(form, research_sheets(sheets));
}

// A number cell: the value, or empty when it cannot be computed (never text such as "n/a",
// so a spreadsheet reads the whole column as numbers).
static std::string number_cell(const std::optional<double>& v, int decimals = 3) {
    return v && std::isfinite(*v) ? fmt_stat(v, decimals) : "";
}
static std::string share_text(const std::optional<double>& v) { return number_cell(v); }

static std::string misconception_text(const Form& form, const std::string& id) {
    if (id.empty()) return "";
    for (const auto& m : form.misconceptions)
        if (m.id == id) return m.text;
    return id;
}

static std::string number_text(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string items_csv(const Form& form, const std::vector<SheetResponses>& sheets) {
    // Option letters over the whole form, in first-seen order.
    std::vector<std::string> letters;
    for (const auto& q : form.questions)
        for (const auto& o : q.options)
            if (std::find(letters.begin(), letters.end(), o.value) == letters.end()) letters.push_back(o.value);

    std::vector<std::string> header = {"question", "session", "goal", "max_points", "kind", "n"};
    for (const auto& l : letters) header.push_back("share_" + l);
    for (const char* c : {"share_blank", "share_multiple", "difficulty", "share_partial", "discrimination", "key"})
        header.push_back(c);
    for (const auto& l : letters) header.push_back("misconception_" + l);
    header.push_back("number_misconception");
    header.push_back("share_number_misconception");
    std::string out = csv_row(header);

    for (const auto& it : item_analysis(form, sheets)) {
        const Question& q = *form.question(it.question);
        bool choice = q.kind == QuestionKind::Choice;
        std::vector<std::string> row = {it.question, it.session, it.goal, std::to_string(it.max_points),
                                        choice ? "choice" : "numbers", std::to_string(it.n)};
        for (const auto& l : letters) {
            std::string cell;
            for (const auto& [v, sh] : it.option_share)
                if (v == l) cell = share_text(sh);
            row.push_back(cell);
        }
        row.push_back(share_text(it.share_blank));
        row.push_back(choice ? share_text(it.share_multiple) : "");
        row.push_back(share_text(it.difficulty));
        row.push_back(choice ? "" : share_text(it.share_partial));
        row.push_back(number_cell(it.discrimination));
        std::string key;
        if (choice) {
            key = q.answer;
        } else {
            for (const auto& n : q.numbers) key += (key.empty() ? "" : ";") + n.id + "=" + number_text(n.correct);
        }
        row.push_back(key);
        for (const auto& l : letters) {
            std::string cell;
            for (const auto& o : q.options)
                if (o.value == l && o.value != q.answer) cell = o.reveals;
            row.push_back(cell);
        }
        if (choice || q.number_misconception.empty()) {
            row.push_back("");
            row.push_back(choice ? "" : share_text(it.share_number_misconception));
        } else {
            std::string vals;
            for (const auto& n : q.numbers)
                for (double v : n.misconception_values)
                    vals += (vals.empty() ? "" : "; ") + n.id + "=" + number_text(v);
            row.push_back(misconception_text(form, q.number_misconception) +
                          (vals.empty() ? "" : " (" + vals + ")"));
            row.push_back(share_text(it.share_number_misconception));
        }
        out += csv_row(row);
    }
    return out;
}

static void write_file(const std::filesystem::path& path, const std::string& text, bool bom) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) throw std::runtime_error("cannot write " + path.string() + ": check the directory exists and is writable");
    if (bom) f << "\xEF\xBB\xBF";  // UTF-8 byte order mark: Excel then reads the text as UTF-8
    f << text;
    f.close();
    if (!f) throw std::runtime_error("failed writing " + path.string() + " (disk full?)");
}

void write_exports(const Form& form, const std::vector<SheetResponses>& sheets,
                   const std::filesystem::path& out_dir, const ExportOptions& options) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) throw std::runtime_error("cannot create " + out_dir.string() + ": " + ec.message());
    write_file(out_dir / "responses.csv", responses_csv(form, sheets), options.excel);
    write_file(out_dir / "research.csv", research_csv(form, sheets), options.excel);
    write_file(out_dir / "items.csv", items_csv(form, sheets), options.excel);
    spdlog::info("wrote responses.csv, research.csv, items.csv to {}{}", out_dir.string(),
                 options.excel ? " (with a UTF-8 byte order mark, for Excel)" : "");
}

}  // namespace quizscan::score
