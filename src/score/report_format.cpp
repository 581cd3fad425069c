// Formatting helpers of the report (see report_format.hpp).
#include "score/report_format.hpp"

#include "score/html.hpp"
#include "score/stats.hpp"

namespace quizscan::score::fmt {

std::string h(const std::string& s) { return html_escape(s); }
std::string n(int v) { return std::to_string(v); }

std::string td(const std::string& s, bool num) {
    return std::string("<td") + (num ? " class=\"num\"" : "") + ">" + s + "</td>";
}
std::string th(const std::string& s, bool num) {
    return std::string("<th") + (num ? " class=\"num\"" : "") + ">" + s + "</th>";
}

std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
    return out;
}

static const char* kNotEstimable = "<span class=\"ne\">not estimable</span>";

std::string value(std::optional<double> v, int decimals) { return v ? fmt_stat(v, decimals) : kNotEstimable; }
std::string signed_value(std::optional<double> v, int decimals) { return v ? fmt_signed(v, decimals) : kNotEstimable; }
std::string pct(std::optional<double> share, int decimals) {
    return share ? fmt_stat(*share * 100, decimals) + "%" : kNotEstimable;
}
std::string pp(std::optional<double> change) { return change ? fmt_signed(*change * 100, 0) + " pp" : kNotEstimable; }

std::string ci(std::optional<Interval> v, int decimals, double scale, const std::string& unit) {
    if (!v) return "";
    return " <span class=\"ci\">[" + fmt_stat(v->lo * scale, decimals) + unit + ", " + fmt_stat(v->hi * scale, decimals) +
           unit + "]</span>";
}

std::string no_ci(const std::string& why) { return " <span class=\"ci\">[no CI: " + why + "]</span>"; }

std::string n_is(int count) { return " <span class=\"n\">n&nbsp;=&nbsp;" + n(count) + "</span>"; }

std::string caution(int count, int minimum, const std::string& of) {
    if (count >= minimum) return "";
    return " <span class=\"caution\" title=\"fewer than " + n(minimum) + " " + h(of) + "\">&#9888; n&nbsp;=&nbsp;" + n(count) +
           " &lt; " + n(minimum) + "</span>";
}

std::string p_value(double p) {
    if (p < 0.001) return "p &lt; 0.001";
    return "p = " + fmt_stat(p, 3);
}

std::string how(const std::string& text) { return "<span class=\"how\">" + text + "</span>"; }

}  // namespace quizscan::score::fmt
