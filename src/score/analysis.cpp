// Computes the numbers of the pre/post research report (see analysis.hpp).
#include "score/analysis.hpp"

#include <map>
#include <set>

#include <spdlog/spdlog.h>

#include "score/cohort.hpp"
#include "score/misconceptions.hpp"
#include "score/score.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

namespace {

struct Scored {
    const SheetResponses* sheet;
    SheetScore score;
};

SessionStats session_stats(const Form& form, const std::string& session, const std::vector<Scored>& scored) {
    SessionStats st;
    st.session = session;
    st.histogram.assign(static_cast<size_t>(form.total_points()) + 1, 0);
    std::vector<std::vector<int>> items;
    for (const auto& s : scored) {
        if (s.sheet->session != session) continue;
        ++st.sheets;
        if (!s.score.complete) continue;
        ++st.complete;
        int t = *s.score.total;
        st.totals.push_back(t);
        if (t >= 0 && t < static_cast<int>(st.histogram.size())) ++st.histogram[static_cast<size_t>(t)];
        std::vector<int> row;
        for (size_t i = 0; i < form.questions.size(); ++i)
            row.push_back(full_points(form.questions[i], *s.score.questions[i].points) ? 1 : 0);
        items.push_back(std::move(row));
    }
    st.mean = mean(st.totals);
    st.sd = sample_sd(st.totals);
    st.kr20 = kr20(items);
    return st;
}

std::optional<double> share(int count, int n) {
    if (n <= 0) return std::nullopt;
    return static_cast<double>(count) / n;
}

}  // namespace

Analysis analyze(const Form& form, const std::vector<SheetResponses>& sheets) {
    Analysis a;
    a.max_points = form.total_points();
    a.sheets_total = static_cast<int>(sheets.size());
    std::set<std::string> everyone;
    for (const auto& s : sheets) everyone.insert(s.participant_id);
    a.participants_total = static_cast<int>(everyone.size());

    auto opted = opted_out_participants(sheets);
    auto consent_pending = consent_pending_participants(sheets);
    a.opted_out_participants = static_cast<int>(opted.size());
    a.consent_pending_participants = static_cast<int>(consent_pending.size());
    for (const auto& s : sheets) {
        if (opted.count(s.participant_id)) ++a.opted_out_sheets;
        else if (consent_pending.count(s.participant_id)) ++a.consent_pending_sheets;
    }

    // Research sheets: session pre/post, first of duplicates.
    std::vector<SheetResponses> all_research = research_sheets(sheets);
    std::vector<SheetResponses> research = analysis_sheets(sheets);
    for (const auto& s : all_research)
        if (session_rank(s.session) > 1) ++a.other_session_sheets;
    a.duplicate_sheets = static_cast<int>(all_research.size() - research.size()) - a.other_session_sheets;
    if (a.duplicate_sheets > 0)
        spdlog::warn("{} duplicate sheet(s) of the same participant and session ignored in the report",
                     a.duplicate_sheets);
    if (a.other_session_sheets > 0)
        spdlog::warn("{} sheet(s) with a session other than pre/post ignored in the report", a.other_session_sheets);
    a.research_sheets = static_cast<int>(research.size());

    std::vector<Scored> scored;
    for (const auto& s : research) scored.push_back({&s, score_sheet(form, s)});
    for (const auto& s : scored)
        if (!s.score.complete) ++a.pending_review_sheets;

    // Participants: pairing.
    std::map<std::string, std::map<std::string, const Scored*>> by_participant;
    for (const auto& s : scored) by_participant[s.sheet->participant_id][s.sheet->session] = &s;
    a.research_participants = static_cast<int>(by_participant.size());
    for (const auto& [pid, sessions] : by_participant) {
        auto pre = sessions.find("pre"), post = sessions.find("post");
        if (pre == sessions.end() || post == sessions.end()) {
            ++a.unpaired;
        } else if (pre->second->score.complete && post->second->score.complete) {
            ++a.paired;
            a.paired_pre.push_back(*pre->second->score.total);
            a.paired_post.push_back(*post->second->score.total);
        } else {
            ++a.pair_awaiting_review;
        }
    }

    a.pre = session_stats(form, "pre", scored);
    a.post = session_stats(form, "post", scored);
    if (a.pre.mean && a.post.mean) a.gain = *a.post.mean - *a.pre.mean;
    a.pooled_sd = pooled_sd(a.pre.sd, a.post.sd);
    a.cohens_d = cohens_d(a.pre.totals, a.post.totals);
    std::vector<double> diff;
    for (size_t i = 0; i < a.paired_pre.size(); ++i) diff.push_back(a.paired_post[i] - a.paired_pre[i]);
    a.mean_paired_gain = mean(diff);
    a.sd_paired_gain = sample_sd(diff);
    a.dz = paired_dz(a.paired_pre, a.paired_post);

    for (const auto& b : form.bands) {
        BandRow r{b.lo, b.hi, b.expected_pre_pct, b.expected_post_pct};
        for (double t : a.pre.totals) r.pre_count += (t >= b.lo && t <= b.hi);
        for (double t : a.post.totals) r.post_count += (t >= b.lo && t <= b.hi);
        if (auto s = share(r.pre_count, a.pre.complete)) r.pre_pct = *s * 100;
        if (auto s = share(r.post_count, a.post.complete)) r.post_pct = *s * 100;
        a.bands.push_back(r);
    }

    for (const auto& g : form.goals) {
        GoalRow r{g.id, g.text, {}, goal_max(form, g.id)};
        for (const auto& q : form.questions)
            if (q.goal == g.id) r.questions.push_back(q.id);
        auto goal_share = [&](const std::string& session) -> std::optional<double> {
            if (r.max_points <= 0) return std::nullopt;
            std::vector<double> v;
            for (const auto& s : scored)
                if (s.sheet->session == session && s.score.complete)
                    v.push_back(static_cast<double>(*s.score.goal_points(g.id)) / r.max_points);
            return mean(v);
        };
        r.pre_share = goal_share("pre");
        r.post_share = goal_share("post");
        if (r.pre_share && r.post_share) r.gain = *r.post_share - *r.pre_share;
        a.goals.push_back(r);
    }

    for (const auto& m : form.misconceptions) {
        MisconceptionRow r{m.id, m.text, m.expected_pre, misconception_probes(form, m.id)};
        for (const auto& s : scored) {
            if (!s.score.complete || !shows_misconception(form, *s.sheet, m.id)) continue;
            if (s.sheet->session == "pre") ++r.pre_count;
            else ++r.post_count;
        }
        r.pre_share = share(r.pre_count, a.pre.complete);
        r.post_share = share(r.post_count, a.post.complete);
        a.misconceptions.push_back(r);
    }
    return a;
}

}  // namespace quizscan::score
