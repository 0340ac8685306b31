package engram.run.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.Database;
import engram.stimuli.entity.ImageBlob;
import engram.stimuli.entity.StimulusSet;

/**
 * A two-session study with every task, stored straight into a real database: session 1 is a study phase with an
 * encoding question, a 60 s break and an old-new test with a 6-point scale and the box step; session 2 (1 to 2 hours
 * later) is a 2AFC test and an old/similar/new test with a 3-point scale. Two lists swap which member of each pair is
 * studied. The lists are written out here (test inputs), position by position.
 */
final class PhaseFixture {

    static final String PLAN = """
            [{"phase":1,"task":"study","session":1,"displayMs":2000,"encodingQuestion":{"text":"Indoor or outdoor?","answers":["indoor","outdoor"]}},
             {"phase":2,"task":"break","session":1,"minDurationS":60},
             {"phase":3,"task":"old-new","session":1,"confidenceLevels":6,"boxes":true},
             {"phase":4,"task":"2afc","session":2,"delayMinS":3600,"delayMaxS":7200},
             {"phase":5,"task":"old-similar-new","session":2,"confidenceLevels":3}]""";

    /** One position of a list: phase, image, kind, presentation, lag, 2AFC alternative and side, lure type. */
    record Item(int phase, String image, String kind, int presentation, Integer lag, String alternative, String side, String lureType) {
    }

    /** List {@code list} (1 or 2): list 1 studies the high members, list 2 the low ones. */
    static List<Item> list(int list) {
        String studied = list == 1 ? "_high" : "_low";
        String other = list == 1 ? "_low" : "_high";
        List<Item> items = new ArrayList<>();
        for (int p = 1; p <= 6; p++) {
            items.add(new Item(1, "p" + p + studied, "study", 1, null, null, null, null));
        }
        items.add(new Item(3, "p1" + studied, "target", 2, 6, null, null, "perceptual"));   // 6
        items.add(new Item(3, "p2" + other, "lure", 1, null, null, null, "semantic"));      // 7
        items.add(new Item(3, "foil1", "foil", 1, null, null, null, null));                  // 8
        items.add(new Item(4, "p3" + studied, "lure", 2, 7, "p3" + other, "left", "perceptual"));  // 9
        items.add(new Item(4, "p4" + studied, "foil", 2, 7, "foil2", "right", null));              // 10
        items.add(new Item(5, "p5" + studied, "target", 2, 7, null, null, "semantic"));     // 11
        items.add(new Item(5, "p6" + other, "lure", 1, null, null, null, "perceptual"));    // 12
        items.add(new Item(5, "foil3", "foil", 1, null, null, null, null));                  // 13
        return items;
    }

    /** The manifest's lure_type of each pair: p2 and p5 semantic, the others perceptual. */
    static String lureType(String pairId) {
        return pairId.equals("p2") || pairId.equals("p5") ? "semantic" : "perceptual";
    }

    static Experiment create(Database database, String slug, Instant now) {
        return database.write(em -> {
            if (em.find(ImageBlob.class, "0".repeat(64)) == null) {
                em.persist(new ImageBlob("0".repeat(64), "image/png", 1, 1, new byte[] {1}));
            }
            StimulusSet set = new StimulusSet(slug, "test", now);
            em.persist(set);
            for (engram.core.design.Stimulus s : StudyFixture.stimuli()) {
                String extra = s.pairId() == null ? null : "{\"lure_type\":\"" + lureType(s.pairId()) + "\"}";
                em.persist(new engram.stimuli.entity.Stimulus(set, s.imageId(), s.imageId() + ".png", s.pairId(), s.condition(),
                        s.category(), null, extra, "0".repeat(64)));
            }
            Experiment experiment = new Experiment(slug, slug, set, now);
            experiment.setDesign("{}", 2, list(1).size());
            experiment.setStatus(Experiment.Status.LIVE);
            experiment.setBoxLimits(1, 3);
            experiment.setPhases(PLAN, 2);
            em.persist(experiment);
            for (int list = 1; list <= 2; list++) {
                List<Item> items = list(list);
                for (int i = 0; i < items.size(); i++) {
                    Item it = items.get(i);
                    em.persist(new SequenceItem(experiment, list, i, it.image(), it.presentation(), it.kind(), it.lag(), it.phase(),
                            it.alternative(), it.side(), it.lureType()));
                }
            }
            return experiment;
        });
    }

    private PhaseFixture() {
    }
}
