"""Reference values for engram.analysis.representation tests (CKA, RSA, ridge CV, partial correlation,
Spearman-Brown), computed with NumPy/SciPy here, independently of the Java code.

Run: python3 analysis/src/test/python/representation_reference.py
Prints Java array literals and expected values to paste into RepresentationReferenceTest / PredictReferenceTest.
The data are fixed (seeded, rounded to 3 decimals) so that the values can be regenerated.
"""
import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import pdist, squareform

rng = np.random.default_rng(20261201)


def jarr(m):
    return "{" + ", ".join("{" + ", ".join(repr(float(v)) for v in row) + "}" for row in m) + "}"


def linear_cka(x, y):
    x = x - x.mean(0)
    y = y - y.mean(0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def rbf_gram(x, frac):
    d = squareform(pdist(x, "euclidean"))
    med = np.median(pdist(x, "euclidean"))  # distinct pairs i < j
    sigma = frac * med
    return np.exp(-d ** 2 / (2 * sigma ** 2))


def cka_gram(k, l):
    n = k.shape[0]
    h = np.eye(n) - np.ones((n, n)) / n
    kc = h @ k @ h
    lc = h @ l @ h
    return np.sum(kc * lc) / np.sqrt(np.sum(kc * kc) * np.sum(lc * lc))


def rsa(x, y, metric):
    return stats.spearmanr(pdist(x, metric), pdist(y, metric)).statistic


print("# NumPy", np.__version__, "SciPy", scipy.__version__)
X = np.round(rng.normal(size=(10, 4)), 3)
Y = np.round(X @ rng.normal(size=(4, 3)) + 0.5 * rng.normal(size=(10, 3)), 3)
Z = np.round(rng.normal(size=(10, 12)), 3)  # more features than images (Gram path)
print("X =", jarr(X))
print("Y =", jarr(Y))
print("Z =", jarr(Z))
for name, (a, b) in {"XY": (X, Y), "XZ": (X, Z), "YZ": (Y, Z)}.items():
    print(f"# {name}: linear_cka, rbf_cka(0.5), rbf_cka(1.0), rsa_correlation, rsa_euclidean")
    print(name, *(repr(float(v)) for v in (linear_cka(a, b), cka_gram(rbf_gram(a, 0.5), rbf_gram(b, 0.5)),
          cka_gram(rbf_gram(a, 1.0), rbf_gram(b, 1.0)), rsa(a, b, "correlation"), rsa(a, b, "euclidean"))))
    # the Gram form equals the feature form
    assert abs(linear_cka(a, b) - cka_gram(a @ a.T, b @ b.T)) < 1e-12

# The .npy fixtures in analysis/src/test/resources/representation were written by:
#   a = np.arange(12, dtype=np.float64).reshape(3, 4) / 8
#   np.save('f8_fortran.npy', np.asfortranarray(a)); np.save('f4_c.npy', a.astype(np.float32))
#   np.save('f4_1d.npy', np.arange(3, dtype=np.float32))


def cka_resample(k, l, idx):
    """CKA on a bootstrap resample, leaving out pairs i != j of two copies of the same image (centring uses all)."""
    kb = k[np.ix_(idx, idx)]
    lb = l[np.ix_(idx, idx)]
    n = len(idx)
    h = np.eye(n) - np.ones((n, n)) / n
    kc = h @ kb @ h
    lc = h @ lb @ h
    keep = ~((idx[:, None] == idx[None, :]) & ~np.eye(n, dtype=bool))
    return (kc * lc)[keep].sum() / np.sqrt((kc * kc)[keep].sum() * (lc * lc)[keep].sum())


IDX = np.array([0, 0, 1, 2, 3, 3, 3, 5, 6, 9])
print("# bootstrap resample", IDX.tolist(), ": linear_cka(X,Y), rbf_cka(X,Y,0.5)")
print("resample", repr(float(cka_resample(X @ X.T, Y @ Y.T, IDX))), repr(float(cka_resample(rbf_gram(X, 0.5), rbf_gram(Y, 0.5), IDX))))


# ---- ridge CV (brute force: every leave-one-out fit is refitted, nothing shared with the hat-matrix shortcut) ----
def ridge_fit(x, y, lam):
    mx = x.mean(0)
    my = y.mean(0)
    xc = x - mx
    beta = np.linalg.solve(xc.T @ xc + lam * np.eye(x.shape[1]), xc.T @ (y - my))
    return lambda z: (z - mx) @ beta + my


def cv_ridge(x, y, fold, grid):
    pred = np.zeros_like(y)
    chosen = []
    for f in sorted(set(fold)):
        tr = np.where(fold != f)[0]
        te = np.where(fold == f)[0]
        xt, yt = x[tr], y[tr]
        s2 = np.linalg.svd(xt - xt.mean(0), compute_uv=False) ** 2
        s2 = s2[s2 > 1e-10 * s2.max()]
        mean = s2.mean()
        best = []
        for j in range(y.shape[1]):
            losses = []
            for rel in grid:
                lam = rel * mean
                e = 0.0
                for i in range(len(tr)):
                    keep = np.arange(len(tr)) != i
                    model = ridge_fit(xt[keep], yt[keep, j:j + 1], lam)
                    e += float((yt[i, j] - model(xt[i:i + 1])[0, 0]) ** 2)
                losses.append(e)
            best.append(grid[int(np.argmin(losses))] * mean)
        chosen.append(best)
        for j in range(y.shape[1]):
            pred[te, j] = ridge_fit(xt, yt[:, j:j + 1], best[j])(x[te])[:, 0]
    return pred, chosen


GRID = [10.0 ** (-4 + 0.5 * i) for i in range(17)]
RX = np.round(rng.normal(size=(24, 5)), 3)
RW = np.array([[1.0, 0.0], [0.5, -1.0], [0.0, 0.3], [-0.7, 0.0], [0.2, 0.1]])
RY = np.round(RX @ RW + rng.normal(scale=[0.5, 2.0], size=(24, 2)), 3)
RF = np.array([i % 4 for i in range(24)])
RP, RL = cv_ridge(RX, RY, RF, GRID)
print("RX =", jarr(RX))
print("RY =", jarr(RY))
print("RFOLD =", "{" + ", ".join(str(int(v)) for v in RF) + "}")
print("RPRED =", jarr(RP))
print("RLAMBDA =", jarr(RL))
# wide case: more features than training images (dual path)
WX = np.round(rng.normal(size=(12, 20)), 3)
WY = np.round(WX[:, :3].sum(1, keepdims=True) + rng.normal(scale=0.5, size=(12, 1)), 3)
WF = np.array([i % 3 for i in range(12)])
WP, WL = cv_ridge(WX, WY, WF, GRID)
print("WX =", jarr(WX))
print("WY =", jarr(WY))
print("WFOLD =", "{" + ", ".join(str(int(v)) for v in WF) + "}")
print("WPRED =", jarr(WP))
print("WLAMBDA =", jarr(WL))


# ---- partial correlation and the split-half noise ceiling ----
def partial(y, a, b):
    """Pearson's r between the residuals of y and a after regressing each on b (with intercept)."""
    B = np.column_stack([np.ones_like(b), b])
    ry = y - B @ np.linalg.lstsq(B, y, rcond=None)[0]
    ra = a - B @ np.linalg.lstsq(B, a, rcond=None)[0]
    return stats.pearsonr(ry, ra).statistic


PY = np.round(rng.normal(size=15), 3)
PA = np.round(PY + rng.normal(size=15), 3)
PB = np.round(0.5 * PY + 0.5 * PA + rng.normal(size=15), 3)
print("PY =", jarr([PY]), "PA =", jarr([PA]), "PB =", jarr([PB]))
print("partial r(y, a | b) =", repr(float(partial(PY, PA, PB))), " partial r(y, b | a) =", repr(float(partial(PY, PB, PA))))

REPS = np.round(rng.normal(size=(12, 1)) + rng.normal(scale=0.8, size=(12, 4)), 3)  # 12 images x 4 repetitions
halves = [([0, 1], [2, 3]), ([0, 2], [1, 3]), ([0, 3], [1, 2])]  # every balanced split of 4 repetitions
rs = [stats.pearsonr(REPS[:, h1].mean(1), REPS[:, h2].mean(1)).statistic for h1, h2 in halves]
rbar = float(np.mean(rs))
print("REPS (images x repetitions) =", jarr(REPS))
print("split-half mean r =", repr(rbar), " Spearman-Brown =", repr(2 * rbar / (1 + rbar)))
REPS2 = REPS[:, :2]
r2 = stats.pearsonr(REPS2[:, 0], REPS2[:, 1]).statistic
print("two repetitions: r =", repr(float(r2)), " Spearman-Brown =", repr(float(2 * r2 / (1 + r2))))
