"""Reference values for the omnibus forgetting tests (engram.analysis.stats.FriedmanTest, PageTrendTest).

Run: python3 analysis/src/test/python/omnibus_reference.py
Prints @CsvSource rows for engram.analysis.stats.OmnibusReferenceTest. The data are fixed (seeded).

Rows are participants, columns the phases (for Page's test in the order of increasing predicted value, as SciPy's
default predicted_ranks = 1..n).
* Friedman: scipy.stats.friedmanchisquare(*columns), tie-corrected chi-square, df = n - 1.
  Kendall's W from its own tie-corrected formula W = (12 sum R_j^2 - 3 m^2 n (n+1)^2) / (m^2 n (n^2-1) - m sum(t^3-t)),
  which must equal chi2 / (m (n - 1)).
* Page: scipy.stats.page_trend_test(data) with method 'auto' (the method SciPy chose is printed), and with 'exact'
  (when n <= 8) and 'asymptotic' forced.
"""
import warnings

import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261201)


def fmt_rows(a):
    return " | ".join(" ".join(repr(float(v)) for v in row) for row in a)


def r(v):
    return repr(float(v))


def kendall_w(a):
    m, n = a.shape
    ranks = stats.rankdata(a, axis=1)
    rj = ranks.sum(axis=0)
    ties = 0.0
    for row in a:
        _, counts = np.unique(row, return_counts=True)
        ties += float(np.sum(counts ** 3 - counts))
    den = m * m * n * (n * n - 1) - m * ties
    return (12 * np.sum(rj ** 2) - 3 * m * m * n * (n + 1) ** 2) / den if den else float("nan")


decline = np.array([0.9, 0.75, 0.6, 0.5])
cases = {
    # SciPy's documented example (ties): 10 students, 3 methods
    "scipy_doc_ties": np.array([[3, 4, 3], [2, 2, 4], [3, 3, 5], [1, 3, 2], [2, 3, 2], [2, 4, 5], [1, 2, 4],
                                [3, 4, 4], [2, 4, 5], [1, 3, 4]], float),
    "exact_m5_n4": rng.normal(0, 1, (5, 4)) + np.arange(4) * 0.5,
    "exact_m12_n5": rng.normal(0, 1, (12, 5)) + np.arange(5) * 0.2,
    "asymptotic_m13_n4": rng.normal(0, 1, (13, 4)) + np.arange(4) * 0.3,
    "exact_m20_n3": rng.normal(0, 1, (20, 3)) + np.arange(3) * 0.3,
    "asymptotic_m21_n3": rng.normal(0, 1, (21, 3)) + np.arange(3) * 0.3,
    "asymptotic_m3_n9": rng.normal(0, 1, (3, 9)) + np.arange(9) * 0.3,
    "exact_m2_n8": rng.normal(0, 1, (2, 8)),
    # hit rates out of 12 trials (ties), columns from longest delay to shortest (a decline reversed)
    "rates_ties_m8_n3": np.round(np.clip(rng.normal(decline[:3][::-1], 0.12, (8, 3)), 0, 1) * 12) / 12,
    "rates_ties_m24_n4": np.round(np.clip(rng.normal(decline[::-1], 0.15, (24, 4)), 0, 1) * 12) / 12,
    # no trend at all: every participant the same in every phase but one
    "one_row_untied_m4_n3": np.array([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0.1, 0.2, 0.3]]),
    "against_trend_m6_n3": np.array([[3, 2, 1], [3, 2, 1], [3, 1, 2], [3, 2, 1], [2, 3, 1], [3, 2, 1]], float),
}

print("# SciPy", scipy.__version__, "NumPy", np.__version__)
print("# name, data (rows | separated), friedman chi2, friedman p, kendall W, page L, page p (auto), auto method,"
      " page p (exact, empty when n > 8), page p (asymptotic)")
for name, a in cases.items():
    m, n = a.shape
    f = stats.friedmanchisquare(*a.T)
    w = kendall_w(a)
    assert abs(w - f.statistic / (m * (n - 1))) < 1e-12, (name, w, f.statistic)
    auto = stats.page_trend_test(a)
    exact = stats.page_trend_test(a, method="exact").pvalue if n <= 8 else float("nan")
    asym = stats.page_trend_test(a, method="asymptotic").pvalue
    ex = "" if n > 8 else r(exact)
    print(f'"{name}, {fmt_rows(a)}, {r(f.statistic)}, {r(f.pvalue)}, {r(w)}, {r(auto.statistic)}, {r(auto.pvalue)},'
          f' {auto.method}, {ex}, {r(asym)}",')

print("# every row tied: Friedman is 0/0")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    tied = np.array([[0.5, 0.5, 0.5], [1.0, 1.0, 1.0], [0.0, 0.0, 0.0]])
    f = stats.friedmanchisquare(*tied.T)
    p = stats.page_trend_test(tied)
    print("# friedman", f.statistic, f.pvalue, "page", p.statistic, p.pvalue, p.method)
