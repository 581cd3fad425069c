// Writer follow-up items after a corrected number (see follow_up.hpp).
#include "review/follow_up.hpp"

#include "store/pages.hpp"

#include <algorithm>
#include <cctype>

namespace quizscan::review {
namespace {

// The writer's pages: the participant as store::effective_pages knows it (barcode, printed ID, a
// spare sheet's written ID, or a person's page_identity decision); only scanned pages (typed
// answers, import-forms, have no handwriting to follow up).
std::vector<const store::EffectivePage*> pages_of(const std::vector<store::EffectivePage>& pages, const std::string& writer) {
    std::vector<const store::EffectivePage*> out;
    for (const auto& p : pages)
        if (p.identified() && p.participant == writer && p.input_kind != "forms") out.push_back(&p);
    return out;
}

// Sends the writer's confidently read numbers holding one of `read` (digits) to review with `reason`;
// with their picture (kept by the scan for every written number) and boxes, like the scan's own items
// (the key path '$.boxes' of readings.measurements: core/field_measurements.hpp).
int send_to_review(store::Db& db, const std::vector<const store::EffectivePage*>& pages, const std::string& read, const std::string& reason) {
    auto ins = db.prepare(R"SQL(
INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, crop_id, options,
                                   audit, created_at)
SELECT 'number', r.page_id, r.field, ?2, ?3, r.value, ?4,
       (SELECT c.id FROM crops c WHERE c.page_id = r.page_id AND c.name = r.field),
       CASE WHEN json_valid(r.measurements) THEN json_extract(r.measurements, '$.boxes') END, 0, ?5
FROM readings r
WHERE r.page_id = ?1 AND r.kind = 'number' AND r.needs_review = 0 AND r.value GLOB '*[' || ?6 || ']*'
  AND NOT EXISTS (SELECT 1 FROM review_items ri WHERE ri.kind = 'number' AND ri.page_id = r.page_id AND ri.field = r.field)
ORDER BY r.field
)SQL");
    int sent = 0;
    for (const auto* p : pages) {
        ins.bind(1, p->id).bind(2, p->participant).bind(3, p->session).bind(4, reason).bind(5, store::now_iso8601()).bind(6, read).run();
        sent += db.changes();
    }
    return sent;
}

}  // namespace

std::vector<DigitConfusion> digit_confusions(const std::string& guess, const std::string& decided) {
    std::vector<DigitConfusion> out;
    if (guess.size() != decided.size()) return out;
    for (std::size_t i = 0; i < guess.size(); ++i) {
        const char g = guess[i], d = decided[i];
        const bool gd = std::isdigit(static_cast<unsigned char>(g)) != 0, dd = std::isdigit(static_cast<unsigned char>(d)) != 0;
        if (gd != dd) return {};  // the point moved
        if (gd && g != d) {
            const DigitConfusion c{g, d};
            if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
        }
    }
    return out;
}

int add_writer_follow_ups(store::Db& db, std::int64_t page_id) {
    const auto pages = store::effective_pages(db);
    const auto page = std::find_if(pages.begin(), pages.end(), [&](const store::EffectivePage& p) { return p.id == page_id; });
    if (page == pages.end() || !page->identified() || page->input_kind == "forms") return 0;
    const auto theirs = pages_of(pages, page->participant);
    std::string ids;
    for (const auto* p : theirs) ids += (ids.empty() ? "" : ",") + std::to_string(p->id);
    // The writer's numbers a person decided, the latest decision first (so that its follow-ups name it).
    auto decided = db.prepare("SELECT ri.field, ri.guess, ri.value FROM review_items ri WHERE ri.page_id IN (" + ids + R"SQL()
  AND ri.kind = 'number' AND ri.state = 'resolved' AND ri.guess IS NOT NULL AND ri.value IS NOT NULL
ORDER BY (SELECT MAX(id) FROM resolutions r WHERE r.item_id = ri.id) DESC
)SQL");
    int added = 0;
    while (decided.step()) {
        const std::string field = decided.col_text(0);
        std::string read, what;  // the misread digits (a GLOB class), and the reason's account of them
        for (const auto& c : digit_confusions(decided.col_text(1), decided.col_text(2))) {
            if (read.find(c.read) == std::string::npos) read += c.read;
            what += std::string(what.empty() ? "" : ", ") + c.meant + " read as " + c.read;
        }
        if (read.empty()) continue;
        added += send_to_review(db, theirs, read,
                                "same writer as " + field + " (" + what + " there): check this confidently read number");
    }
    return added;
}

}  // namespace quizscan::review
