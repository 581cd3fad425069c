// Effective page identities: the stored identity, overridden by a resolved page_identity item.
#include "store/pages.hpp"

#include <algorithm>
#include <regex>

namespace quizscan::store {

std::vector<EffectivePage> effective_pages(const Db& db) {
    auto st = db.prepare(
        "SELECT p.id, i.name, p.page_index, p.sha256, p.status, COALESCE(p.participant,''), COALESCE(p.session,''), "
        "COALESCE(p.sheet_page,0), (SELECT value FROM review_items r WHERE r.page_id = p.id AND r.kind = 'page_identity' "
        "AND r.state = 'resolved'), i.kind FROM pages p JOIN inputs i ON i.id = p.input_id ORDER BY p.id");
    static const std::regex ident(R"((\d{6})/(pre|post)/([12]))");
    std::vector<EffectivePage> out;
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
        if (!st.is_null(8)) {
            const std::string v = st.col_text(8);
            std::smatch m;
            if (v == "not-a-form") p.not_a_form = true;
            else if (std::regex_match(v, m, ident)) p.participant = m[1], p.session = m[2], p.sheet_page = std::stoi(m[3]);
        }
        out.push_back(std::move(p));
    }
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
