"""Reference values for engram.analysis.stats tests, computed with the SciPy installed here.

Run: python3 analysis/src/test/python/reference_values.py
Prints @CsvSource rows ('x values', 'y values', expected...) to paste into the Java tests.
The data are fixed (seeded) so that the rows can be regenerated.
"""
import numpy as np
import scipy
from scipy import stats, integrate

rng = np.random.default_rng(20261122)


def fmt(a):
    return " ".join(repr(float(v)) for v in a)


def r(v):
    return repr(float(v))


def paired_cases():
    cases = {
        "small": (np.round(rng.normal(0.6, 0.1, 8), 3), np.round(rng.normal(0.55, 0.1, 8), 3)),
        "n20": (np.round(rng.normal(0.7, 0.15, 20), 2), np.round(rng.normal(0.6, 0.15, 20), 2)),
        "ties_n10": (np.array([0.5, 0.6, 0.7, 0.7, 0.8, 0.4, 0.9, 0.3, 0.55, 0.65]),
                     np.array([0.4, 0.5, 0.6, 0.6, 0.8, 0.5, 0.7, 0.35, 0.45, 0.7])),
        "zeros_n13": (np.arange(13) / 13.0, np.array([0.0, 0.1, 2 / 13, 0.3, 0.2, 0.5, 6 / 13, 0.4, 0.7, 0.6, 0.8, 0.9, 0.95])),
        "ties_n30": (np.round(rng.uniform(0, 1, 30), 1), np.round(rng.uniform(0, 1, 30), 1)),
        "exact_n40": (rng.normal(0.1, 1, 40), rng.normal(0, 1, 40)),
        "approx_n60": (rng.normal(0.3, 1, 60), rng.normal(0, 1, 60)),
        "rates_0_1": (np.array([1.0, 1.0, 0.0, 1.0, 0.5, 1.0]), np.array([0.0, 1.0, 0.0, 0.5, 0.5, 0.0])),
    }
    return cases


print("# SciPy", scipy.__version__, "NumPy", np.__version__)
print("# paired: name, x, y, t, df, p_t, dz, W, p_w")
for name, (x, y) in paired_cases().items():
    t = stats.ttest_rel(x, y)
    d = x - y
    dz = d.mean() / d.std(ddof=1)
    w = stats.wilcoxon(x, y)
    print(f'"{name}, {fmt(x)}, {fmt(y)}, {r(t.statistic)}, {len(x) - 1}, {r(t.pvalue)}, {r(dz)}, {r(w.statistic)}, {r(w.pvalue)}",')


def jzs(t, n, rscale=np.sqrt(2) / 2):
    v = n - 1
    f = lambda g: (1 + n * g * rscale ** 2) ** -0.5 * (1 + t * t / ((1 + n * g * rscale ** 2) * v)) ** (-(v + 1) / 2) \
        * (2 * np.pi) ** -0.5 * g ** -1.5 * np.exp(-1 / (2 * g))
    num = integrate.quad(f, 0, np.inf, epsabs=0, epsrel=1e-12, limit=200)[0]
    return num / (1 + t * t / v) ** (-(v + 1) / 2)


print("# jzs: t, n, bf10 (scipy.integrate.quad of Rouder et al. 2009 eq. 1)")
for t, n in [(3.5, 20), (0.0, 10), (1.0, 5), (2.2, 30), (-2.2, 30), (5.0, 100), (0.5, 200), (10.0, 12)]:
    print(f"{r(t)}, {n}, {r(jzs(t, n))}")

print("# mann-whitney: name, x, y, U1, p")
mw = {
    "exact_5_7": (np.array([1.1, 2.3, 0.4, 3.8, 2.9]), np.array([4.1, 3.3, 5.6, 2.0, 6.2, 4.4, 5.1])),
    "exact_3_20": (np.array([0.15, 0.95, 0.5]), rng.uniform(0, 1, 20)),
    "ties_6_6": (np.array([1, 2, 2, 3, 4, 4.0]), np.array([2, 3, 5, 5, 6, 7.0])),
    "approx_15_12": (rng.normal(0, 1, 15), rng.normal(0.8, 1, 12)),
    "approx_ties_30_25": (np.round(rng.uniform(0, 1, 30), 1), np.round(rng.uniform(0.2, 1.2, 25), 1)),
}
for name, (x, y) in mw.items():
    res = stats.mannwhitneyu(x, y)
    sp = np.sqrt(((len(x) - 1) * x.var(ddof=1) + (len(y) - 1) * y.var(ddof=1)) / (len(x) + len(y) - 2))
    d = (x.mean() - y.mean()) / sp
    print(f'"{name}, {fmt(x)}, {fmt(y)}, {r(res.statistic)}, {r(res.pvalue)}, {r(d)}",')

print("# kruskal / anova: name, groups separated by |, H, p_H, F, p_F")
kw = {
    "three": [np.array([2.9, 3.0, 2.5, 2.6, 3.2]), np.array([3.8, 2.7, 4.0, 2.4]), np.array([2.8, 3.4, 3.7, 2.2, 2.0])],
    "ties": [np.round(rng.uniform(0, 1, 12), 1), np.round(rng.uniform(0, 1, 9), 1), np.round(rng.uniform(0.3, 1, 10), 1)],
    "two": [rng.normal(0, 1, 25), rng.normal(0.5, 1, 25)],
}
for name, groups in kw.items():
    h = stats.kruskal(*groups)
    f = stats.f_oneway(*groups)
    g = " | ".join(fmt(a) for a in groups)
    print(f'"{name}, {g}, {r(h.statistic)}, {r(h.pvalue)}, {r(f.statistic)}, {r(f.pvalue)}",')

print("# spearman: name, x, y, rho, p")
sp_cases = {
    "ties": (np.array([1, 2, 2, 3, 4, 5, 5, 6.0]), np.array([2, 1, 4, 3, 6, 5, 7, 7.0])),
    "n30": (rng.uniform(0, 1, 30), rng.uniform(0, 1, 30)),
}
for name, (x, y) in sp_cases.items():
    res = stats.spearmanr(x, y)
    print(f'"{name}, {fmt(x)}, {fmt(y)}, {r(res.statistic)}, {r(res.pvalue)}",')

print("# d-prime: hits, misses, fa, cr, dprime, criterion (log-linear)")
for h, m, fa, cr in [(10, 0, 0, 10), (0, 10, 10, 0), (7, 3, 2, 8), (1, 0, 0, 1), (40, 40, 5, 155)]:
    hp = (h + 0.5) / (h + m + 1)
    fp = (fa + 0.5) / (fa + cr + 1)
    zh, zf = stats.norm.ppf(hp), stats.norm.ppf(fp)
    print(f"{h}, {m}, {fa}, {cr}, {r(zh - zf)}, {r(-(zh + zf) / 2)}")
