package engram.analysis.report;

import engram.analysis.TestRow;
import engram.analysis.recognition.PhaseInfo;
import engram.analysis.recognition.RecognitionVms;
import engram.analysis.recognition.RecognitionImage;
import engram.analysis.recognition.RecognitionResult;
import engram.analysis.recognition.RecognitionScore;
import engram.analysis.recognition.RecognitionSummary;
import engram.analysis.recognition.RecognitionTest;
import engram.analysis.recognition.RocPoint;
import engram.analysis.stats.TestResult;
import engram.core.csv.CsvWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the analysis of study and test phases into {@code recognition/} (docs/analysis.md, "Study and test phases"):
 * phases.csv, participants.csv, images.csv, summary.csv, roc.csv, tests.csv, vms.csv and vms_maps.csv. The column lists are contracts:
 * new columns are appended at the end.
 */
public final class RecognitionWriter {
    public static final List<String> PHASE_COLUMNS = List.of("phase", "session", "task", "participants", "trials",
        "answered", "confidence_levels", "median_delay_s", "min_delay_s", "max_delay_s", "median_since_session1_s");
    public static final List<String> PARTICIPANT_COLUMNS = List.of("participant_id", "phase", "session", "task",
        "group_by", "group", "delay_s", "targets", "lures", "foils", "unanswered", "hit_rate", "lure_false_alarm_rate",
        "false_alarm_rate", "dprime", "criterion", "auc", "p_similar_target", "p_similar_lure", "p_similar_foil", "ldi",
        "rec", "choices", "correct", "proportion_correct", "ci95_low", "ci95_high");
    public static final List<String> IMAGE_COLUMNS = List.of("phase", "task", "image_id", "condition", "lure_type",
        "kind", "answers", "old", "similar", "p_old", "p_similar", "correct", "proportion_correct", "ci95_low",
        "ci95_high");
    public static final List<String> SUMMARY_COLUMNS = List.of("phase", "session", "task", "group_by", "group",
        "measure", "participants", "mean", "sd", "ci95_low", "ci95_high");
    public static final List<String> ROC_COLUMNS = List.of("phase", "group_by", "group", "rating", "false_alarm_rate",
        "hit_rate");
    public static final List<String> TEST_COLUMNS = List.of("phase", "measure", "test", "groups", "statistic", "df",
        "p_value", "effect_size", "effect_size_kind", "n", "bf10");
    public static final List<String> VMS_COLUMNS = List.of("phase", "task", "image_id", "kind", "answers", "boxed",
        "intensity");
    public static final List<String> VMS_MAP_COLUMNS = List.of("phase", "image_id", "kind", "row", "col", "value");

    private RecognitionWriter() {
    }

    /** Writes the files into {@code dir/recognition}; writes nothing when the result is empty. */
    public static void write(RecognitionResult r, Path dir) throws IOException {
        if (r.isEmpty()) {
            return;
        }
        Path out = Files.createDirectories(dir.resolve("recognition"));
        try (BufferedWriter w = open(out.resolve("phases.csv"))) {
            line(w, PHASE_COLUMNS);
            for (PhaseInfo p : r.phases()) {
                line(w, List.of(i(p.phase()), i(p.session()), p.task(), i(p.participants()), l(p.trials()),
                    l(p.answered()), p.confidenceLevels() == 0 ? "" : i(p.confidenceLevels()), n(p.medianDelay()),
                    n(p.minDelay()), n(p.maxDelay()), n(p.medianSinceFirst())));
            }
        }
        try (BufferedWriter w = open(out.resolve("participants.csv"))) {
            line(w, PARTICIPANT_COLUMNS);
            for (RecognitionScore s : r.participants()) {
                boolean choice = s.task().equals("2afc");
                line(w, List.of(s.participantId(), i(s.phase()), i(s.session()), s.task(), s.groupBy(), s.group(),
                    n(s.delaySeconds()), choice ? "" : l(s.targets()), choice ? "" : l(s.lures()),
                    choice ? "" : l(s.foils()), l(s.unanswered()), n(s.hitRate()), n(s.lureFalseAlarmRate()),
                    n(s.falseAlarmRate()), n(s.dprime()), n(s.criterion()), n(s.auc()), n(s.similarTarget()),
                    n(s.similarLure()), n(s.similarFoil()), n(s.ldi()), n(s.rec()), choice ? l(s.choices()) : "",
                    choice ? l(s.correct()) : "", n(s.proportionCorrect()), n(s.ciLow()), n(s.ciHigh())));
            }
        }
        try (BufferedWriter w = open(out.resolve("images.csv"))) {
            line(w, IMAGE_COLUMNS);
            for (RecognitionImage m : r.images()) {
                boolean choice = m.task().equals("2afc");
                line(w, List.of(i(m.phase()), m.task(), m.imageId(), m.condition(), m.lureType(), m.kind(),
                    l(m.answers()), choice ? "" : l(m.old()), m.task().equals("old-similar-new") ? l(m.similar()) : "",
                    n(m.pOld()), n(m.pSimilar()), choice ? l(m.correct()) : "", n(m.proportionCorrect()), n(m.ciLow()),
                    n(m.ciHigh())));
            }
        }
        try (BufferedWriter w = open(out.resolve("summary.csv"))) {
            line(w, SUMMARY_COLUMNS);
            for (RecognitionSummary s : r.summary()) {
                line(w, List.of(i(s.phase()), i(s.session()), s.task(), s.groupBy(), s.group(), s.measure(),
                    i(s.participants()), n(s.mean()), n(s.sd()), n(s.ciLow()), n(s.ciHigh())));
            }
        }
        try (BufferedWriter w = open(out.resolve("roc.csv"))) {
            line(w, ROC_COLUMNS);
            for (RocPoint p : r.roc()) {
                line(w, List.of(i(p.phase()), p.groupBy(), p.group(), i(p.rating()), n(p.falseAlarmRate()), n(p.hitRate())));
            }
        }
        try (BufferedWriter w = open(out.resolve("tests.csv"))) {
            line(w, TEST_COLUMNS);
            for (RecognitionTest t : r.tests()) {
                TestRow row = t.row();
                TestResult res = row.result();
                line(w, List.of(t.phases(), row.measure(), res.test(), row.groups(), Fmt.num(res.statistic()),
                    Fmt.num(res.df()), Fmt.num(res.pValue()), Fmt.num(res.effectSize()),
                    res.effectSizeKind() == null ? "" : res.effectSizeKind(), i(res.n()), Fmt.num(res.bf10())));
            }
        }
        writeVms(r, out);
    }

    private static void writeVms(RecognitionResult r, Path out) throws IOException {
        try (BufferedWriter w = open(out.resolve("vms.csv"))) {
            line(w, VMS_COLUMNS);
            for (RecognitionVms v : r.vms()) {
                line(w, List.of(i(v.phase()), v.task(), v.imageId(), v.kind(), l(v.answers()), l(v.boxed()), n(v.intensity())));
            }
        }
        try (BufferedWriter w = open(out.resolve("vms_maps.csv"))) {
            line(w, VMS_MAP_COLUMNS);
            for (RecognitionVms v : r.vms()) {
                int grid = (int) Math.round(Math.sqrt(v.map().length));
                for (int c = 0; c < v.map().length; c++) {
                    if (v.map()[c] != 0) {
                        line(w, List.of(i(v.phase()), v.imageId(), v.kind(), i(c / grid), i(c % grid),
                            Fmt.fixed6(v.map()[c])));
                    }
                }
            }
        }
    }

    private static String i(int v) {
        return Integer.toString(v);
    }

    private static String l(long v) {
        return Long.toString(v);
    }

    private static String n(double v) {
        return Fmt.num(v);
    }

    private static BufferedWriter open(Path p) throws IOException {
        return Files.newBufferedWriter(p, StandardCharsets.UTF_8);
    }

    private static void line(Writer w, List<String> fields) throws IOException {
        for (int k = 0; k < fields.size(); k++) {
            if (k > 0) {
                w.write(',');
            }
            w.write(CsvWriter.neutraliseAndQuote(fields.get(k)));
        }
        w.write('\n');
    }
}
