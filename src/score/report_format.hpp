// Formatting shared by the report's sections: escaped text, table cells, figures with
// their n and interval, p-values, and the "not estimable" and small-n cautions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "score/inference.hpp"

namespace quizscan::score::fmt {

std::string h(const std::string& s);   // HTML-escaped
std::string n(int v);
std::string td(const std::string& s, bool num = false);
std::string th(const std::string& s, bool num = false);
std::string join(const std::vector<std::string>& v, const std::string& sep);

// A figure, or "not estimable" when it could not be computed.
std::string value(std::optional<double> v, int decimals = 2);
std::string signed_value(std::optional<double> v, int decimals = 2);
// A share 0..1 as "67%", or "not estimable".
std::string pct(std::optional<double> share, int decimals = 0);
// A change of shares as "+38 pp".
std::string pp(std::optional<double> change);

// " [lo, hi]" for an interval (values scaled by `scale`), or "" when there is none.
std::string ci(std::optional<Interval> v, int decimals = 2, double scale = 1, const std::string& unit = "");
// "[no CI: why]" in a muted span, for a figure whose interval is not estimable.
std::string no_ci(const std::string& why);
// "n = 6" in a muted span.
std::string n_is(int count);
// A visible caution when count < the minimum a figure needs; "" otherwise.
std::string caution(int count, int minimum, const std::string& of);
// "p = 0.012", "p < 0.001".
std::string p_value(double p);
// "<span class=how>...</span>"
std::string how(const std::string& text);

}  // namespace quizscan::score::fmt
