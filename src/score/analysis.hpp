// The numbers of the pre/post research report, computed once from the form and
// all sheets: counts, session statistics, effect sizes, bands, goal gains and
// misconception prevalence. render_report() and summary_text() only format this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"

namespace quizscan::score {

// Figures of one session over its complete research sheets.
struct SessionStats {
    std::string session;                  // "pre" / "post"
    int sheets = 0;                       // research sheets of the session
    int complete = 0;                     // of which fully read: the ones in every score figure
    std::vector<double> totals;           // totals of the complete sheets, by participant id
    std::optional<double> mean, sd;       // sd: sample SD (n-1)
    std::vector<int> histogram;           // number of sheets per total 0..max points
    std::optional<double> kr20;           // over items dichotomised as "full points"
};

struct BandRow {
    int lo = 0, hi = 0;
    double expected_pre_pct = 0, expected_post_pct = 0;  // the seed's expectations
    int pre_count = 0, post_count = 0;
    std::optional<double> pre_pct, post_pct;              // share of complete sheets, in %
};

struct GoalRow {
    std::string id, text;
    std::vector<std::string> questions;   // ids of the questions with this goal
    int max_points = 0;                   // from the form (sum of question points)
    std::optional<double> pre_share, post_share;  // mean goal points / max_points, 0..1
    std::optional<double> gain;           // post_share - pre_share
};

struct MisconceptionRow {
    std::string id, text, expected_pre, probes;
    int pre_count = 0, post_count = 0;    // complete research sheets showing it
    std::optional<double> pre_share, post_share;  // pre_count / complete pre sheets, 0..1
};

struct Analysis {
    int max_points = 0;
    // Counts.
    int sheets_total = 0;                 // every sheet given
    int participants_total = 0;
    int opted_out_participants = 0;       // no_research on the pre or post sheet
    int opted_out_sheets = 0;
    int consent_pending_participants = 0; // no_research mark still pending review
    int consent_pending_sheets = 0;
    int research_participants = 0;
    int research_sheets = 0;              // pre/post sheets of research participants (first of duplicates)
    int pending_review_sheets = 0;        // research sheets with a field pending review
    int duplicate_sheets = 0;             // further sheets of the same participant and session, ignored
    int other_session_sheets = 0;         // session neither "pre" nor "post", ignored
    int paired = 0;                       // complete pre and complete post
    int unpaired = 0;                     // research participants with a sheet in one session only
    int pair_awaiting_review = 0;         // both sessions present, one or both pending review
    // Sessions and effect sizes.
    SessionStats pre, post;
    std::optional<double> gain;           // post.mean - pre.mean
    std::optional<double> pooled_sd;      // sqrt((sd_pre^2 + sd_post^2)/2)
    std::optional<double> cohens_d;       // gain / pooled_sd (the seed's definition)
    std::vector<double> paired_pre, paired_post;  // totals of paired participants, aligned
    std::optional<double> mean_paired_gain, sd_paired_gain;
    std::optional<double> dz;             // mean_paired_gain / sd_paired_gain
    std::vector<BandRow> bands;           // form.bands order
    std::vector<GoalRow> goals;           // form.goals order
    std::vector<MisconceptionRow> misconceptions;  // form.misconceptions order
};

Analysis analyze(const Form& form, const std::vector<SheetResponses>& sheets);

}  // namespace quizscan::score
