package engram.generator.cli;

import engram.generator.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;

/** A text progress bar with rate and ETA on stderr, redrawn at most every 200 ms. */
final class ProgressBar implements ProgressListener {
    private final PrintStream err;
    private String stage;
    private long stageStart;
    private long lastDraw;

    ProgressBar(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void progress(String name, long done, long total) {
        long now = System.nanoTime();
        if (!name.equals(stage)) {
            stage = name;
            stageStart = now;
            lastDraw = 0;
        }
        boolean finished = done >= total;
        if (!finished && now - lastDraw < 200_000_000L) {
            return;
        }
        lastDraw = now;
        double seconds = (now - stageStart) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String eta = rate > 0 && !finished ? clock((total - done) / rate) : finished ? "done" : "--:--";
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, width * done / total);
        err.printf(Locale.ROOT, "\r%-6s [%s%s] %d/%d  %.1f/s  %s %s   ", name, "#".repeat(filled), ".".repeat(width - filled),
                done, total, rate, finished ? "" : "ETA", eta);
        if (finished) {
            err.println();
        }
        err.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
