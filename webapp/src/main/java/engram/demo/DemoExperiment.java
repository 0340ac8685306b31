package engram.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import engram.core.design.DesignParameters;
import engram.core.design.Stimulus;
import engram.experiment.control.Experiments;
import engram.experiment.entity.Experiment;
import engram.stimuli.control.StimulusCatalog;
import engram.stimuli.control.StimulusImporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The demo experiment (slug {@code demo}): the demo stimulus set from stimuli/demo, two sequences of 30 images,
 * 8 target repeats and 2 vigilance repeats each, 1.5 s per image. Short enough to finish by hand in about three minutes.
 */
@ApplicationScoped
public class DemoExperiment {

    public static final String SLUG = "demo";
    private static final Logger LOG = Logger.getLogger(DemoExperiment.class.getName());
    private static final int PRACTICE_IMAGES = 2;

    @Inject
    Experiments experiments;
    @Inject
    StimulusImporter importer;
    @Inject
    StimulusCatalog catalog;

    static DesignParameters design() {
        return DesignParameters.withDefaults()
                .withSequences(2).withLength(30).withRepeats(8).withLag(4, 12)
                .withVigilanceRepeats(2).withVigilanceLag(1, 4)
                .withSeed(20221);
    }

    public void ensureExists() {
        if (experiments.exists(SLUG)) {
            return;
        }
        String folder = ConfigProvider.getConfig().getOptionalValue("engram.demo.stimuli", String.class).orElse(null);
        StimulusImporter.Source source = folder == null ? StimulusImporter.Source.classpath("demo-stimuli") : StimulusImporter.Source.folder(Path.of(folder));
        long setId;
        try {
            setId = importer.importSet("demo", source);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo stimulus set could not be read from " + source.describe(), e);
        }
        List<Stimulus> all = catalog.stimuli(setId).stream()
                .map(s -> new Stimulus(s.imageId(), s.pairId(), s.condition(), s.category())).toList();
        List<String> practice = all.stream().filter(s -> s.pairId() == null).map(Stimulus::imageId)
                .sorted().skip(Math.max(0, all.stream().filter(s -> s.pairId() == null).count() - PRACTICE_IMAGES)).toList();
        Set<String> practiceIds = Set.copyOf(practice);
        List<Stimulus> streamStimuli = all.stream().filter(s -> !practiceIds.contains(s.imageId())).toList();
        experiments.create(SLUG, "engram demo: memory game with VMS boxes", setId, streamStimuli, design(), experiment -> {
            configure(experiment);
            experiment.setPracticeImageIds(List.of(practice.get(0), practice.get(1), practice.get(0)));
        });
        LOG.info("Created the demo experiment '" + SLUG + "'");
    }

    private static void configure(Experiment experiment) {
        var config = ConfigProvider.getConfig();
        experiment.setStatus(Experiment.Status.LIVE);
        experiment.setTiming(config.getOptionalValue("engram.demo.display-ms", Integer.class).orElse(1500),
                config.getOptionalValue("engram.demo.isi-ms", Integer.class).orElse(500));
        experiment.setBoxLimits(1, 3);
        experiment.setTexts(CONSENT, INSTRUCTIONS, DEBRIEF);
    }

    private static final String CONSENT = """
            <h2>Taking part in the engram demo</h2>
            <p>This is a demonstration of engram, an open-source system for online memory experiments.
            You will watch a stream of images and press a key when you see an image for the second time.
            It takes about three minutes.</p>
            <p>We record your answers, your response times and the boxes you draw. Nothing that identifies you is stored
            apart from the Prolific ID in the link. You can stop at any time by closing the page.</p>
            <p>Do you agree to take part?</p>
            """;

    private static final String INSTRUCTIONS = """
            <h2>How it works</h2>
            <ol>
              <li>Images appear one after another, each for a moment.</li>
              <li>Press <kbd>SPACE</kbd> (or tap <b>Repeat!</b>) as soon as you see an image that you have already seen in this stream.</li>
              <li>After each such answer, draw at least one box around what made you remember the image, then press <b>Done</b>.</li>
            </ol>
            <p>First a short practice with feedback.</p>
            """;

    private static final String DEBRIEF = """
            <h2>About this study</h2>
            <p>The images you saw were made by engram's demo models. Studies like this measure how memorable images are
            and which parts of an image people remember (visual memory schemas).</p>
            """;
}
