"""Reference values for the study/test (recognition) measures of engram.analysis, computed with SciPy here.

Run: python3 analysis/src/test/python/recognition_reference.py
Prints @CsvSource rows for engram.analysis.stats.RecognitionReferenceTest. The inputs are fixed.

* d' and c with the log-linear correction (Hautus 1995): H' = (h + .5)/(h + m + 1), F' = (fa + .5)/(fa + cr + 1),
  d' = z(H') - z(F'), c = -(z(H') + z(F'))/2, z = scipy.stats.norm.ppf.
* AUC of the confidence ROC: cumulative criteria from the surest "old" rating down, points (F, H), trapezoid rule
  (numpy.trapezoid) over (0, 0) and the points; checked against the Mann-Whitney identity U/(n1*n2)
  (scipy.stats.mannwhitneyu of target ratings against foil ratings).
* LDI = p(similar|lure) - p(similar|foil), REC = p(old|target) - p(old|foil) (Stark et al. 2013).
* 2AFC: exact (Clopper-Pearson) 95% interval, scipy.stats.binomtest(k, n).proportion_ci(0.95, "exact").
"""
import numpy as np
import scipy
from scipy import stats


def r(v):
    return repr(float(v))


print("# SciPy", scipy.__version__, "NumPy", np.__version__)

print("# d-prime/criterion (log-linear): hits, misses, fa, cr, dprime, criterion")
for h, m, fa, cr in [(12, 0, 0, 24), (9, 3, 5, 19), (3, 9, 12, 12), (150, 50, 40, 160), (0, 6, 6, 0)]:
    hp = (h + 0.5) / (h + m + 1)
    fp = (fa + 0.5) / (fa + cr + 1)
    zh, zf = stats.norm.ppf(hp), stats.norm.ppf(fp)
    print(f'"{h}, {m}, {fa}, {cr}, {r(zh - zf)}, {r(-(zh + zf) / 2)}",')


def auc_trapezoid(t, f):
    t = np.asarray(t, float)
    f = np.asarray(f, float)
    ht = np.concatenate([[0.0], np.cumsum(t[::-1]) / t.sum()])
    ft = np.concatenate([[0.0], np.cumsum(f[::-1]) / f.sum()])
    return np.trapezoid(ht, ft)


def auc_mann_whitney(t, f):
    rt = np.repeat(np.arange(1, len(t) + 1), t)
    rf = np.repeat(np.arange(1, len(f) + 1), f)
    u = stats.mannwhitneyu(rt, rf).statistic
    return u / (len(rt) * len(rf))


print("# AUC: target counts per rating 1..2L, foil counts per rating, auc")
auc_cases = [
    ([1, 2, 3, 5, 9, 14], [10, 8, 6, 4, 2, 1]),
    ([0, 0, 0, 0, 0, 7], [7, 0, 0, 0, 0, 0]),
    ([3, 3, 3, 3], [3, 3, 3, 3]),
    ([2, 10], [9, 3]),
    ([5, 1, 0, 4, 2, 0, 6, 9], [8, 3, 4, 2, 6, 1, 1, 0]),
]
for t, f in auc_cases:
    a = auc_trapezoid(t, f)
    assert abs(a - auc_mann_whitney(t, f)) < 1e-12
    print(f'"{" ".join(map(str, t))}, {" ".join(map(str, f))}, {r(a)}",')

print("# LDI/REC: similar|lure, lures, similar|foil, foils, ldi; old|target, targets, old|foil, foils, rec")
for sl, nl, sf, nf, ot, nt, of, nf2 in [(7, 12, 2, 24, 9, 12, 3, 24), (0, 10, 0, 10, 10, 10, 0, 10),
                                         (3, 9, 5, 15, 4, 11, 6, 13)]:
    ldi = sl / nl - sf / nf
    rec = ot / nt - of / nf2
    print(f'"{sl}, {nl}, {sf}, {nf}, {r(ldi)}, {ot}, {nt}, {of}, {nf2}, {r(rec)}",')

print("# Clopper-Pearson 95%: k, n, low, high")
for k, n in [(0, 10), (10, 10), (7, 12), (11, 22), (1, 1), (45, 48), (130, 200)]:
    ci = stats.binomtest(k, n).proportion_ci(0.95, "exact")
    print(f'"{k}, {n}, {r(ci.low)}, {r(ci.high)}",')
