package engram.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The one progress display of every engram command: a bar with count, rate and ETA on stderr, redrawn at most every
 * 200 ms, one line per stage. Quiet (draws nothing) when stderr is not a terminal, so logs and pipes stay clean.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 200_000_000L;
    private static final int WIDTH = 30;

    private final PrintStream err;
    private final boolean enabled;
    private String stage;
    private long stageStart;
    private long lastDraw;
    private boolean open;

    /**
     * @param err where to draw
     * @param enabled whether to draw at all
     */
    public Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** @return a display on System.err, drawing only when the process runs in a terminal */
    public static Progress onTerminal() {
        return new Progress(System.err, System.console() != null);
    }

    /** {@code done} of {@code total} units of {@code stageName} are complete. */
    public synchronized void update(String stageName, long done, long total) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!stageName.equals(stage)) {
            if (open) {
                err.println();
            }
            stage = stageName;
            stageStart = now;
            lastDraw = 0;
        }
        boolean finished = done >= total;
        if (!finished && lastDraw != 0 && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        err.print(line(stageName, done, total, (now - stageStart) / 1e9));
        open = !finished;
        if (finished) {
            err.println();
        }
        err.flush();
    }

    /** Ends an unfinished line (call before printing a summary). */
    public synchronized void close() {
        if (open) {
            err.println();
            open = false;
        }
    }

    /** The text of one redraw, for {@code seconds} elapsed in the stage. */
    static String line(String stage, long done, long total, double seconds) {
        boolean finished = done >= total;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = finished ? "done" : rate > 0 ? "ETA " + clock((total - done) / rate) : "ETA --:--";
        int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
        return String.format(Locale.ROOT, "\r%-8s [%s%s] %d/%d  %.1f/s  %s   ", stage, "#".repeat(filled),
            ".".repeat(WIDTH - filled), done, total, rate, eta);
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
            : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
