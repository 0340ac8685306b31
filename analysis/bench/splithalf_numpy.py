"""Straightforward NumPy/SciPy implementation of the same steps as the Java benchmark:
ingest responses.csv, per-image scores (hits, misses, FA, CR, HR, FAR, d'), and S hit-rate split-halves
(Spearman over images seen as repeats in both halves, average ranks for ties).

Usage: python3 analysis/bench/splithalf_numpy.py DIR_WITH_CSVS [splits] [seed]
Participant exclusion (vigilance < 0.60 or FAR >= 0.40) is applied as in the Java library.
"""
import sys
import time

import numpy as np
import csv
from scipy.stats import norm, rankdata


def main():
    folder = sys.argv[1]
    splits = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    t0 = time.time()
    with open(f"{folder}/manifest.csv", newline="") as f:
        image_index = {row["image_id"]: i for i, row in enumerate(csv.DictReader(f))}
    participants = {}
    kinds = {"target": 0, "filler": 1, "vigilance": 2}
    pc, ic, pr, kd, rs = [], [], [], [], []
    with open(f"{folder}/responses.csv", newline="") as f:
        reader = csv.reader(f)
        h = next(reader)
        cp, ci, cpr, ck, cr = (h.index(c) for c in ("participant_id", "image_id", "presentation", "kind", "responded"))
        for row in reader:
            pc.append(participants.setdefault(row[cp], len(participants)))
            ic.append(image_index[row[ci]])
            pr.append(int(row[cpr]))
            kd.append(kinds[row[ck]])
            rs.append(row[cr] == "1")
    part_codes = np.array(pc, dtype=np.int64)
    part_ids = list(participants)
    img = np.array(ic, dtype=np.int64)
    pres = np.array(pr, dtype=np.int8)
    kind = np.array(kd, dtype=np.int8)
    resp = np.array(rs, dtype=bool)
    del pc, ic, pr, kd, rs
    t1 = time.time()
    n_part = len(part_ids)
    n_img = len(image_index)
    vig = kind == 2
    target_rep = (pres == 2) & (kind == 0)
    first = pres == 1
    fa = np.bincount(part_codes[first & resp], minlength=n_part)
    fs = np.bincount(part_codes[first], minlength=n_part)
    vr = np.bincount(part_codes[vig & (pres == 2)], minlength=n_part)
    vh = np.bincount(part_codes[vig & (pres == 2) & resp], minlength=n_part)
    with np.errstate(invalid="ignore", divide="ignore"):
        far = fa / fs
        vhr = vh / vr
    excluded = (vhr < 0.60) | (far >= 0.40)
    inc = ~excluded[part_codes] & ~vig
    rep = inc & (pres == 2)
    hits = np.bincount(img[rep & resp], minlength=n_img)
    misses = np.bincount(img[rep & ~resp], minlength=n_img)
    fas = np.bincount(img[inc & first & resp], minlength=n_img)
    crs = np.bincount(img[inc & first & ~resp], minlength=n_img)
    with np.errstate(invalid="ignore", divide="ignore"):
        hr = hits / (hits + misses)
        fr = fas / (fas + crs)
    dprime = norm.ppf((hits + 0.5) / (hits + misses + 1)) - norm.ppf((fas + 0.5) / (fas + crs + 1))
    dprime[(hits + misses == 0) | (fas + crs == 0)] = np.nan  # undefined, as in the Java library
    t2 = time.time()
    # split-half over included participants' target repeats
    members = np.flatnonzero(~excluded)
    ev = ~excluded[part_codes] & target_rep
    ev_part = part_codes[ev]
    ev_img = img[ev]
    ev_hit = resp[ev].astype(np.float64)
    tot_rep = np.bincount(ev_img, minlength=n_img)
    tot_hit = np.bincount(ev_img, weights=ev_hit, minlength=n_img)
    rng = np.random.default_rng(seed)
    rhos = np.empty(splits)
    in_a = np.zeros(n_part, dtype=bool)
    for s in range(splits):
        perm = rng.permutation(members)
        in_a[:] = False
        in_a[perm[: len(members) // 2]] = True
        a = in_a[ev_part]
        rep_a = np.bincount(ev_img[a], minlength=n_img)
        hit_a = np.bincount(ev_img[a], weights=ev_hit[a], minlength=n_img)
        rep_b = tot_rep - rep_a
        ok = (rep_a > 0) & (rep_b > 0)
        ra = rankdata(hit_a[ok] / rep_a[ok])
        rb = rankdata((tot_hit[ok] - hit_a[ok]) / rep_b[ok])
        rhos[s] = np.corrcoef(ra, rb)[0, 1]
    t3 = time.time()
    m = rhos.mean()
    print(f"participants {n_part} excluded {int(excluded.sum())} images {n_img} rows {len(img)}")
    print(f"mean HR {np.nanmean(hr):.6f} mean FAR {np.nanmean(fr):.6f} mean d' {np.nanmean(dprime):.6f}")
    print(f"split-half: splits {splits} mean_rho {m:.6f} sd_rho {rhos.std(ddof=1):.6f} spearman_brown {2 * m / (1 + m):.6f}")
    print(f"timing_s ingest {t1 - t0:.2f} scores {t2 - t1:.2f} split_half {t3 - t2:.2f} total {t3 - t0:.2f}")


if __name__ == "__main__":
    main()
