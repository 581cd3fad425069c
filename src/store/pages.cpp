// Effective page identities: the stored identity, overridden by a resolved page_identity item.
#include "store/pages.hpp"

#include "core/page_ref.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace quizscan::store {

namespace {

// Spare backs without a decision of their own take their front's participant and session: the
// one its scanned fronts (same serial and printed session) agree on, if any.
struct SpareOf {
    std::string printed_session;  // the session the sheet's barcode names
    bool own_decision = false;    // a person decided this page's identity, or it waits for one
};

void follow_spare_fronts(std::vector<EffectivePage>& pages, const std::vector<SpareOf>& spare) {
    std::map<std::pair<std::string, std::string>, std::set<std::pair<std::string, std::string>>> fronts;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const auto& p = pages[i];
        if (!p.serial.empty() && p.sheet_page == 1 && p.identified())
            fronts[{p.serial, spare[i].printed_session}].insert({p.participant, p.session});
    }
    for (std::size_t i = 0; i < pages.size(); ++i) {
        auto& p = pages[i];
        if (p.serial.empty() || p.sheet_page != 2 || spare[i].own_decision) continue;
        const auto f = fronts.find({p.serial, spare[i].printed_session});
        if (f != fronts.end() && f->second.size() == 1) std::tie(p.participant, p.session) = *f->second.begin();
        else p.participant.clear();
    }
}

}  // namespace

std::vector<EffectivePage> effective_pages(const Db& db) {
    auto st = db.prepare(
        "SELECT p.id, i.name, p.page_index, p.sha256, p.status, COALESCE(p.participant,''), COALESCE(p.session,''), "
        "COALESCE(p.sheet_page,0), (SELECT value FROM review_items r WHERE r.page_id = p.id AND r.kind = 'page_identity' "
        "AND r.state = 'resolved'), i.kind, COALESCE(s.serial, ''), COALESCE(s.session, ''), "
        "EXISTS (SELECT 1 FROM review_items r WHERE r.page_id = p.id AND r.kind = 'page_identity' AND r.state = 'open') "
        "FROM pages p JOIN inputs i ON i.id = p.input_id LEFT JOIN spare_pages s ON s.page_id = p.id ORDER BY p.id");
    std::vector<EffectivePage> out;
    std::vector<SpareOf> spare;
    while (st.step()) {
        EffectivePage p;
        p.id = st.col_int(0);
        p.source = st.col_text(1);
        p.page_index = static_cast<int>(st.col_int(2));
        p.sha256 = st.col_text(3);
        p.status = st.col_text(4);
        p.participant = st.col_text(5);
        p.session = st.col_text(6);
        p.sheet_page = static_cast<int>(st.col_int(7));
        p.input_kind = st.col_text(9);
        p.serial = st.col_text(10);
        const bool open_item = st.col_int(12) != 0;
        if (!st.is_null(8)) {
            const std::string v = st.col_text(8);
            if (v == kNotAForm) p.not_a_form = true;
            else if (const auto ref = parse_page_ref(v)) p.participant = ref->participant, p.session = ref->session, p.sheet_page = ref->sheet_page;
        } else if (open_item && !p.serial.empty()) {
            p.participant.clear();  // a spare page's ID in doubt: nobody's until decided
        }
        spare.push_back({st.col_text(11), !st.is_null(8) || open_item});
        out.push_back(std::move(p));
    }
    follow_spare_fronts(out, spare);
    return out;
}

SheetScans scans_by_sheet(const std::vector<EffectivePage>& pages) {
    SheetScans out;
    for (const auto& p : pages) {
        if (!p.identified() || (p.status != "read" && p.status != "unidentified" && p.status != "unregistered")) continue;
        auto& scans = out[{p.participant, p.session}][p.sheet_page];
        const bool seen = std::any_of(scans.begin(), scans.end(), [&](const EffectivePage* q) { return q->sha256 == p.sha256; });
        if (!seen) scans.push_back(&p);
    }
    return out;
}

}  // namespace quizscan::store
