// The few probability distributions the report's tests and intervals need, written out
// so they can be checked against published tables: Student's t, F, Beta (via the
// regularized incomplete beta function) and Hedges' small-sample correction J.
#pragma once

namespace quizscan::score {

// Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 <= x <= 1 (continued fraction,
// about 1e-12 accurate). Returns NaN outside that domain.
double incomplete_beta(double x, double a, double b);

// Inverse of I_x(a, b) in x: the p-quantile of a Beta(a, b) variable (bisection).
double beta_quantile(double p, double a, double b);

// Student's t with df > 0 degrees of freedom: the CDF, the two-sided tail P(|T| >= |t|)
// and the p-quantile (0 < p < 1).
double t_cdf(double t, double df);
double t_two_sided_p(double t, double df);
double t_quantile(double p, double df);

// The p-quantile of Fisher's F with (d1, d2) degrees of freedom.
double f_quantile(double p, double d1, double d2);

// Hedges' exact correction J(df) = Gamma(df/2) / (sqrt(df/2) * Gamma((df-1)/2)), which
// makes a standardized mean difference unbiased; df >= 2 (NaN below).
double hedges_j(double df);

}  // namespace quizscan::score
