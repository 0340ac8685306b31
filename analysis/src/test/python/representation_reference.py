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
