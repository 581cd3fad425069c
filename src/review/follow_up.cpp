// Writer follow-up items after a corrected number (see follow_up.hpp).
#include "review/follow_up.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <nlohmann/json.hpp>

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
    if (confusions.empty() || item.participant_id.empty()) return 0;
    std::string read, what;
    for (const auto& c : confusions) {
        if (read.find(c.read) == std::string::npos) read += c.read;
        what += std::string(what.empty() ? "" : ", ") + c.meant + " read as " + c.read;
    }
    const std::string reason = "same writer as " + (item.field.empty() ? std::string("another number") : item.field) +
                               " (" + what + " there): check this confidently read number";
    auto st = db.prepare(
        "SELECT r.page_id, r.field, r.value, r.measurements, p.session, "
        "(SELECT c.id FROM crops c WHERE c.page_id = r.page_id AND c.name = r.field) "
        "FROM readings r JOIN pages p ON p.id = r.page_id "
        "WHERE p.participant = ? AND r.kind = 'number' AND r.needs_review = 0 AND r.value != '' "
        "AND NOT EXISTS (SELECT 1 FROM review_items ri WHERE ri.page_id = r.page_id AND ri.field = r.field) "
        "ORDER BY r.page_id, r.field");
    st.bind(1, item.participant_id);
    struct Hit {
        std::int64_t page_id;
        std::optional<std::int64_t> crop_id;
        std::string field, value, session, options;
    };
    std::vector<Hit> hits;
    while (st.step()) {
        const std::string value = st.col_text(2);
        if (value.find_first_of(read) == std::string::npos) continue;
        Hit h{st.col_int(0), st.is_null(5) ? std::nullopt : std::optional<std::int64_t>(st.col_int(5)), st.col_text(1),
              value, st.col_text(4), ""};
        const auto m = nlohmann::json::parse(st.col_text(3), nullptr, false);
        if (m.is_object() && m.contains("boxes")) h.options = m["boxes"].dump();
        hits.push_back(std::move(h));
    }
    auto ins = db.prepare(
        "INSERT OR IGNORE INTO review_items(kind, page_id, field, participant, session, guess, reason, crop_id, options, "
        "audit, created_at) VALUES ('number', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)");
    int added = 0;
    for (const auto& h : hits) {
        ins.bind(1, h.page_id).bind(2, h.field).bind(3, item.participant_id).bind(4, h.session).bind(5, h.value)
            .bind(6, reason);
        ins.bind(7, h.crop_id);
        h.options.empty() ? ins.bind_null(8) : ins.bind(8, h.options);
        ins.bind(9, store::now_iso8601()).run();
        added += db.changes() == 1;
    }
    return added;
}

}  // namespace quizscan::review
