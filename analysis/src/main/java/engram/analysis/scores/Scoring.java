package engram.analysis.scores;

import engram.core.format.Manifest;
import engram.core.format.ManifestRow;
import engram.analysis.io.Responses;
import engram.analysis.stats.SignalDetection;
import java.util.Locale;

/**
 * Trial outcomes and the participant and image scores built from them.
 *
 * <p>Hit = repeat (presentation 2) responded; miss = repeat not responded; false alarm = first showing responded;
 * correct rejection = first showing not responded. Vigilance trials only count towards a participant's
 * false-alarm rate (first showings) and vigilance hit rate (repeats), never towards image scores.
 */
public final class Scoring {
    private Scoring() {
    }

    /**
     * Scores every participant and applies the exclusion rule: excluded when the vigilance hit rate is below
     * {@code minVigilance} or the false-alarm rate is at least {@code maxFar}. A participant without vigilance
     * repeats (or without first showings) is not excluded by that rule.
     */
    public static ParticipantScore[] participants(Responses r, double minVigilance, double maxFar) {
        int np = r.participants();
        ParticipantScore[] out = new ParticipantScore[np];
        int[] order = r.byParticipant();
        for (int p = 0; p < np; p++) {
            int hits = 0;
            int misses = 0;
            int fa = 0;
            int cr = 0;
            int vigHits = 0;
            int vigRepeats = 0;
            for (int i = r.offset(p); i < r.offset(p + 1); i++) {
                int row = order[i];
                boolean resp = r.responded(row);
                byte kind = r.kind(row);
                if (r.presentation(row) == 2) {
                    if (kind == Responses.TARGET) {
                        if (resp) {
                            hits++;
                        } else {
                            misses++;
                        }
                    } else if (kind == Responses.VIGILANCE) {
                        vigRepeats++;
                        if (resp) {
                            vigHits++;
                        }
                    }
                } else if (resp) {
                    fa++;
                } else {
                    cr++;
                }
            }
            double hr = SignalDetection.rate(hits, hits + misses);
            double far = SignalDetection.rate(fa, fa + cr);
            double vhr = SignalDetection.rate(vigHits, vigRepeats);
            StringBuilder reason = new StringBuilder();
            if (!Double.isNaN(vhr) && vhr < minVigilance) {
                reason.append(String.format(Locale.ROOT, "vigilance_hit_rate %.4f < %.2f", vhr, minVigilance));
            }
            if (!Double.isNaN(far) && far >= maxFar) {
                if (reason.length() > 0) {
                    reason.append("; ");
                }
                reason.append(String.format(Locale.ROOT, "false_alarm_rate %.4f >= %.2f", far, maxFar));
            }
            out[p] = new ParticipantScore(r.participantId(p), r.sequenceId(p), hits, misses, fa, cr, hr, far,
                SignalDetection.dprime(hits, misses, fa, cr), SignalDetection.criterion(hits, misses, fa, cr), vhr,
                reason.length() > 0, reason.toString());
        }
        return out;
    }

    /** Outcome counts per image: {hits, misses, falseAlarms, correctRejections}, each indexed by image. */
    public record ImageCounts(int[] hits, int[] misses, int[] falseAlarms, int[] correctRejections) {
        /** @return repeat showings of the image */
        public int repeats(int image) {
            return hits[image] + misses[image];
        }

        /** @return first showings of the image */
        public int firstShowings(int image) {
            return falseAlarms[image] + correctRejections[image];
        }
    }

    /** Counts image outcomes over the included participants' target and filler trials. */
    public static ImageCounts imageCounts(Responses r, int images, boolean[] included) {
        int[] hits = new int[images];
        int[] misses = new int[images];
        int[] fa = new int[images];
        int[] cr = new int[images];
        for (int row = 0; row < r.size(); row++) {
            if (!included[r.participant(row)] || r.kind(row) == Responses.VIGILANCE) {
                continue;
            }
            int img = r.image(row);
            boolean resp = r.responded(row);
            if (r.presentation(row) == 2) {
                if (resp) {
                    hits[img]++;
                } else {
                    misses[img]++;
                }
            } else if (resp) {
                fa[img]++;
            } else {
                cr[img]++;
            }
        }
        return new ImageCounts(hits, misses, fa, cr);
    }

    /** Builds the image scores from the counts and the VMS intensities (NaN where not defined). */
    public static ImageScore[] images(Manifest m, ImageCounts c, double[] vmsTrue, double[] vmsFalse) {
        ImageScore[] out = new ImageScore[m.size()];
        for (int i = 0; i < out.length; i++) {
            int h = c.hits()[i];
            int mi = c.misses()[i];
            int fa = c.falseAlarms()[i];
            int cr = c.correctRejections()[i];
            double hr = SignalDetection.rate(h, h + mi);
            double far = SignalDetection.rate(fa, fa + cr);
            ManifestRow row = m.row(i);
            out[i] = new ImageScore(row.imageId(), row.condition(), row.pairId() == null ? "" : row.pairId(), row.category(),
                h, mi, hr, fa, cr, far, hr - far, SignalDetection.dprime(h, mi, fa, cr), vmsTrue[i], vmsFalse[i],
                row.predictedMemorability() == null ? Double.NaN : row.predictedMemorability());
        }
        return out;
    }

    /**
     * Per-participant d′ within one condition: target repeats of that condition's images against first showings
     * (targets and fillers) of that condition's images.
     *
     * @return d′ per participant, NaN when the participant has no repeats or no first showings in the condition
     */
    public static double[] participantDprimeInCondition(Responses r, Manifest m, String condition) {
        double[] out = new double[r.participants()];
        int[] order = r.byParticipant();
        for (int p = 0; p < out.length; p++) {
            int h = 0;
            int mi = 0;
            int fa = 0;
            int cr = 0;
            for (int i = r.offset(p); i < r.offset(p + 1); i++) {
                int row = order[i];
                if (r.kind(row) == Responses.VIGILANCE || !condition.equals(m.row(r.image(row)).condition())) {
                    continue;
                }
                boolean resp = r.responded(row);
                if (r.presentation(row) == 2) {
                    if (r.kind(row) == Responses.TARGET) {
                        if (resp) {
                            h++;
                        } else {
                            mi++;
                        }
                    }
                } else if (resp) {
                    fa++;
                } else {
                    cr++;
                }
            }
            out[p] = SignalDetection.dprime(h, mi, fa, cr);
        }
        return out;
    }
}
