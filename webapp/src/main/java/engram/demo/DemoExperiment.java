package engram.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import engram.core.design.DesignParameters;
import engram.core.design.RecognitionParameters;
import engram.core.design.RecognitionStimulus;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Task;
import engram.core.design.Stimulus;
import engram.experiment.control.ExperimentDesign;
import engram.experiment.control.Experiments;
import engram.experiment.entity.Experiment;
import engram.stimuli.control.StimulusCatalog;
import engram.stimuli.control.StimulusImporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The demo experiments, made at first start. {@code demo-recognition}: the same set, a study phase, a 2-minute delay,
 * then a 2AFC test (about five minutes by hand). The demo experiment (slug {@code demo}): the demo stimulus set from stimuli/demo, two sequences of 30 images,
 * 8 target repeats and 2 vigilance repeats each, 1.5 s per image. Short enough to finish by hand in about three minutes.
 */
@ApplicationScoped
public class DemoExperiment {

    public static final String SLUG = "demo";
    public static final String RECOGNITION_SLUG = "demo-recognition";
    /** demo-recognition's second session opens 2 minutes after the first ends and stays open for 2 days. */
    static final int RECOGNITION_DELAY_MIN_S = 120;
    static final int RECOGNITION_DELAY_MAX_S = 2 * 86_400;
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
        long setId;
        if (experiments.exists(SLUG)) {
            setId = experiments.bySlug(SLUG).stimulusSet().id();
        } else {
            setId = createDemo();
        }
        if (!experiments.exists(RECOGNITION_SLUG)) {
            try {
                createRecognitionDemo(setId);
            } catch (IllegalArgumentException e) {
                // a demo set of one's own (engram.demo.stimuli) may be too small for it: the server starts without it
                LOG.warning("The demo experiment '" + RECOGNITION_SLUG + "' was not created: " + e.getMessage());
            }
        }
    }

    private long createDemo() {
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
        return setId;
    }

    /**
     * The second demo ({@code demo-recognition}): a study phase of 8 images, then, 2 minutes to 2 days after it ends, a
     * second session with a 2AFC test of 8 trials (each studied image beside its pair's other member, or beside a new image
     * in 2 of them). Two lists study opposite members of every pair.
     */
    static PhasePlan recognitionPlan(int displayMs) {
        return new PhasePlan(List.of(
                new Phase(1, Task.STUDY, 1, null, null, displayMs, null, null, false, null),
                new Phase(2, Task.TWO_AFC, 2, RECOGNITION_DELAY_MIN_S, RECOGNITION_DELAY_MAX_S, null, null, null, false, null)));
    }

    static RecognitionParameters recognitionDesign() {
        return RecognitionParameters.withDefaults().withLists(2).withStudyPairs(8).withFoilsPerTest(2).withSeed(20141);
    }

    private void createRecognitionDemo(long setId) {
        var config = ConfigProvider.getConfig();
        int displayMs = Math.max(100, config.getOptionalValue("engram.demo.display-ms", Integer.class).orElse(2000));
        List<RecognitionStimulus> stimuli = catalog.stimuli(setId).stream()
                .map(s -> new RecognitionStimulus(s.imageId(), s.pairId(), s.condition(), ExperimentDesign.lureType(s.extraColumns())))
                .toList();
        experiments.createWithPhases(RECOGNITION_SLUG, "engram demo: study, then a 2AFC test 2 minutes later", setId, stimuli,
                recognitionPlan(displayMs), recognitionDesign(), experiment -> {
                    experiment.setStatus(Experiment.Status.LIVE);
                    experiment.setTiming(displayMs, config.getOptionalValue("engram.demo.isi-ms", Integer.class).orElse(500));
                    experiment.setBoxLimits(1, 3);
                    experiment.setTexts(RECOGNITION_CONSENT, RECOGNITION_INSTRUCTIONS, RECOGNITION_DEBRIEF);
                });
        LOG.info("Created the demo experiment '" + RECOGNITION_SLUG + "'");
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

    private static final String RECOGNITION_CONSENT = """
            <h2>Taking part in the engram recognition demo</h2>
            <p>This is a demonstration of engram's study–test designs. It has two parts. In part 1 you look at a few images.
            Part 2 opens two minutes after part 1 ends and stays open for two days: you come back through the same link and,
            for each pair of images, pick the one you saw in part 1. Both parts together take about five minutes, the wait
            included. You get a completion code at the end of each part.</p>
            <p>We record your answers and response times. Nothing that identifies you is stored apart from the Prolific ID in
            the link. You can stop at any time by closing the page.</p>
            <p>Do you agree to take part?</p>
            """;

    private static final String RECOGNITION_INSTRUCTIONS = """
            <h2>How it works</h2>
            <ol>
              <li>Part 1: images appear one after another. Look at each one carefully; there is nothing to press.</li>
              <li>After part 1 you get a code. Part 2 opens two minutes later, through the same link, and closes two days
              after part 1.</li>
              <li>Part 2: two images side by side. Choose the one you saw in part 1 (click it, or press <kbd>F</kbd> for the left and
              <kbd>J</kbd> for the right one). Often the other image looks very much like it.</li>
            </ol>
            """;

    private static final String RECOGNITION_DEBRIEF = """
            <h2>About this study</h2>
            <p>In part 2 one image was always from part 1 and the other was either its pair, made from the same scene, or a
            new image. Studies like this measure how precisely images are remembered after a delay.</p>
            """;
}
