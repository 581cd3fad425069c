// The numbers of the pre/post research report, computed once from the form and
// all sheets: counts, session statistics, effect sizes with their intervals and tests,
// bands, goal gains and misconception prevalence. render_report() and summary_text()
// only format this.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"
#include "score/effects.hpp"
#include "score/inference.hpp"

namespace quizscan::score {

// Figures of one session over its complete research sheets.
struct SessionStats {
    std::string session;                  // "pre" / "post"
    int sheets = 0;                       // research sheets of the session
    int complete = 0;                     // of which fully read: the ones in every score figure
    std::vector<double> totals;           // totals of the complete sheets, by participant id
    std::optional<double> mean, sd;       // sd: sample SD (n-1)
    std::optional<Interval> mean_ci;      // t interval
    std::vector<int> histogram;           // number of sheets per total 0..max points
    std::optional<double> kr20;           // over items dichotomised as "full points"; empty below kMinN sheets
    std::optional<Interval> kr20_ci;      // Feldt
    std::string kr20_note;                // why KR-20 is not estimable, when it is not
};

struct BandRow {
    int lo = 0, hi = 0;
    double expected_pre_pct = 0, expected_post_pct = 0;  // the seed's expectations
    int pre_count = 0, post_count = 0;
    std::optional<double> pre_pct, post_pct;              // share of complete sheets, in %
    std::optional<Interval> pre_ci, post_ci;              // Clopper-Pearson, in %
};

struct GoalRow {
    std::string id, text;
    std::vector<std::string> questions;   // ids of the questions with this goal
    int max_points = 0;                   // from the form (sum of question points)
    std::optional<double> pre_share, post_share;  // mean goal points / max_points, 0..1
    int pre_n = 0, post_n = 0;            // complete research sheets
    std::optional<double> gain;           // post_share - pre_share
    std::optional<Interval> gain_ci;      // participant bootstrap; kMinN sheets per session
};

struct MisconceptionRow {
    std::string id, text, expected_pre, probes;
    int pre_count = 0, post_count = 0;    // complete research sheets showing it
    std::optional<double> pre_share, post_share;  // pre_count / complete pre sheets, 0..1
    std::optional<Interval> pre_ci, post_ci;      // Clopper-Pearson, 0..1
    std::optional<double> change;                 // post_share - pre_share
    std::optional<Interval> change_ci;            // participant bootstrap; kMinN sheets per session
    std::optional<Interval> expected;             // expected_pre parsed ("40–50%" -> .40..50)
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
    int digital_sheets = 0;               // of sheets_total: answered on Google Forms (import-forms)
    int digital_research_sheets = 0;      // of research_sheets
    int duplicate_sheets = 0;             // further sheets of the same participant and session, ignored
    int other_session_sheets = 0;         // session neither "pre" nor "post", ignored
    int paired = 0;                       // complete pre and complete post
    int unpaired = 0;                     // research participants with a sheet in one session only
    int pair_awaiting_review = 0;         // both sessions present, one or both pending review
    // Sessions and effect sizes.
    SessionStats pre, post;
    std::optional<double> gain;           // post.mean - pre.mean
    std::optional<double> pooled_sd;      // sqrt((sd_pre^2 + sd_post^2)/2)
    std::optional<double> cohens_d;       // gain / pooled_sd (the seed's definition), sessions as groups
    GroupEffect groups;                   // the same d with Hedges' g and intervals
    std::vector<double> paired_pre, paired_post;  // totals of paired participants, aligned
    std::optional<double> mean_paired_gain, sd_paired_gain;
    std::optional<double> dz;             // mean_paired_gain / sd_paired_gain
    PairedEffect effect;                  // the headline: paired participants, with intervals and tests
    std::vector<BandRow> bands;           // form.bands order
    std::vector<GoalRow> goals;           // form.goals order
    std::vector<MisconceptionRow> misconceptions;  // form.misconceptions order
};

// Sheets whose figures may still change: research sheets pending review and sheets whose
// opt-out mark is pending. Non-zero makes the report a draft.
int draft_sheets(const Analysis& a);

// "40–50%" or "40-50%" -> [0.40, 0.50]; "30%" -> [0.30, 0.30]; anything else: empty.
std::optional<Interval> parse_expected_range(const std::string& text);

Analysis analyze(const Form& form, const std::vector<SheetResponses>& sheets);

}  // namespace quizscan::score
