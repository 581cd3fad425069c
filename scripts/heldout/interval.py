"""Exact (Clopper-Pearson) 95% interval of a binomial share, without scipy."""
import math


def _cdf(k, n, p):
    """P(X <= k) for X ~ Binomial(n, p)."""
    if p <= 0:
        return 1.0
    if p >= 1:
        return 1.0 if k >= n else 0.0
    lp, lq = math.log(p), math.log1p(-p)
    terms = [math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) + i * lp + (n - i) * lq for i in range(k + 1)]
    m = max(terms)
    return min(1.0, math.exp(m) * sum(math.exp(t - m) for t in terms))


def _solve(f, lo=0.0, hi=1.0):
    for _ in range(60):
        mid = (lo + hi) / 2
        if f(mid):
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


def interval95(k, n):
    """(low, high) of the share k/n at 95% confidence."""
    if n == 0:
        return 0.0, 1.0
    low = 0.0 if k == 0 else _solve(lambda p: _cdf(k - 1, n, p) <= 0.975)
    high = 1.0 if k == n else _solve(lambda p: _cdf(k, n, p) <= 0.025)
    return low, high


def pct(k, n, digits=1):
    return f"{100.0 * k / n:.{digits}f}%" if n else "-"


def pct_ci(k, n, digits=2):
    lo, hi = interval95(k, n)
    return f"{pct(k, n, digits)} ({100 * lo:.{digits}f}-{100 * hi:.{digits}f}%)" if n else "-"
