// Paired and between-session effect sizes with bootstrap intervals (see effects.hpp).
#include "score/effects.hpp"

#include <cmath>
#include <functional>

#include "score/distributions.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

namespace {

using Values = std::vector<double>;
using Compare = std::function<std::optional<double>(const Values& pre, const Values& post)>;
using Extract = std::function<double(const SessionPoint&)>;

// The pre and post values of the participants in `sample` (repeats count again).
void gather(const std::vector<Participant>& people, const std::vector<std::size_t>& sample, const Extract& x,
            Values& pre, Values& post) {
    pre.clear();
    post.clear();
    for (auto i : sample) {
        if (people[i].pre) pre.push_back(x(*people[i].pre));
        if (people[i].post) post.push_back(x(*people[i].post));
    }
}

std::vector<std::size_t> everyone(std::size_t n) {
    std::vector<std::size_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = i;
    return v;
}

// Bootstrap interval of compare(pre values, post values) over participants; needs kMinN
// sheets in each session.
std::optional<Interval> session_interval(const std::vector<Participant>& people, const Extract& x,
                                         const Compare& compare, const BootstrapOptions& boot) {
    Values pre, post;
    gather(people, everyone(people.size()), x, pre, post);
    if (static_cast<int>(pre.size()) < kMinN || static_cast<int>(post.size()) < kMinN) return std::nullopt;
    return bootstrap_interval(
        people.size(),
        [&](const std::vector<std::size_t>& s) {
            Values a, b;
            gather(people, s, x, a, b);
            return compare(a, b);
        },
        boot);
}

std::optional<double> mean_difference(const Values& pre, const Values& post) {
    auto a = mean(pre), b = mean(post);
    if (!a || !b) return std::nullopt;
    return *b - *a;
}

std::optional<double> scaled(std::optional<double> v, double k) {
    if (!v || !std::isfinite(k)) return std::nullopt;
    return *v * k;
}

std::optional<Interval> scaled(std::optional<Interval> v, double k) {
    if (!v || !std::isfinite(k)) return std::nullopt;
    return Interval{v->lo * k, v->hi * k};
}

}  // namespace

PairedEffect paired_effect(const std::vector<double>& pre, const std::vector<double>& post,
                           const BootstrapOptions& boot) {
    PairedEffect e;
    if (pre.size() != post.size()) return e;
    e.n = static_cast<int>(pre.size());
    e.pre_mean = mean(pre);
    e.post_mean = mean(post);
    e.pre_sd = sample_sd(pre);
    e.post_sd = sample_sd(post);
    Values diff;
    for (std::size_t i = 0; i < pre.size(); ++i) diff.push_back(post[i] - pre[i]);
    e.gain = mean(diff);
    e.gain_ci = mean_interval(diff);
    e.sd_gain = sample_sd(diff);
    e.d = cohens_d(pre, post);
    e.g = scaled(e.d, hedges_j(e.n - 1));
    e.dz = paired_dz(pre, post);
    e.r = pearson(pre, post);
    e.t_test = paired_t_test(pre, post);
    e.wilcoxon = wilcoxon_signed_rank(pre, post);
    if (e.n >= kMinN) {
        auto pick = [&](const std::vector<std::size_t>& s, Values& a, Values& b) {
            a.clear();
            b.clear();
            for (auto i : s) a.push_back(pre[i]), b.push_back(post[i]);
        };
        const auto n = static_cast<std::size_t>(e.n);
        e.d_ci = bootstrap_interval(n, [&](const std::vector<std::size_t>& s) {
            Values a, b;
            pick(s, a, b);
            return cohens_d(a, b);
        }, boot);
        e.g_ci = scaled(e.d_ci, hedges_j(e.n - 1));
        e.dz_ci = bootstrap_interval(n, [&](const std::vector<std::size_t>& s) {
            Values a, b;
            pick(s, a, b);
            return paired_dz(a, b);
        }, boot);
    }
    return e;
}

GroupEffect group_effect(const std::vector<Participant>& people, const BootstrapOptions& boot) {
    GroupEffect e;
    const Extract total = [](const SessionPoint& p) { return p.total; };
    Values pre, post;
    gather(people, everyone(people.size()), total, pre, post);
    e.d = cohens_d(pre, post);
    const double j = hedges_j(static_cast<double>(pre.size() + post.size()) - 2);
    e.g = scaled(e.d, j);
    e.d_ci = session_interval(people, total, [](const Values& a, const Values& b) { return cohens_d(a, b); }, boot);
    e.g_ci = scaled(e.d_ci, j);
    return e;
}

std::optional<Interval> goal_gain_interval(const std::vector<Participant>& people, std::size_t goal,
                                           const BootstrapOptions& boot) {
    return session_interval(
        people, [goal](const SessionPoint& p) { return goal < p.goal_share.size() ? p.goal_share[goal] : 0.0; },
        mean_difference, boot);
}

std::optional<Interval> misconception_change_interval(const std::vector<Participant>& people, std::size_t index,
                                                      const BootstrapOptions& boot) {
    return session_interval(
        people,
        [index](const SessionPoint& p) {
            return index < p.misconception.size() && p.misconception[index] ? 1.0 : 0.0;
        },
        mean_difference, boot);
}

}  // namespace quizscan::score
