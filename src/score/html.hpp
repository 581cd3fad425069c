// HTML and SVG building blocks for the report: escaping every string that goes
// into markup, and the two inline SVG charts (score histogram, goal bars).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace quizscan::score {

// Escapes & < > " ' so text is safe in element content and quoted attributes.
std::string html_escape(const std::string& text);

// Grouped bar chart of how many pre and post sheets reached each total 0..max.
std::string svg_histogram(const std::vector<int>& pre, const std::vector<int>& post);

// One row per goal: a pre bar and a post bar, each a share 0..1 (nullopt: no bar, "n/a").
struct GoalBar {
    std::string label;  // "U1"
    std::optional<double> pre, post;
};
std::string svg_goal_bars(const std::vector<GoalBar>& goals);

}  // namespace quizscan::score
