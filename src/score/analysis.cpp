// Computes the numbers of the pre/post research report (see analysis.hpp).
#include "score/analysis.hpp"

#include <cstring>
#include <map>
#include <regex>
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
    st.mean_ci = mean_interval(st.totals);
    if (st.complete < kMinN) {
        st.kr20_note = "not estimable: " + std::to_string(st.complete) + " sheets (needs " + std::to_string(kMinN) + ")";
    } else if (auto r = kr20(items)) {
        st.kr20 = r;
        st.kr20_ci = kr20_interval(*r, st.complete, static_cast<int>(form.questions.size()));
    } else {
        st.kr20_note = "not estimable: the totals do not vary";
    }
    return st;
}

std::optional<double> share(int count, int n) {
    if (n <= 0) return std::nullopt;
    return static_cast<double>(count) / n;
}

std::optional<Interval> percent(std::optional<Interval> v) {
    if (!v) return v;
    return Interval{v->lo * 100, v->hi * 100};
}

// A participant's complete sheets as the bootstrap sees them.
SessionPoint point_of(const Form& form, const Scored& s) {
    SessionPoint p;
    p.total = *s.score.total;
    for (const auto& g : form.goals) {
        const int max = goal_max(form, g.id);
        p.goal_share.push_back(max > 0 ? static_cast<double>(*s.score.goal_points(g.id)) / max : 0.0);
    }
    for (const auto& m : form.misconceptions) p.misconception.push_back(shows_misconception(form, *s.sheet, m.id));
    return p;
}

using ByParticipant = std::map<std::string, std::map<std::string, const Scored*>>;

void count_pairs(Analysis& a, const ByParticipant& by_participant) {
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
}

std::vector<Participant> participants(const Form& form, const ByParticipant& by_participant) {
    std::vector<Participant> out;
    for (const auto& [pid, sessions] : by_participant) {
        Participant p;
        for (const auto& [session, s] : sessions) {
            if (!s->score.complete) continue;
            (session == "pre" ? p.pre : p.post) = point_of(form, *s);
        }
        if (p.pre || p.post) out.push_back(std::move(p));
    }
    return out;
}

void effects(Analysis& a, const std::vector<Participant>& people) {
    if (a.pre.mean && a.post.mean) a.gain = *a.post.mean - *a.pre.mean;
    a.pooled_sd = pooled_sd(a.pre.sd, a.post.sd);
    a.cohens_d = cohens_d(a.pre.totals, a.post.totals);
    a.groups = group_effect(people);
    a.effect = paired_effect(a.paired_pre, a.paired_post);
    a.mean_paired_gain = a.effect.gain;
    a.sd_paired_gain = a.effect.sd_gain;
    a.dz = a.effect.dz;
}

void bands(Analysis& a, const Form& form) {
    for (const auto& b : form.bands) {
        BandRow r{b.lo, b.hi, b.expected_pre_pct, b.expected_post_pct};
        for (double t : a.pre.totals) r.pre_count += (t >= b.lo && t <= b.hi);
        for (double t : a.post.totals) r.post_count += (t >= b.lo && t <= b.hi);
        if (auto s = share(r.pre_count, a.pre.complete)) r.pre_pct = *s * 100;
        if (auto s = share(r.post_count, a.post.complete)) r.post_pct = *s * 100;
        r.pre_ci = percent(proportion_interval(r.pre_count, a.pre.complete));
        r.post_ci = percent(proportion_interval(r.post_count, a.post.complete));
        a.bands.push_back(r);
    }
}

void goals(Analysis& a, const Form& form, const std::vector<Participant>& people) {
    for (std::size_t gi = 0; gi < form.goals.size(); ++gi) {
        const auto& g = form.goals[gi];
        GoalRow r{g.id, g.text, {}, goal_max(form, g.id)};
        for (const auto& q : form.questions)
            if (q.goal == g.id) r.questions.push_back(q.id);
        std::vector<double> pre, post;
        for (const auto& p : people) {
            if (p.pre) pre.push_back(p.pre->goal_share[gi]);
            if (p.post) post.push_back(p.post->goal_share[gi]);
        }
        r.pre_n = static_cast<int>(pre.size());
        r.post_n = static_cast<int>(post.size());
        if (r.max_points > 0) {
            r.pre_share = mean(pre);
            r.post_share = mean(post);
        }
        if (r.pre_share && r.post_share) r.gain = *r.post_share - *r.pre_share;
        if (r.max_points > 0) r.gain_ci = goal_gain_interval(people, gi);
        a.goals.push_back(r);
    }
}

void misconceptions(Analysis& a, const Form& form, const std::vector<Participant>& people) {
    for (std::size_t mi = 0; mi < form.misconceptions.size(); ++mi) {
        const auto& m = form.misconceptions[mi];
        MisconceptionRow r{m.id, m.text, m.expected_pre, misconception_probes(form, m.id)};
        for (const auto& p : people) {
            r.pre_count += p.pre && p.pre->misconception[mi];
            r.post_count += p.post && p.post->misconception[mi];
        }
        r.pre_share = share(r.pre_count, a.pre.complete);
        r.post_share = share(r.post_count, a.post.complete);
        r.pre_ci = proportion_interval(r.pre_count, a.pre.complete);
        r.post_ci = proportion_interval(r.post_count, a.post.complete);
        if (r.pre_share && r.post_share) r.change = *r.post_share - *r.pre_share;
        r.change_ci = misconception_change_interval(people, mi);
        r.expected = parse_expected_range(m.expected_pre);
        a.misconceptions.push_back(r);
    }
}

}  // namespace

int draft_sheets(const Analysis& a) { return a.pending_review_sheets + a.consent_pending_sheets; }

std::optional<Interval> parse_expected_range(const std::string& text) {
    std::string t = text;
    for (const char* dash : {"\u2013", "\u2014"})  // en and em dash
        for (std::size_t at; (at = t.find(dash)) != std::string::npos;) t.replace(at, std::strlen(dash), "-");
    static const std::regex range(R"(\s*(\d+(?:\.\d+)?)\s*%?\s*(?:-\s*(\d+(?:\.\d+)?))?\s*%\s*)");
    std::smatch m;
    if (!std::regex_match(t, m, range)) return std::nullopt;
    const double lo = std::stod(m[1]) / 100, hi = m[2].matched ? std::stod(m[2]) / 100 : lo;
    if (hi < lo) return std::nullopt;
    return Interval{lo, hi};
}

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
    for (const auto& s : sheets) a.digital_sheets += s.digital;
    for (const auto& s : research) a.digital_research_sheets += s.digital;

    ByParticipant by_participant;
    for (const auto& s : scored) by_participant[s.sheet->participant_id][s.sheet->session] = &s;
    a.research_participants = static_cast<int>(by_participant.size());
    count_pairs(a, by_participant);
    const auto people = participants(form, by_participant);

    a.pre = session_stats(form, "pre", scored);
    a.post = session_stats(form, "post", scored);
    effects(a, people);
    bands(a, form);
    goals(a, form, people);
    misconceptions(a, form, people);
    return a;
}

}  // namespace quizscan::score
