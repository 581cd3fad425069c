// Merging the scans of one sheet page (see merge.hpp).
#include "store/merge.hpp"

#include <algorithm>

#include "store/page_answers.hpp"

namespace quizscan::store {
namespace {

std::string placeholders(std::size_t n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += i ? ",?" : "?";
    return s;
}

std::optional<std::string> opt_text(const Stmt& st, int c) {
    if (st.is_null(c)) return std::nullopt;
    return st.col_text(c);
}

bool is_field_kind(const std::string& kind) { return kind == "choice" || kind == "number" || kind == "checkbox"; }

}  // namespace

bool is_machine_via(const std::string& via) { return via == "merge" || via == "sheets"; }

ScanState load_scan_state(const Db& db, const std::vector<std::int64_t>& page_ids) {
    ScanState out;
    if (page_ids.empty()) return out;
    const std::string in = "(" + placeholders(page_ids.size()) + ")";
    auto reads = db.prepare("SELECT page_id, field, kind, value, needs_review FROM readings WHERE page_id IN " + in +
                            " ORDER BY page_id, id");
    for (std::size_t i = 0; i < page_ids.size(); ++i) reads.bind(static_cast<int>(i) + 1, page_ids[i]);
    while (reads.step())
        out.reads.push_back({reads.col_int(0), reads.col_text(1), reads.col_text(2), reads.col_text(3), reads.col_int(4) == 0});
    auto items = db.prepare(
        "SELECT ri.id, ri.page_id, ri.kind, COALESCE(ri.field, ''), ri.state, ri.value, ri.guess, ri.audit, "
        "COALESCE(r.action, ''), COALESCE(r.via, ''), COALESCE(r.id, 0) FROM review_items ri "
        "LEFT JOIN resolutions r ON r.id = (SELECT MAX(x.id) FROM resolutions x WHERE x.item_id = ri.id) "
        "WHERE ri.page_id IN " + in + " ORDER BY ri.id");
    for (std::size_t i = 0; i < page_ids.size(); ++i) items.bind(static_cast<int>(i) + 1, page_ids[i]);
    while (items.step()) {
        ScanItem it;
        it.id = items.col_int(0);
        it.page_id = items.col_int(1);
        it.kind = items.col_text(2);
        it.field = items.col_text(3);
        it.state = items.col_text(4);
        it.value = opt_text(items, 5);
        it.guess = opt_text(items, 6);
        it.audit = items.col_int(7) != 0;
        it.last_action = items.col_text(8);
        it.last_via = items.col_text(9);
        it.last_resolution = items.col_int(10);
        out.items.push_back(std::move(it));
    }
    return out;
}

std::optional<std::string> agreed_value(const std::vector<ScanRead>& reads) {
    if (reads.empty()) return std::nullopt;
    bool sure = false;
    for (const auto& r : reads) {
        if (r.value != reads.front().value) return std::nullopt;
        sure = sure || r.confident;
    }
    if (!sure) return std::nullopt;
    return reads.front().value;
}

std::vector<std::int64_t> standing_scans(const std::vector<const EffectivePage*>& scans, const ScanState& st) {
    // A person's choice between the scans (made before scans were merged) stands.
    const ScanItem* kept = nullptr;
    for (const auto& it : st.items)
        if (it.kind == "sheet_duplicate" && it.decided_by_person() && (!kept || it.last_resolution > kept->last_resolution))
            kept = &it;
    if (kept)
        for (const auto* p : scans)
            if (std::to_string(p->id) == kept->value.value_or("")) return {p->id};
    struct Rank {
        std::int64_t id;
        bool read;
        int unsure;
    };
    std::vector<Rank> ranks;
    for (const auto* p : scans) {
        Rank r{p->id, false, 0};
        for (const auto& rd : st.reads)
            if (rd.page_id == p->id) r.read = true, r.unsure += rd.confident ? 0 : 1;
        ranks.push_back(r);
    }
    std::sort(ranks.begin(), ranks.end(), [](const Rank& a, const Rank& b) {
        if (a.read != b.read) return a.read;
        if (a.unsure != b.unsure) return a.unsure < b.unsure;
        return a.id > b.id;
    });
    std::vector<std::int64_t> out;
    for (const auto& r : ranks) out.push_back(r.id);
    return out;
}

FieldValue merged_value(const std::string& field, const std::vector<std::int64_t>& standing, const ScanState& st) {
    // 1. A person's decision on this field, on any scan of the page (the newest).
    // An open item keeps the field pending when its scan was unsure of it (as on a page scanned
    // once: a spot check or a writer follow-up of a confident reading does not).
    auto unsure_on = [&](std::int64_t page) {
        return std::any_of(st.reads.begin(), st.reads.end(),
                           [&](const ScanRead& r) { return r.page_id == page && r.field == field && !r.confident; });
    };
    std::int64_t newest = 0;
    std::optional<std::string> decided;
    bool open = false;
    for (const auto& it : st.items) {
        std::optional<std::string> v;
        if (it.kind == kPageAnswersKind) {
            if (!split_page_answers(it.guess.value_or("")).count(field)) continue;
            if (it.decided_by_person()) {
                const auto answers = split_page_answers(it.value.value_or(""));
                if (auto a = answers.find(field); a != answers.end()) v = a->second;
            }
            open = open || it.state == "open";
        } else if (!is_field_kind(it.kind) || it.field != field) {
            continue;
        } else {
            if (it.decided_by_person()) v = it.value;
            open = open || (it.state == "open" && unsure_on(it.page_id));
        }
        if (v && it.last_resolution > newest) newest = it.last_resolution, decided = v;
    }
    auto of = [](const std::string& v) { return v.empty() ? FieldValue{FieldState::Blank, ""} : FieldValue{FieldState::Value, v}; };
    if (decided) return of(*decided);
    // (Paper and digital answers of the page, until a person keeps one.)
    for (const auto& it : st.items)
        if (it.kind == "sheet_duplicate" && it.state == "open") return {FieldState::Pending, ""};
    // 2. Still asked about.
    if (open) return {FieldState::Pending, ""};
    // 3. What the standing scans agree on.
    std::vector<ScanRead> reads;
    for (const auto& r : st.reads)
        if (r.field == field && std::find(standing.begin(), standing.end(), r.page_id) != standing.end()) reads.push_back(r);
    if (const auto v = agreed_value(reads)) return of(*v);
    return {FieldState::Pending, ""};
}

MergedPage merge_scans(const Db& db, const std::vector<const EffectivePage*>& scans) {
    std::vector<std::int64_t> ids;
    for (const auto* p : scans) ids.push_back(p->id);
    MergedPage m;
    m.state = load_scan_state(db, ids);
    m.standing = standing_scans(scans, m.state);
    return m;
}

}  // namespace quizscan::store
