// The spare sheet ID rule (see spare_id.hpp).
#include "scan/spare_id.hpp"

#include <algorithm>
#include <cstdio>

namespace quizscan {
namespace {

char digit_char(int d) { return static_cast<char>('0' + d); }

// The box's digit (confident or best guess), -1 when it holds none.
int best_digit(const IdBox& b) { return b.state == IdBox::State::Empty ? -1 : b.digit; }

// The box reads another digit than d (an unclear box's best guess counts).
bool box_contradicts(const IdBox& b, int d) { return best_digit(b) >= 0 && best_digit(b) != d; }

// The column has a mark, and none of its marks is d.
bool column_contradicts(const IdColumn& c, int d) {
    return !c.marked.empty() && c.marked.find(digit_char(d)) == std::string::npos;
}

// The column has one mark, on d.
bool column_says(const IdColumn& c, int d) { return c.marked.size() == 1 && c.marked[0] == digit_char(d); }

int at(const std::string& id, std::size_t i) { return id[i] - '0'; }

// How far the readings are from `id`, position by position (0 = both say exactly this).
IdCandidate score(const SpareIdReading& r, const std::string& id) {
    IdCandidate c{id, 0, 0, 0, ""};
    for (std::size_t i = 0; i < id.size(); ++i) {
        const int d = at(id, i);
        if (i < r.boxes.size()) {
            const IdBox& b = r.boxes[i];
            if (best_digit(b) < 0) c.cost += 0.5;
            else if (b.digit == d) ++c.written_agree;
            else c.cost += b.state == IdBox::State::Digit ? 1.0 : 0.6;
        } else {
            c.cost += 0.5;
        }
        if (i < r.columns.size()) {
            const IdColumn& col = r.columns[i];
            if (column_says(col, d)) {
                ++c.grid_agree;
                if (col.unclear) c.cost += 0.1;
            } else if (col.marked.empty()) {
                c.cost += 0.5;
            } else {
                const bool among = col.marked.find(digit_char(d)) != std::string::npos;
                c.cost += among ? 0.25 : (col.marked.size() == 1 && !col.unclear ? 1.0 : 0.8);
            }
        } else {
            c.cost += 0.5;
        }
    }
    c.why = "written: " + std::to_string(c.written_agree) + " of " + std::to_string(id.size()) + " boxes; grid: " +
            std::to_string(c.grid_agree) + " of " + std::to_string(id.size()) + " columns";
    return c;
}

bool six_digits(const std::string& s) {
    return s.size() == 6 && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// Why a reading accepts `id`, or "" when it does not.
std::string accepts(const SpareIdReading& r, const std::string& id) {
    if (r.boxes.size() != id.size() || r.columns.size() != id.size()) return "";
    bool agree = true, grid_quiet = true, boxes_quiet = true;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const int d = at(id, i);
        // Both say d, and at least one of them is sure of it (two unsure readings are no agreement).
        const bool sure = r.boxes[i].state == IdBox::State::Digit || !r.columns[i].unclear;
        agree = agree && best_digit(r.boxes[i]) == d && column_says(r.columns[i], d) && sure;
        grid_quiet = grid_quiet && !column_contradicts(r.columns[i], d);
        boxes_quiet = boxes_quiet && !box_contradicts(r.boxes[i], d);
    }
    if (agree) return "the written ID and the grid agree on " + id + ", on the roster";
    if (r.written_confident && r.written_text() == id && grid_quiet)
        return "the written ID " + id + " is read with confidence and on the roster; the grid does not contradict it (" +
               r.grid_text() + ")";
    if (r.grid_confident() && r.grid_text() == id && boxes_quiet)
        return "the grid reads " + id + ", on the roster; the written boxes do not contradict it (" + r.written_text() + ")";
    return "";
}

// For people: why no ID was accepted.
std::string why_not(const SpareIdReading& r, const std::set<std::string>& roster) {
    const std::string w = r.written_text(), g = r.grid_text();
    std::string s = "written ID read as " + w + ", grid as " + g;
    if (roster.empty()) return s + "; there is no roster to check them against (scan with --ids, or print with --db)";
    const bool w_full = six_digits(w), g_full = six_digits(g);
    if (w_full && g_full && w != g) {
        std::string where;
        for (std::size_t i = 0; i < 6; ++i)
            if (w[i] != g[i]) where += (where.empty() ? "" : ", ") + std::to_string(i + 1);
        s += "; they disagree in position " + where;
    }
    for (const std::string& id : {w, g})
        if (six_digits(id) && !roster.count(id)) return s + "; " + id + " is not on the roster";
    if (!w_full && !g_full) return s + "; neither is complete";
    return s + "; not sure enough to accept either";
}

}  // namespace

bool SpareIdReading::grid_confident() const {
    return columns.size() == 6 &&
           std::all_of(columns.begin(), columns.end(), [](const IdColumn& c) { return c.marked.size() == 1 && !c.unclear; });
}

std::string SpareIdReading::written_text() const {
    std::string s;
    for (const auto& b : boxes)
        s += b.state == IdBox::State::Digit ? digit_char(b.digit) : b.state == IdBox::State::Empty ? '_' : '?';
    return s;
}

std::string SpareIdReading::grid_text() const {
    std::string s;
    for (const auto& c : columns) s += c.marked.size() == 1 && !c.unclear ? c.marked[0] : c.marked.empty() && !c.unclear ? '_' : '?';
    return s;
}

SpareIdDecision decide_spare_id(const SpareIdReading& reading, const std::set<std::string>& roster) {
    SpareIdDecision out;
    std::vector<IdCandidate> all;
    std::vector<std::string> accepted;
    std::string why;
    for (const auto& id : roster) {
        if (!six_digits(id)) continue;
        IdCandidate c = score(reading, id);
        if (std::max(c.written_agree, c.grid_agree) >= kMinNearAgree) all.push_back(c);
        if (std::string w = accepts(reading, id); !w.empty()) accepted.push_back(id), why = w;
    }
    std::stable_sort(all.begin(), all.end(), [](const IdCandidate& a, const IdCandidate& b) { return a.cost < b.cost; });
    if (all.size() > kMaxIdCandidates) all.resize(kMaxIdCandidates);
    out.candidates = std::move(all);
    if (accepted.size() == 1) {
        out.accepted = accepted.front();
        out.why = why;
    } else if (accepted.size() > 1) {
        out.why = "the readings fit several roster IDs (" + accepted[0] + ", " + accepted[1] + ")";
    } else {
        out.why = why_not(reading, roster);
    }
    return out;
}

}  // namespace quizscan
