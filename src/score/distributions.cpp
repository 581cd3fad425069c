// Student's t, F and Beta distributions and Hedges' J (see distributions.hpp).
#include "score/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace quizscan::score {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of I_x(a, b) by the modified Lentz method; converges fast for
// x < (a + 1) / (a + b + 2).
double beta_fraction(double x, double a, double b) {
    constexpr double tiny = 1e-300, eps = 1e-15;
    const double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    if (std::fabs(d) < tiny) d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 1000; ++m) {
        const double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        if (std::fabs(d) < tiny) d = tiny;
        c = 1 + aa / c;
        if (std::fabs(c) < tiny) c = tiny;
        d = 1 / d;
        const double step = d * c;
        h *= step;
        if (std::fabs(step - 1) < eps) break;
    }
    return h;
}

// Smallest x in [lo, hi] with f(x) >= target, f non-decreasing (bisection to full precision).
template <typename F>
double bisect(F f, double target, double lo, double hi) {
    for (int i = 0; i < 200 && hi - lo > 1e-15 * std::max(1.0, std::fabs(hi)); ++i) {
        const double mid = 0.5 * (lo + hi);
        (f(mid) < target ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace

double incomplete_beta(double x, double a, double b) {
    if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1)) return kNaN;
    if (x == 0 || x == 1) return x;
    const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                                  b * std::log1p(-x));
    if (x < (a + 1) / (a + b + 2)) return front * beta_fraction(x, a, b) / a;
    return 1 - front * beta_fraction(1 - x, b, a) / b;
}

double beta_quantile(double p, double a, double b) {
    if (!(p >= 0) || !(p <= 1) || !(a > 0) || !(b > 0)) return kNaN;
    if (p == 0 || p == 1) return p;
    return bisect([&](double x) { return incomplete_beta(x, a, b); }, p, 0.0, 1.0);
}

double t_two_sided_p(double t, double df) {
    if (!(df > 0) || std::isnan(t)) return kNaN;
    if (std::isinf(t)) return 0;
    return incomplete_beta(df / (df + t * t), df / 2, 0.5);
}

double t_cdf(double t, double df) {
    const double tail = t_two_sided_p(t, df) / 2;
    return t > 0 ? 1 - tail : tail;
}

double t_quantile(double p, double df) {
    if (!(p > 0) || !(p < 1) || !(df > 0)) return kNaN;
    if (p == 0.5) return 0;
    if (p < 0.5) return -t_quantile(1 - p, df);
    double hi = 1;
    while (t_cdf(hi, df) < p && hi < 1e300) hi *= 2;
    return bisect([&](double t) { return t_cdf(t, df); }, p, 0.0, hi);
}

double f_quantile(double p, double d1, double d2) {
    if (!(d1 > 0) || !(d2 > 0)) return kNaN;
    // F = (X / d1) / ((1 - X) / d2) with X ~ Beta(d1/2, d2/2), increasing in X.
    const double x = beta_quantile(p, d1 / 2, d2 / 2);
    if (std::isnan(x)) return kNaN;
    if (x >= 1) return std::numeric_limits<double>::infinity();
    return d2 * x / (d1 * (1 - x));
}

double hedges_j(double df) {
    if (!(df >= 2)) return kNaN;
    return std::exp(std::lgamma(df / 2) - std::lgamma((df - 1) / 2)) / std::sqrt(df / 2);
}

}  // namespace quizscan::score
