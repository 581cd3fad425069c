// Ranked sheet pages an unidentified page may be (see identity_choices.hpp).
#include "review/identity_choices.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "core/page_ref.hpp"

namespace quizscan::review {
namespace {

bool shows_a_sheet(const store::EffectivePage& p) {
    return p.identified() && (p.status == "read" || p.status == "unidentified" || p.status == "unregistered");
}

std::string digits_of(const std::string& s) {
    std::string d;
    for (char c : s)
        if (std::isdigit(static_cast<unsigned char>(c))) d += c;
    return d;
}

// The session most identified pages of this input belong to ("" when none).
std::string file_session(const IdentityIndex& index, std::int64_t input) {
    int pre = 0, post = 0;
    for (const auto& p : index.pages) {
        const auto in = index.input_of.find(p.id);
        if (in == index.input_of.end() || in->second != input || !shows_a_sheet(p)) continue;
        (p.session == "pre" ? pre : post) += 1;
    }
    return pre == post ? "" : pre > post ? "pre" : "post";
}

// The nearest roster IDs stored with each spare front as its scan read it (spare_pages.candidates).
void load_spare_fronts(store::Db& db, IdentityIndex& ix) {
    auto st = db.prepare("SELECT page_id, session, candidates FROM spare_pages WHERE sheet_page = 1 AND candidates IS NOT NULL");
    while (st.step()) {
        const auto j = nlohmann::json::parse(st.col_text(2), nullptr, false);
        IdentityIndex::SpareFront f{st.col_text(1), {}};
        if (j.is_array())
            for (const auto& c : j)
                if (c.is_object() && c.contains("participant_id") && c["participant_id"].is_string())
                    f.nearest.emplace_back(c["participant_id"].get<std::string>(), c.value("why", ""));
        ix.spare_fronts[st.col_int(0)] = std::move(f);
    }
}

}  // namespace

int ocr_support(const std::string& ocr, const std::string& id) {
    const std::string a = digits_of(ocr);
    std::vector<std::vector<int>> l(a.size() + 1, std::vector<int>(id.size() + 1, 0));
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= id.size(); ++j)
            l[i][j] = a[i - 1] == id[j - 1] ? l[i - 1][j - 1] + 1 : std::max(l[i - 1][j], l[i][j - 1]);
    return l[a.size()][id.size()];
}

IdentityIndex load_identity_index(store::Db& db) {
    IdentityIndex ix;
    ix.pages = store::effective_pages(db);
    for (const auto& p : ix.pages)
        if (shows_a_sheet(p)) {
            ix.present.insert({p.participant, p.session, p.sheet_page});
            ix.sheets.insert({p.participant, p.session});
        }
    auto roster = db.prepare("SELECT participant, session FROM roster");
    while (roster.step()) ix.sheets.insert({roster.col_text(0), roster.col_text(1)});
    auto inputs = db.prepare("SELECT id, input_id FROM pages");
    while (inputs.step()) ix.input_of[inputs.col_int(0)] = inputs.col_int(1);
    for (std::size_t i = 0; i < ix.pages.size(); ++i) {
        const auto& p = ix.pages[i];
        const auto in = ix.input_of.find(p.id);
        if (in == ix.input_of.end()) continue;
        ix.at[{in->second, p.page_index}] = i;
        if (shows_a_sheet(p)) ix.where[{p.participant, p.session, p.sheet_page}] = {in->second, p.page_index};
    }
    load_spare_fronts(db, ix);
    return ix;
}

namespace {

struct Hint {
    int score = 0;
    std::vector<std::string> why;
};
using Hints = std::map<std::pair<std::string, std::string>, Hint>;  // (participant, session) -> evidence

const store::EffectivePage* page_at(const IdentityIndex& ix, std::int64_t input, int page_index) {
    const auto it = ix.at.find({input, page_index});
    return it == ix.at.end() ? nullptr : &ix.pages[it->second];
}

// What the pages around it in its file say. Duplex: the page just before or after it is the other
// side of its own sheet. Two-pass (all fronts, then all backs): the pages around it are the same side
// of other sheets, and the other page of its sheet lies next to their other pages in another file.
Hints file_hints(const IdentityIndex& ix, const store::EffectivePage& page, std::int64_t input) {
    Hints out;
    const int side = page.sheet_page;
    for (int d : {-1, 1}) {
        const auto* q = page_at(ix, input, page.page_index + d);
        if (!q || !shows_a_sheet(*q)) continue;
        const std::string where = d < 0 ? "just before" : "just after";
        if (q->sheet_page != side) {
            auto& h = out[{q->participant, q->session}];
            h.score += 250;
            h.why.push_back("page " + std::to_string(q->sheet_page) + " of this sheet is " + where + " it in the file");
            continue;
        }
        const auto other = ix.where.find({q->participant, q->session, 3 - side});
        if (side == 0 || other == ix.where.end()) continue;
        for (int e : {-1, 1}) {
            const auto* z = page_at(ix, other->second.first, other->second.second + e);
            if (!z || !shows_a_sheet(*z) || z->sheet_page != 3 - side) continue;
            auto& h = out[{z->participant, z->session}];
            h.score += 125;
            h.why.push_back("the sheet " + where + " it here has its page " + std::to_string(3 - side) + " in " + z->source +
                            " next to this sheet's");
        }
    }
    return out;
}

}  // namespace

namespace {

// A spare front's choices: the roster IDs nearest to its written ID and grid, in that order, page 1
// of its printed session; one that another sheet has already is offered too, saying so.
std::vector<IdentityChoice> spare_front_choices(const IdentityIndex& index, const IdentityIndex::SpareFront& front) {
    std::vector<IdentityChoice> out;
    int score = 100000;
    for (const auto& [id, why] : front.nearest) {
        IdentityChoice c{format_page_ref({id, front.session, 1}), id, front.session, 1, "nearest to the written ID and grid: " + why, score};
        score -= 1000;
        if (index.present.count({id, front.session, 1}))
            c.why += "; page 1 of " + id + " (" + front.session + ") is scanned already from another sheet: choosing it merges the two";
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

std::vector<IdentityChoice> identity_choices(const IdentityIndex& index, const QueueItem& item, std::size_t limit) {
    const store::EffectivePage* page = nullptr;
    for (const auto& p : index.pages)
        if (item.page_id && p.id == *item.page_id) page = &p;
    const auto input = page ? index.input_of.find(page->id) : index.input_of.end();
    const bool have_input = input != index.input_of.end();
    const int side = page ? page->sheet_page : 0;   // known from the page's printed layout
    const std::string session = have_input ? file_session(index, input->second) : "";
    const Hints hints = page && have_input ? file_hints(index, *page, input->second) : Hints{};
    const auto spare = page ? index.spare_fronts.find(page->id) : index.spare_fronts.end();
    const bool spare_front = spare != index.spare_fronts.end();
    // (A spare front's guess is its nearest roster ID's page, not a printed ID read by OCR.)
    const std::string ocr = spare_front ? "" : digits_of(item.guess.value_or(""));
    std::vector<IdentityChoice> out = spare_front ? spare_front_choices(index, spare->second) : std::vector<IdentityChoice>{};
    const std::size_t nearest = out.size();
    for (const auto& [participant, sess] : index.sheets)
        for (int sp : {1, 2}) {
            if (index.present.count({participant, sess, sp})) continue;
            const std::string value = format_page_ref({participant, sess, sp});
            if (std::any_of(out.begin(), out.begin() + static_cast<long>(nearest), [&](const IdentityChoice& c) { return c.value == value; }))
                continue;
            IdentityChoice c{value, participant, sess, sp, "", 0};
            std::vector<std::string> why;
            if (ocr.size() >= 4) {
                const int s = ocr_support(ocr, participant);
                if (s >= 4) c.score += 100 * s, why.push_back("printed ID read as " + item.guess.value_or(""));
            }
            if (auto h = hints.find({participant, sess}); h != hints.end() && (side == 0 || sp == side)) {
                c.score += h->second.score;
                why.insert(why.end(), h->second.why.begin(), h->second.why.end());
            }
            if (side != 0 && sp == side) c.score += 100;
            if (!session.empty() && sess == session) c.score += 50, why.push_back("same session as the rest of the file");
            why.push_back("page " + std::to_string(sp) + " not scanned yet");
            for (const auto& w : why) c.why += (c.why.empty() ? "" : "; ") + w;
            out.push_back(std::move(c));
        }
    std::stable_sort(out.begin(), out.end(), [](const IdentityChoice& a, const IdentityChoice& b) { return a.score > b.score; });
    if (out.size() > limit) out.resize(limit);
    return out;
}

}  // namespace quizscan::review
