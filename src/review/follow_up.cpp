// Writer follow-up items after a corrected number (see follow_up.hpp).
#include "review/follow_up.hpp"

#include <algorithm>
#include <cctype>

namespace quizscan::review {
namespace {

// Every page with its writer: its participant as store::effective_pages knows it, from its barcode or
// printed ID, or from a person's page_identity decision (a page with a damaged code); none for a page
// decided not to be a form, nor for answers typed on Google Forms.
constexpr const char* kPageWriters = R"SQL(
WITH decided AS (
  SELECT p.id AS page_id, p.participant, p.session,
         (SELECT value FROM review_items x WHERE x.page_id = p.id AND x.kind = 'page_identity' AND x.state = 'resolved')
           AS ident
  FROM pages p JOIN inputs i ON i.id = p.input_id
  WHERE i.kind <> 'forms'),  -- typed answers (import-forms) have no handwriting to follow up
writers AS (
  SELECT page_id,
         CASE WHEN ident = 'not-a-form' THEN NULL
              WHEN ident GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]/*/*' THEN substr(ident, 1, 6) ELSE participant END
           AS participant,
         CASE WHEN ident GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]/*/*' THEN substr(ident, 8, instr(substr(ident, 8), '/') - 1)
              ELSE session END AS session
  FROM decided)
)SQL";

// Sends the writer's confidently read numbers holding one of `read` (digits) to review with `reason`;
// with their picture (kept by the scan for every written number) and boxes, like the scan's own items.
int send_to_review(store::Db& db, const std::string& writer, const std::string& read, const std::string& reason) {
    auto ins = db.prepare(std::string(kPageWriters) + R"SQL(
INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, crop_id, options,
                                   audit, created_at)
SELECT 'number', r.page_id, r.field, w.participant, w.session, r.value, ?2,
       (SELECT c.id FROM crops c WHERE c.page_id = r.page_id AND c.name = r.field),
       CASE WHEN json_valid(r.measurements) THEN json_extract(r.measurements, '$.boxes') END, 0, ?3
FROM readings r JOIN writers w ON w.page_id = r.page_id
WHERE w.participant = ?1 AND r.kind = 'number' AND r.needs_review = 0 AND r.value GLOB '*[' || ?4 || ']*'
  AND NOT EXISTS (SELECT 1 FROM review_items ri WHERE ri.kind = 'number' AND ri.page_id = r.page_id AND ri.field = r.field)
ORDER BY r.page_id, r.field
)SQL");
    ins.bind(1, writer).bind(2, reason).bind(3, store::now_iso8601()).bind(4, read).run();
    return db.changes();
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
    auto who = db.prepare(std::string(kPageWriters) + "SELECT participant FROM writers WHERE page_id = ?1");
    who.bind(1, page_id);
    if (!who.step() || who.is_null(0)) return 0;
    const std::string writer = who.col_text(0);
    // The writer's numbers a person decided, the latest decision first (so that its follow-ups name it).
    auto decided = db.prepare(std::string(kPageWriters) + R"SQL(
SELECT ri.field, ri.guess, ri.value FROM review_items ri JOIN writers w ON w.page_id = ri.page_id
WHERE w.participant = ?1 AND ri.kind = 'number' AND ri.state = 'resolved' AND ri.guess IS NOT NULL
  AND ri.value IS NOT NULL
ORDER BY (SELECT MAX(id) FROM resolutions r WHERE r.item_id = ri.id) DESC
)SQL");
    decided.bind(1, writer);
    int added = 0;
    while (decided.step()) {
        const std::string field = decided.col_text(0);
        std::string read, what;  // the misread digits (a GLOB class), and the reason's account of them
        for (const auto& c : digit_confusions(decided.col_text(1), decided.col_text(2))) {
            if (read.find(c.read) == std::string::npos) read += c.read;
            what += std::string(what.empty() ? "" : ", ") + c.meant + " read as " + c.read;
        }
        if (read.empty()) continue;
        added += send_to_review(db, writer, read,
                                "same writer as " + field + " (" + what + " there): check this confidently read number");
    }
    return added;
}

}  // namespace quizscan::review
