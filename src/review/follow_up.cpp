// Writer follow-up items after a corrected number (see follow_up.hpp).
#include "review/follow_up.hpp"

#include <algorithm>
#include <cctype>

namespace quizscan::review {

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

int add_writer_follow_ups(store::Db& db, const QueueItem& item, const std::vector<DigitConfusion>& confusions) {
    if (confusions.empty() || !item.page_id) return 0;
    std::string read, what;  // the misread digits (a GLOB class), and the reason's account of them
    for (const auto& c : confusions) {
        if (read.find(c.read) == std::string::npos) read += c.read;
        what += std::string(what.empty() ? "" : ", ") + c.meant + " read as " + c.read;
    }
    const std::string reason = "same writer as " + (item.field.empty() ? std::string("another number") : item.field) +
                               " (" + what + " there): check this confidently read number";
    // The writer is the participant of the item's page as store::effective_pages knows it: from its
    // barcode or printed ID, or from a person's page_identity decision (a page with a damaged code).
    // Their numbers read confidently, not in review, holding a misread digit, on any page of theirs,
    // go to review with their picture (kept by the scan for every written number) and boxes, like the
    // scan's own number items.
    auto ins = db.prepare(R"SQL(
WITH decided AS (
  SELECT p.id AS page_id, p.participant, p.session,
         (SELECT value FROM review_items x WHERE x.page_id = p.id AND x.kind = 'page_identity' AND x.state = 'resolved')
           AS ident
  FROM pages p),
eff AS (
  SELECT page_id,
         CASE WHEN ident = 'not-a-form' THEN NULL
              WHEN ident GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]/*/*' THEN substr(ident, 1, 6) ELSE participant END
           AS participant,
         CASE WHEN ident GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]/*/*' THEN substr(ident, 8, instr(substr(ident, 8), '/') - 1)
              ELSE session END AS session
  FROM decided)
INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, crop_id, options,
                                   audit, created_at)
SELECT 'number', r.page_id, r.field, e.participant, e.session, r.value, ?2,
       (SELECT c.id FROM crops c WHERE c.page_id = r.page_id AND c.name = r.field),
       CASE WHEN json_valid(r.measurements) THEN json_extract(r.measurements, '$.boxes') END, 0, ?3
FROM readings r JOIN eff e ON e.page_id = r.page_id
WHERE e.participant = (SELECT participant FROM eff WHERE page_id = ?1)
  AND r.kind = 'number' AND r.needs_review = 0 AND r.value GLOB '*[' || ?4 || ']*'
  AND NOT EXISTS (SELECT 1 FROM review_items ri WHERE ri.page_id = r.page_id AND ri.field = r.field)
ORDER BY r.page_id, r.field
)SQL");
    ins.bind(1, *item.page_id).bind(2, reason).bind(3, store::now_iso8601()).bind(4, read).run();
    return db.changes();
}

}  // namespace quizscan::review
