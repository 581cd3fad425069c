// The sections of the research report, each an HTML fragment rendered from analyze().
// report.cpp assembles them into the page.
#pragma once

#include <string>
#include <vector>

#include "core/form.hpp"
#include "core/responses.hpp"
#include "score/analysis.hpp"

namespace quizscan::score {

// report_effects.cpp: what changed and how sure we are.
std::string banners_section(const Analysis& a);                      // draft and small-n cautions
std::string headline_section(const Analysis& a);                     // paired participants
std::string expectations_section(const Form& form, const Analysis& a);  // the seed's figures beside ours
std::string sessions_section(const Form& form, const Analysis& a);   // every complete sheet, sessions as groups

// report.cpp: who is counted and the breakdowns.
std::string counts_section(const Analysis& a);
std::string bands_section(const Analysis& a);
std::string goals_section(const Form& form, const Analysis& a);
std::string misconceptions_section(const Analysis& a);
std::string items_section(const Form& form, const std::vector<SheetResponses>& sheets, const Analysis& a);

// "within the interval", "below", "above": where an expected range lies against an
// observed interval; "" without an interval.
std::string verdict(std::optional<Interval> observed, double expected_lo, double expected_hi);

}  // namespace quizscan::score
