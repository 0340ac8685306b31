# Planted "human" data for the demo set: each image's true hit probability is 0.15 + 2 x its mean local contrast
# (demo feature layer 'contrast'); 40 simulated participants per image answer hit/miss (Bernoulli); the observed hit
# rate is their mean, and the split-half ceiling is the Spearman-Brown corrected mean Spearman rho over 200 random
# splits of the participants into halves of 20 (as engram analyse reports it). Needs NumPy and SciPy.
import os
import numpy as np
from scipy.stats import spearmanr
ids = [l.strip() for l in open('feats/images.csv')][1:]
c = np.load('feats/contrast.npy').astype(float)
rng = np.random.default_rng(5)
p = np.clip(0.15 + 2 * c.mean(1), 0.02, 0.98)
k = 40
obs = rng.binomial(1, np.repeat(p[:, None], k, 1))
hit = obs.mean(1)
rs = []
for s in range(200):
    perm = rng.permutation(k)
    rs.append(spearmanr(obs[:, perm[:20]].mean(1), obs[:, perm[20:]].mean(1)).statistic)
r = float(np.mean(rs))
os.makedirs('planted', exist_ok=True)
with open('planted/images.csv', 'w') as f:
    f.write('image_id,hit_rate\n')
    for i, h in zip(ids, hit):
        f.write(f'{i},{h:.4f}\n')
# the two fixed halves of the participants (1-20, 21-40) as two repetitions, for ./engram predict's noise ceiling
for name, half in (('half_a', obs[:, :20]), ('half_b', obs[:, 20:])):
    with open(f'planted/{name}.csv', 'w') as f:
        f.write('image_id,hit_rate\n')
        for i, h in zip(ids, half.mean(1)):
            f.write(f'{i},{h:.4f}\n')
open('planted/consistency.csv', 'w').write(
    f'measure,splits,mean_rho,sd_rho,spearman_brown\nhit_rate,200,{r:.4f},{np.std(rs, ddof=1):.4f},{2 * r / (1 + r):.4f}\n')
print('split-half mean rho', round(r, 4), 'Spearman-Brown', round(2 * r / (1 + r), 4))
