// Effect sizes of the tutorial with their uncertainty: the paired figures (the report's
// headline: the same people before and after) and the figures that treat the two
// sessions as groups, with seeded bootstrap intervals over participants.
#pragma once

#include <optional>
#include <vector>

#include "score/bootstrap.hpp"
#include "score/inference.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

// Paired participants: totals aligned by index.
struct PairedEffect {
    int n = 0;
    std::optional<double> pre_mean, post_mean, pre_sd, post_sd;
    std::optional<double> gain;              // mean of post - pre
    std::optional<Interval> gain_ci;         // t interval (exact under normality)
    std::optional<double> sd_gain;
    std::optional<double> d;                 // gain / sqrt((sd_pre^2 + sd_post^2) / 2): the seed's d
    std::optional<double> g;                 // d * J(n - 1): Hedges' small-sample correction
    std::optional<double> dz;                // gain / sd_gain
    std::optional<double> r;                 // pre-post correlation: d_z ~ d / sqrt(2 (1 - r))
    std::optional<Interval> d_ci, g_ci, dz_ci;  // bootstrap over participants; n >= kMinN
    std::optional<TTest> t_test;
    std::optional<SignedRankTest> wilcoxon;
};
PairedEffect paired_effect(const std::vector<double>& pre, const std::vector<double>& post,
                           const BootstrapOptions& boot = {});

// One research participant's complete sheets, as the participant bootstrap resamples
// them: total, goal shares and misconceptions shown, for each session present.
struct SessionPoint {
    double total = 0;
    std::vector<double> goal_share;    // form.goals order, points / goal maximum
    std::vector<bool> misconception;   // form.misconceptions order
};
struct Participant {
    std::optional<SessionPoint> pre, post;
};

// Sessions as two groups (every complete sheet, paired or not): the seed's d over all
// sheets, Hedges' g with J(n_pre + n_post - 2), and intervals by resampling participants
// (so a participant's two sheets stay together); intervals need kMinN sheets per session.
struct GroupEffect {
    std::optional<double> d, g;
    std::optional<Interval> d_ci, g_ci;
};
GroupEffect group_effect(const std::vector<Participant>& people, const BootstrapOptions& boot = {});

// Interval of a goal's gain (post share - pre share, over all complete sheets) and of a
// misconception's change (post prevalence - pre prevalence), by the same resampling.
std::optional<Interval> goal_gain_interval(const std::vector<Participant>& people, std::size_t goal,
                                           const BootstrapOptions& boot = {});
std::optional<Interval> misconception_change_interval(const std::vector<Participant>& people, std::size_t index,
                                                      const BootstrapOptions& boot = {});

}  // namespace quizscan::score
