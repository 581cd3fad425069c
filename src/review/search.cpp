// Item search for the history view (see search.hpp).
#include "review/search.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

namespace quizscan::review {
namespace {

bool all_digits(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// Item id -> the id of its newest resolution (items never decided are absent).
std::map<std::int64_t, std::int64_t> last_activity(store::Db& db) {
    std::map<std::int64_t, std::int64_t> out;
    auto st = db.prepare("SELECT item_id, MAX(id) FROM resolutions GROUP BY item_id");
    while (st.step()) out[st.col_int(0)] = st.col_int(1);
    return out;
}

}  // namespace

bool item_matches(const QueueItem& it, const std::string& raw) {
    const std::string w = lower(raw);
    if (w.empty()) return true;
    if (w[0] == '#') return w.size() > 1 && w.substr(1) == std::to_string(it.id);
    if (all_digits(w)) return w == std::to_string(it.id) || it.participant_id.rfind(w, 0) == 0;
    if (w == it.session || w == lower(it.kind)) return true;
    if (!it.field.empty() && lower(it.field).rfind(w, 0) == 0) return true;
    return lower(it.source).find(w) != std::string::npos;
}

std::vector<HistoryEntry> item_trail(store::Db& db, std::int64_t item_id) {
    auto st = db.prepare("SELECT id, action, old_value, new_value, at, via FROM resolutions WHERE item_id = ? ORDER BY id");
    st.bind(1, item_id);
    std::vector<HistoryEntry> out;
    while (st.step()) {
        HistoryEntry h;
        h.id = st.col_int(0);
        h.item_id = item_id;
        h.action = st.col_text(1);
        if (!st.is_null(2)) h.old_value = st.col_text(2);
        if (!st.is_null(3)) h.new_value = st.col_text(3);
        h.at = st.col_text(4);
        h.via = st.col_text(5);
        out.push_back(std::move(h));
    }
    return out;
}

std::vector<ItemTrail> search_items(store::Db& db, const std::string& query, int limit) {
    std::vector<std::string> words;
    std::istringstream in(query);
    for (std::string w; in >> w;) words.push_back(w);
    std::vector<QueueItem> found;
    for (auto& it : list_all(db))
        if (std::all_of(words.begin(), words.end(), [&](const std::string& w) { return item_matches(it, w); }))
            found.push_back(std::move(it));
    if (words.empty()) {
        const auto last = last_activity(db);
        std::erase_if(found, [&](const QueueItem& it) { return !last.count(it.id); });
        std::stable_sort(found.begin(), found.end(),
                         [&](const QueueItem& a, const QueueItem& b) { return last.at(a.id) > last.at(b.id); });
    }
    if (found.size() > static_cast<std::size_t>(std::max(0, limit))) found.resize(static_cast<std::size_t>(std::max(0, limit)));
    std::vector<ItemTrail> out;
    for (auto& it : found) {
        auto trail = item_trail(db, it.id);
        out.push_back({std::move(it), std::move(trail)});
    }
    return out;
}

}  // namespace quizscan::review
