// Planning a Google Forms import (see forms_import.hpp).
#include "import/forms_import.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "core/csv.hpp"
#include "import/forms_columns.hpp"
#include "import/text_match.hpp"
#include "import/timestamps.hpp"

namespace quizscan::import {

namespace {

std::string sha256_hex(const std::string& bytes) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), md, &len, EVP_sha256(), nullptr) != 1)
        throw std::runtime_error("SHA-256 failed");
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) out += hex[md[i] >> 4], out += hex[md[i] & 15];
    return out;
}

std::string cell(const CsvRecord& r, std::optional<std::size_t> col) {
    return col && *col < r.fields.size() ? r.fields[*col] : std::string();
}

// The participant ID cell: 6 digits, maybe with spaces or dashes, maybe "NO RESEARCH" beside it.
std::optional<std::string> participant_of(const std::string& raw, bool& no_research, std::string& why) {
    std::string n = normalize(raw);
    if (const auto at = n.find("no research"); at != std::string::npos) {
        no_research = true;
        n.erase(at, std::string("no research").size());
    }
    std::string digits;
    for (char c : n) {
        if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
        else if (c != ' ' && c != '-' && c != '.' && c != '#') digits += '?';
    }
    if (digits.size() == 6 && digits.find('?') == std::string::npos) return digits;
    why = raw.empty() ? "no participant ID" : "participant ID \"" + raw + "\" is not a 6-digit ID";
    return std::nullopt;
}

bool ticked(const std::string& raw) {
    const std::string n = normalize(raw);
    return !n.empty() && n != "no" && n != "false" && n != "0" && n != "n";
}

std::string duration(std::int64_t s) {
    return std::to_string(s / 60) + " min " + std::to_string(s % 60) + " s";
}

Submission read_submission(const Form& form, const ColumnMap& cols, const CsvRecord& r, const std::string& session) {
    Submission s;
    s.line = r.line;
    s.timestamp = cell(r, cols.timestamp);
    s.time = parse_timestamp(s.timestamp);
    s.no_research = cols.no_research && ticked(cell(r, cols.no_research));
    std::string key = session + '\x1f' + cell(r, cols.participant) + '\x1f' + s.timestamp;
    for (const auto& q : form.questions) {
        if (q.kind == QuestionKind::Choice) {
            s.answers.push_back(choice_answer(q, cell(r, cols.fields.at(q.id))));
        } else {
            for (const auto& nf : q.numbers) s.answers.push_back(number_answer(nf, cell(r, cols.fields.at(nf.id))));
        }
    }
    for (const auto& a : s.answers) key += '\x1f' + a.raw;
    key += '\x1f' + cell(r, cols.no_research);
    s.sha256 = sha256_hex(key);
    return s;
}

// Marks submissions past the time limit; returns how the window was anchored.
std::string check_window(std::vector<Submission*>& subs, const Form& form, const ImportOptions& o,
                         std::vector<std::string>& errors, std::vector<std::string>& notes) {
    const int limit = o.time_limit_minutes > 0 ? o.time_limit_minutes : form.time_limit_minutes;
    std::optional<Timestamp> first;
    for (const auto* s : subs) {
        if (s->time && (!first || s->time->utc < first->utc)) first = s->time;
        if (s->time) continue;
        notes.push_back("line " + std::to_string(s->line) + ": timestamp \"" + s->timestamp +
                        "\" not understood: not checked against the time limit");
    }
    if (limit <= 0) return "the form gives no time limit: timestamps not checked";
    if (!first) return "no timestamp could be read: the time limit was not checked";
    Timestamp anchor = *first;
    std::string from = "the first submission (" + format_time(*first) + ")";
    if (!o.start.empty()) {
        const auto st = parse_start(o.start, *first);
        if (!st) {
            errors.push_back("--start \"" + o.start + "\" is not a time: give 09:00 or 2024-06-21 09:00:00");
            return "";
        }
        anchor = *st;
        from = "the start (" + format_time(*st) + ")";
    }
    for (auto* s : subs) {
        if (!s->time) continue;
        const std::int64_t after = s->time->utc - anchor.utc;
        if (after < 0) s->late = "submitted " + duration(-after) + " before " + from;
        else if (after > limit * 60)
            s->late = "submitted " + duration(after) + " after " + from + ", beyond the " +
                      std::to_string(limit) + "-minute limit";
    }
    return std::to_string(limit) + " minutes from " + from +
           (o.start.empty() ? "; give --start for the real start of the quiz" : "");
}

}  // namespace

ImportPlan plan_import(const Form& form, const std::string& csv_text, const std::string& file, const ImportOptions& o) {
    ImportPlan p;
    p.file = file;
    std::vector<CsvRecord> recs;
    try {
        recs = parse_csv(csv_text, file);
    } catch (const std::exception& e) {
        p.errors.push_back(e.what());
        return p;
    }
    if (recs.empty()) {
        p.errors.push_back("the file is empty");
        return p;
    }
    const ColumnMap cols = map_columns(form, recs.front().fields);
    p.notes = cols.notes;
    p.errors = cols.errors;
    if (!p.ok()) return p;

    std::map<std::string, std::vector<Submission>> by_id;
    for (std::size_t i = 1; i < recs.size(); ++i) {
        ++p.rows;
        Submission s = read_submission(form, cols, recs[i], o.session);
        std::string why;
        const auto id = participant_of(cell(recs[i], cols.participant), s.no_research, why);
        if (!id) {
            p.rejected.push_back("line " + std::to_string(s.line) + ": " + why +
                                 ": not imported (correct the cell and import the file again)");
            continue;
        }
        s.participant = *id;
        by_id[s.participant].push_back(std::move(s));
    }
    for (auto& [id, subs] : by_id) {
        const bool timed = std::all_of(subs.begin(), subs.end(), [](const Submission& s) { return s.time.has_value(); });
        std::stable_sort(subs.begin(), subs.end(), [&](const Submission& a, const Submission& b) {
            return timed && a.time->utc != b.time->utc ? a.time->utc < b.time->utc : a.line < b.line;
        });
        for (std::size_t i = 0; i + 1 < subs.size(); ++i) {
            p.superseded.push_back(subs[i]);
            p.superseded_why.push_back("the last submission of " + id + " counts: line " + std::to_string(subs.back().line) +
                                       " (" + subs.back().timestamp + ")");
        }
        p.counted.push_back(subs.back());
    }
    auto by_line = [](const Submission& a, const Submission& b) { return a.line < b.line; };
    std::sort(p.counted.begin(), p.counted.end(), by_line);
    std::vector<Submission*> all;
    for (auto& s : p.counted) all.push_back(&s);
    for (auto& s : p.superseded) all.push_back(&s);
    p.window = check_window(all, form, o, p.errors, p.notes);
    return p;
}

}  // namespace quizscan::import
