// HTML escaping and inline SVG charts for the report (see html.hpp).
#include "score/html.hpp"

#include <algorithm>
#include <cstdio>

#include "score/stats.hpp"

namespace quizscan::score {

namespace {

constexpr const char* kPre = "#9aa6b2";
constexpr const char* kPost = "#2c5d8f";
constexpr const char* kInk = "#1f2933";
constexpr const char* kMuted = "#616e7c";
constexpr const char* kGrid = "#e4e7eb";

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string text_el(double x, double y, const std::string& s, const char* anchor, const char* fill, int size = 11) {
    return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" fill=\"" + fill +
           "\" font-size=\"" + std::to_string(size) + "\">" + html_escape(s) + "</text>";
}

std::string rect(double x, double y, double w, double h, const char* fill) {
    return "<rect x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" + num(w) + "\" height=\"" + num(h) +
           "\" fill=\"" + fill + "\"/>";
}

std::string line(double x1, double y1, double x2, double y2, const char* stroke) {
    return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) +
           "\" stroke=\"" + stroke + "\" stroke-width=\"1\"/>";
}

std::string legend(double x, double y) {
    return rect(x, y - 9, 10, 10, kPre) + text_el(x + 14, y, "Pre", "start", kInk) + rect(x + 50, y - 9, 10, 10, kPost) +
           text_el(x + 64, y, "Post", "start", kInk);
}

}  // namespace

std::string html_escape(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string svg_histogram(const std::vector<int>& pre, const std::vector<int>& post) {
    const size_t bins = std::max(pre.size(), post.size());
    const double W = 680, H = 240, left = 40, right = 10, top = 28, bottom = 40;
    const double plot_w = W - left - right, plot_h = H - top - bottom;
    int ymax = 1;
    for (int v : pre) ymax = std::max(ymax, v);
    for (int v : post) ymax = std::max(ymax, v);
    // A round number of gridlines.
    int step = std::max(1, (ymax + 4) / 5);
    int top_val = ((ymax + step - 1) / step) * step;
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(W) + " " + num(H) +
                    "\" width=\"100%\" role=\"img\" aria-label=\"Histogram of pre and post total scores\" "
                    "font-family=\"system-ui, sans-serif\">";
    for (int v = 0; v <= top_val; v += step) {
        double y = top + plot_h - plot_h * v / top_val;
        s += line(left, y, W - right, y, kGrid);
        s += text_el(left - 6, y + 4, std::to_string(v), "end", kMuted, 10);
    }
    const double slot = bins ? plot_w / static_cast<double>(bins) : plot_w;
    const double bar = slot * 0.36;
    for (size_t i = 0; i < bins; ++i) {
        double x0 = left + slot * static_cast<double>(i) + slot * 0.14;
        int vp = i < pre.size() ? pre[i] : 0, vq = i < post.size() ? post[i] : 0;
        double hp = plot_h * vp / top_val, hq = plot_h * vq / top_val;
        s += rect(x0, top + plot_h - hp, bar, hp, kPre);
        s += rect(x0 + bar, top + plot_h - hq, bar, hq, kPost);
        if (vp) s += text_el(x0 + bar / 2, top + plot_h - hp - 3, std::to_string(vp), "middle", kMuted, 9);
        if (vq) s += text_el(x0 + bar * 1.5, top + plot_h - hq - 3, std::to_string(vq), "middle", kMuted, 9);
        s += text_el(left + slot * (static_cast<double>(i) + 0.5), top + plot_h + 15, std::to_string(i), "middle", kInk, 10);
    }
    s += line(left, top + plot_h, W - right, top + plot_h, kInk);
    s += text_el(left + plot_w / 2, H - 6, "Total score (points)", "middle", kMuted, 11);
    s += text_el(12, top - 12, "Sheets", "start", kMuted, 11);
    s += legend(W - right - 100, top - 12);
    s += "</svg>";
    return s;
}

std::string svg_goal_bars(const std::vector<GoalBar>& goals) {
    const double W = 680, left = 50, right = 60, top = 30, row = 34, bar_h = 12;
    const double H = top + row * static_cast<double>(goals.size()) + 28;
    const double plot_w = W - left - right;
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(W) + " " + num(H) +
                    "\" width=\"100%\" role=\"img\" aria-label=\"Share of goal points, pre and post\" "
                    "font-family=\"system-ui, sans-serif\">";
    for (int pct = 0; pct <= 100; pct += 25) {
        double x = left + plot_w * pct / 100.0;
        s += line(x, top - 4, x, H - 24, kGrid);
        s += text_el(x, H - 10, std::to_string(pct) + "%", "middle", kMuted, 10);
    }
    for (size_t i = 0; i < goals.size(); ++i) {
        double y = top + row * static_cast<double>(i);
        s += text_el(left - 8, y + bar_h + 4, goals[i].label, "end", kInk, 12);
        auto one = [&](const std::optional<double>& v, double yy, const char* fill) {
            if (!v) return text_el(left + 4, yy + bar_h - 2, "n/a", "start", kMuted, 10);
            double w = plot_w * std::clamp(*v, 0.0, 1.0);
            return rect(left, yy, w, bar_h, fill) +
                   text_el(left + w + 4, yy + bar_h - 2, fmt_stat(*v * 100, 0) + "%", "start", kMuted, 10);
        };
        s += one(goals[i].pre, y, kPre);
        s += one(goals[i].post, y + bar_h + 1, kPost);
    }
    s += legend(W - right - 60, 16);
    s += "</svg>";
    return s;
}

}  // namespace quizscan::score
