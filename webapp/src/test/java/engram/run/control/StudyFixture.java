package engram.run.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import engram.core.design.DesignParameters;
import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.design.SequenceBuilder;
import engram.core.design.Stimulus;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.Database;
import engram.stimuli.entity.ImageBlob;
import engram.stimuli.entity.StimulusSet;

/**
 * Stores a small study (12 pairs, 24 foils, 2 sequences x 30 built by the sequence builder) straight into a real
 * database for control-level tests (runs, results).
 */
public final class StudyFixture {

    public static final DesignParameters DESIGN = DesignParameters.withDefaults()
            .withSequences(2).withLength(30).withRepeats(8).withLag(4, 12).withVigilanceRepeats(2).withVigilanceLag(1, 4).withSeed(7);

    public static List<Stimulus> stimuli() {
        List<Stimulus> stimuli = new ArrayList<>();
        for (int p = 1; p <= 12; p++) {
            stimuli.add(new Stimulus("p" + p + "_high", "p" + p, "high", "scene"));
            stimuli.add(new Stimulus("p" + p + "_low", "p" + p, "low", "scene"));
        }
        for (int f = 1; f <= 24; f++) {
            stimuli.add(new Stimulus("foil" + f, null, "foil", "scene"));
        }
        return stimuli;
    }

    public static List<Sequence> sequences() {
        return SequenceBuilder.of(DESIGN).build(stimuli());
    }

    public static Experiment create(Database database, String slug, Instant now, Consumer<Experiment> settings) {
        List<Sequence> sequences = sequences();
        return database.write(em -> {
            if (em.find(ImageBlob.class, "0".repeat(64)) == null) {
                em.persist(new ImageBlob("0".repeat(64), "image/png", 1, 1, new byte[] {1}));
            }
            StimulusSet set = new StimulusSet(slug, "test", now);
            em.persist(set);
            for (Stimulus s : stimuli()) {
                em.persist(new engram.stimuli.entity.Stimulus(set, s.imageId(), s.imageId() + ".png", s.pairId(), s.condition(),
                        s.category(), null, null, "0".repeat(64)));
            }
            Experiment experiment = new Experiment(slug, slug, set, now);
            experiment.setDesign("{}", sequences.size(), DESIGN.length());
            experiment.setStatus(Experiment.Status.LIVE);
            experiment.setBoxLimits(1, 3);
            settings.accept(experiment);
            em.persist(experiment);
            for (Sequence sequence : sequences) {
                for (Position p : sequence.positions()) {
                    em.persist(new SequenceItem(experiment, sequence.sequenceId(), p.trialIndex(), p.imageId(), p.presentation(),
                            p.kind().csvName(), p.lag()));
                }
            }
            return experiment;
        });
    }

    private StudyFixture() {
    }
}
