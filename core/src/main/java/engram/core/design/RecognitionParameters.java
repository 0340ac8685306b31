package engram.core.design;

import java.util.List;

/**
 * The rules of a recognition design (study and test lists for a {@link engram.core.phase.PhasePlan}); see
 * docs/sequences.md, "Recognition designs".
 *
 * @param lists           K, the number of lists (default 2); lists 2j-1 and 2j study opposite members of every pair
 * @param studyPairs      pairs studied in each list, over all study phases (one member each; default 16)
 * @param foilsPerTest    new images in each test phase: foil trials in old-new and old-similar-new, new alternatives
 *                        beside a studied image in 2afc (default 8)
 * @param testBothMembers old-new and old-similar-new: whether a tested pair shows both its studied image (target) and
 *                        its lure (default true); false tests half of the pairs by the target and half by the lure
 * @param maxConditionRun the most trials in a row of one phase that show an image of the same condition (default 3)
 * @param pairConditions  the conditions of a pair's two members (default [high, low])
 * @param lureTypes       the lure types a studied pair may have; empty (the default) = any pair, with or without one
 * @param seed            seed of the generator (default 1)
 * @param game            the continuous game of a plan whose first phase is continuous (null, the default, means
 *                        {@link DesignParameters#withDefaults()}); its sequences, targetConditions and seed are not
 *                        used: the game of list k is sequence k of {@link #gameParameters()}, which takes them from
 *                        lists, pairConditions and seed; ignored by plans without a continuous phase
 */
public record RecognitionParameters(int lists, int studyPairs, int foilsPerTest, boolean testBothMembers,
                                    int maxConditionRun, List<String> pairConditions, List<String> lureTypes,
                                    long seed, DesignParameters game) {

    /** A design without game parameters (the plan has no continuous phase, or the game has the defaults). */
    public RecognitionParameters(int lists, int studyPairs, int foilsPerTest, boolean testBothMembers,
                                 int maxConditionRun, List<String> pairConditions, List<String> lureTypes, long seed) {
        this(lists, studyPairs, foilsPerTest, testBothMembers, maxConditionRun, pairConditions, lureTypes, seed, null);
    }

    public RecognitionParameters {
        Arguments.atLeast(lists, 1, "lists");
        Arguments.atLeast(studyPairs, 1, "studyPairs");
        Arguments.atLeast(foilsPerTest, 0, "foilsPerTest");
        Arguments.atLeast(maxConditionRun, 1, "maxConditionRun");
        pairConditions = Arguments.distinct(pairConditions, "pairConditions", "name");
        if (pairConditions.size() != 2) {
            throw new IllegalArgumentException("pairConditions must name exactly 2 conditions, one for each member of "
                    + "a pair, but it is " + pairConditions);
        }
        lureTypes = Arguments.distinct(lureTypes == null ? List.of() : lureTypes, "lureTypes", "name");
    }

    /** 2 lists of 16 studied pairs, 8 foils per test, both members tested, at most 3 in a row, any lure type. */
    public static RecognitionParameters withDefaults() {
        return new RecognitionParameters(2, 16, 8, true, 3, List.of("high", "low"), List.of(), 1L);
    }

    public RecognitionParameters withLists(int value) {
        return new RecognitionParameters(value, studyPairs, foilsPerTest, testBothMembers, maxConditionRun,
                pairConditions, lureTypes, seed, game);
    }

    public RecognitionParameters withStudyPairs(int value) {
        return new RecognitionParameters(lists, value, foilsPerTest, testBothMembers, maxConditionRun,
                pairConditions, lureTypes, seed, game);
    }

    public RecognitionParameters withFoilsPerTest(int value) {
        return new RecognitionParameters(lists, studyPairs, value, testBothMembers, maxConditionRun,
                pairConditions, lureTypes, seed, game);
    }

    public RecognitionParameters withTestBothMembers(boolean value) {
        return new RecognitionParameters(lists, studyPairs, foilsPerTest, value, maxConditionRun,
                pairConditions, lureTypes, seed, game);
    }

    public RecognitionParameters withMaxConditionRun(int value) {
        return new RecognitionParameters(lists, studyPairs, foilsPerTest, testBothMembers, value,
                pairConditions, lureTypes, seed, game);
    }

    public RecognitionParameters withPairConditions(List<String> value) {
        return new RecognitionParameters(lists, studyPairs, foilsPerTest, testBothMembers, maxConditionRun,
                value, lureTypes, seed, game);
    }

    public RecognitionParameters withLureTypes(List<String> value) {
        return new RecognitionParameters(lists, studyPairs, foilsPerTest, testBothMembers, maxConditionRun,
                pairConditions, value, seed, game);
    }

    public RecognitionParameters withSeed(long value) {
        return new RecognitionParameters(lists, studyPairs, foilsPerTest, testBothMembers, maxConditionRun,
                pairConditions, lureTypes, value, game);
    }

    public RecognitionParameters withGame(DesignParameters value) {
        return new RecognitionParameters(lists, studyPairs, foilsPerTest, testBothMembers, maxConditionRun,
                pairConditions, lureTypes, seed, value);
    }

    /** The game's parameters as the builder uses them: {@code game} (or the defaults) with K sequences, the pair
     * conditions as target conditions, and this design's seed. */
    public DesignParameters gameParameters() {
        DesignParameters base = game == null ? DesignParameters.withDefaults() : game;
        return base.withSequences(lists).withTargetConditions(pairConditions).withSeed(seed);
    }
}
