package engram.workspace.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import engram.core.design.DesignParameters;
import engram.core.format.Kind;
import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.design.Stimulus;

class TimelineSvgTest {

    private static final Sequence SEQUENCE = new Sequence(1, List.of(
            Position.first(0, "a<b", Kind.TARGET), Position.first(1, "f1", Kind.FILLER), Position.first(2, "v", Kind.VIGILANCE),
            Position.repeat(3, "v", Kind.VIGILANCE, 1), Position.repeat(4, "a<b", Kind.TARGET, 4)));

    @Test
    void drawsATickPerPositionAndAnArcPerRepeatWithEscapedIds() {
        String svg = TimelineSvg.of(SEQUENCE);
        assertEquals(5, count(svg, "<rect class=\"tick"));
        assertEquals(2, count(svg, "<path class=\"arc"));
        assertTrue(svg.contains("a&lt;b: lag 4 (0 → 4)"), svg);
        assertTrue(svg.contains(TimelineSvg.VIGILANCE) && svg.contains(TimelineSvg.FILLER) && svg.contains(TimelineSvg.TARGET));
    }

    @Test
    void ticksCarryTheirImagesThumbnailForTheHover() {
        String svg = TimelineSvg.of(SEQUENCE, java.util.Map.of("a<b", "/ctx/img/thumb/aa.jpg?x=1&y=2", "f1", "/ctx/img/thumb/ff.jpg"));
        assertEquals(2, count(svg, "data-thumb=\"/ctx/img/thumb/aa.jpg?x=1&amp;y=2\""), "both showings of a<b, the URL escaped");
        assertEquals(1, count(svg, "data-thumb=\"/ctx/img/thumb/ff.jpg\""));
        assertEquals(3, count(svg, "data-thumb="), "no thumbnail for an image without one");
        assertEquals(0, count(TimelineSvg.of(SEQUENCE), "data-thumb="));
    }

    @Test
    void theReportCountsBrokenRulesPerSequence() {
        DesignParameters design = DesignParameters.withDefaults().withSequences(1).withLength(5).withRepeats(1).withLag(2, 4)
                .withVigilanceRepeats(1).withVigilanceLag(1, 1);
        List<Stimulus> stimuli = List.of(new Stimulus("a<b", "p", "high", "c"), new Stimulus("a2", "p", "low", "c"),
                new Stimulus("f1", null, "foil", "c"), new Stimulus("v", null, "foil", "c"));
        DesignReport ok = DesignReport.of(design, stimuli, List.of(SEQUENCE));
        assertTrue(ok.valid(), ok.messages().toString());
        DesignReport tooShortLag = DesignReport.of(design.withLag(5, 4), stimuli, List.of(SEQUENCE));
        assertEquals(1, tooShortLag.rows().get(0).count("lag"), tooShortLag.messages().toString());
        assertEquals(4, tooShortLag.rows().get(0).minLag());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
