package engram.workspace.control;

import java.util.Locale;
import java.util.Map;

import engram.core.format.Kind;
import engram.core.format.Position;
import engram.core.format.Sequence;

/**
 * Draws one sequence as an inline SVG timeline: a tick per position coloured by kind (target, vigilance, filler) and
 * an arc from each first showing to its repeat, as tall as the lag is long, with the lag in its tooltip. Ticks carry
 * their image's thumbnail URL ({@code data-thumb}), which the page's timeline.js shows on hover.
 */
public final class TimelineSvg {

    static final String TARGET = "#2f5fd0";
    static final String VIGILANCE = "#d07a1e";
    static final String FILLER = "#b8bfcc";
    private static final int WIDTH = 1000;
    private static final int BASE = 86;
    private static final int HEIGHT = 104;

    private TimelineSvg() {
    }

    public static String of(Sequence sequence) {
        return of(sequence, Map.of());
    }

    /** @param thumbnails thumbnail URL by image id; ticks of other images get none */
    public static String of(Sequence sequence, Map<String, String> thumbnails) {
        int n = Math.max(1, sequence.length());
        double step = (WIDTH - 20) / (double) n;
        StringBuilder svg = new StringBuilder(32 * n + 400);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Timeline of sequence ").append(sequence.sequenceId()).append("\" data-sequence=\"")
                .append(sequence.sequenceId()).append("\">");
        svg.append("<line x1=\"10\" y1=\"").append(BASE).append("\" x2=\"").append(WIDTH - 10).append("\" y2=\"").append(BASE)
                .append("\" stroke=\"#d9dde5\"/>");
        int maxLag = 1;
        for (Position p : sequence.positions()) {
            if (p.lag() != null) {
                maxLag = Math.max(maxLag, p.lag());
            }
        }
        for (Position p : sequence.positions()) {
            if (p.presentation() == 2) {
                double x1 = x(p.firstIndex(), step);
                double x2 = x(p.trialIndex(), step);
                double rise = 8 + 66.0 * p.lag() / maxLag;
                svg.append("<path class=\"arc ").append(p.kind().csvName()).append("\" d=\"M").append(f(x1)).append(' ').append(BASE)
                        .append(" C").append(f(x1)).append(' ').append(f(BASE - rise)).append(' ').append(f(x2)).append(' ').append(f(BASE - rise))
                        .append(' ').append(f(x2)).append(' ').append(BASE).append("\" fill=\"none\" stroke=\"").append(colour(p.kind()))
                        .append("\" stroke-opacity=\"0.7\" stroke-width=\"1.2\"><title>").append(escape(p.imageId())).append(": lag ")
                        .append(p.lag()).append(" (").append(p.firstIndex()).append(" → ").append(p.trialIndex()).append(")</title></path>");
            }
        }
        for (Position p : sequence.positions()) {
            double x = x(p.trialIndex(), step);
            svg.append("<rect class=\"tick ").append(p.kind().csvName()).append("\" x=\"").append(f(x - Math.max(0.8, step * 0.35)))
                    .append("\" y=\"").append(BASE + (p.presentation() == 2 ? 2 : 0)).append("\" width=\"").append(f(Math.max(1.6, step * 0.7)))
                    .append("\" height=\"").append(p.presentation() == 2 ? 12 : 8).append("\" fill=\"").append(colour(p.kind()));
            String thumbnail = thumbnails.get(p.imageId());
            if (thumbnail != null) {
                svg.append("\" data-thumb=\"").append(escape(thumbnail));
            }
            svg.append("\"><title>").append(p.trialIndex()).append(": ").append(escape(p.imageId())).append(" (")
                    .append(p.kind().csvName()).append(p.presentation() == 2 ? ", repeat" : "").append(")</title></rect>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static double x(int index, double step) {
        return 10 + step * (index + 0.5);
    }

    private static String colour(Kind kind) {
        return switch (kind) {
            case TARGET -> TARGET;
            case VIGILANCE -> VIGILANCE;
            case FILLER, STUDY, LURE, FOIL -> FILLER;
        };
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
