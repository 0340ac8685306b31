"""NumPy linear CKA on the same shape as CkaBenchmark (10,000 x 2,048), for context: ||Y'X||^2 / (||X'X|| ||Y'Y||)."""
import sys
import time
import numpy as np
n, p, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
x = rng.normal(size=(n, p))
y = x @ (rng.normal(size=(p, p)) * (rng.random((p, p)) < 8 / p)) + 2 * rng.normal(size=(n, p))
times = []
for r in range(runs):
    t0 = time.perf_counter()
    xc = x - x.mean(0)
    yc = y - y.mean(0)
    v = np.linalg.norm(yc.T @ xc) ** 2 / (np.linalg.norm(xc.T @ xc) * np.linalg.norm(yc.T @ yc))
    times.append(time.perf_counter() - t0)
    print(f"run {r + 1} linear CKA {v:.6f} in {times[-1]:.2f} s")
print(f"median {np.median(times):.2f} s; numpy {np.__version__}")
np.show_config() if len(sys.argv) > 4 else None
