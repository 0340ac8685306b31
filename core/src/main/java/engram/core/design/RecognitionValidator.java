package engram.core.design;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import engram.core.format.Kind;
import engram.core.format.PhaseList;
import engram.core.format.PhaseTrial;
import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.phase.Phase;
import engram.core.phase.PhasePlan;
import engram.core.phase.Side;
import engram.core.phase.Task;

/**
 * Checks study/test lists against every rule of a recognition design; the builder runs it on its own output, and it
 * can re-check lists read back from sequences.csv or storage. Rule names: trial_index, phase, image, kind,
 * presentation, lag, study, target, lure, foil, retest, lure_after_target, condition_run, sides, lure_type, count
 * (one list); lists, list_id, member_balance (across lists). A trial's lure type and condition are compared with the
 * stimulus set when the trial carries them (sequences.csv stores neither). When the plan starts with the continuous
 * game, its phase is checked with {@link SequenceValidator}'s rules (and across lists its pair_balance and
 * filler_reuse), a test target must be one of the game's targets, and a lure or new image must never have been shown
 * before (a new image's partner neither).
 */
public final class RecognitionValidator {

    private final PhasePlan plan;
    private final RecognitionParameters parameters;
    private final RecognitionLayout layout;
    private final RecognitionPool pool;
    /** The continuous game's rules when the plan starts with one, else null. */
    private final SequenceValidator game;

    /** @throws DesignInfeasibleException when the plan cannot have a recognition design at all */
    public RecognitionValidator(PhasePlan plan, RecognitionParameters parameters, List<RecognitionStimulus> stimuli) {
        this(plan, parameters, new RecognitionLayout(plan, parameters), new RecognitionPool(stimuli, parameters));
        if (!layout.reasons.isEmpty()) {
            throw new DesignInfeasibleException(layout.reasons);
        }
    }

    RecognitionValidator(PhasePlan plan, RecognitionParameters parameters, RecognitionLayout layout,
                         RecognitionPool pool) {
        this.plan = plan;
        this.parameters = parameters;
        this.layout = layout;
        this.pool = pool;
        this.game = layout.hasGame() ? new SequenceValidator(parameters.gameParameters(),
                pool.byImageId.values().stream()
                        .map(s -> new Stimulus(s.imageId(), s.pairId(), s.condition(), null)).toList()) : null;
    }

    /** Every rule broken by one list, in trial order; empty when it is valid. */
    public List<Violation> validate(PhaseList list) {
        return new ListCheck(list).violations();
    }

    /** One list's check: the rules of each trial in turn, then those of its phases. */
    private final class ListCheck {
        private final PhaseList list;
        private final String in;
        private final List<Violation> found = new ArrayList<>();
        private final Map<String, Integer> lastShown = new HashMap<>();
        private final Set<String> studied = new HashSet<>();
        private final Set<String> tested = new HashSet<>();
        private final Set<String> shownSoFar = new HashSet<>();
        private final List<Position> gamePositions = new ArrayList<>();
        private final Map<Integer, Integer> perPhase = new TreeMap<>();
        private final Map<Integer, int[]> sides = new TreeMap<>();
        private int previousPhase;
        /** The phase's previous trial (for the lure and condition-run rules), null at a phase's start. */
        private PhaseTrial previous;
        /** The length of the run of one condition that ends at the latest trial. */
        private int run;

        ListCheck(PhaseList list) {
            this.list = list;
            this.in = "list " + list.listId() + ": ";
        }

        List<Violation> violations() {
            List<PhaseTrial> trials = list.trials();
            for (int index = 0; index < trials.size(); index++) {
                trial(index, trials.get(index));
            }
            sideBalance();
            gameRules();
            trialCounts();
            return found;
        }

        private void trial(int index, PhaseTrial trial) {
            String at = in + "trial " + index + ": ";
            if (trial.trialIndex() != index) {
                found.add(new Violation("trial_index", index, at + "has trial index " + trial.trialIndex()
                        + "; trial indices run 0, 1, 2, ... over the whole run"));
            }
            if (trial.phase() > plan.phases().size() || !plan.phase(trial.phase()).task().storesTrials()
                    || (plan.phase(trial.phase()).task() == Task.CONTINUOUS && game == null)) {
                found.add(new Violation("phase", index, at + "phase " + trial.phase() + " is not a study or test "
                        + "phase of the plan"));
                return;
            }
            enterPhase(trial, index, at);
            Phase phase = plan.phase(trial.phase());
            RecognitionStimulus shown = pool.byImageId.get(trial.imageId());
            RecognitionStimulus alternative = trial.alternativeImageId() == null ? null
                    : pool.byImageId.get(trial.alternativeImageId());
            if (shown == null || (trial.alternativeImageId() != null && alternative == null)) {
                found.add(new Violation("image", index, at + "image '" + (shown == null ? trial.imageId()
                        : trial.alternativeImageId()) + "' is not in the stimulus set"));
                return;
            }
            if (!kindFits(phase.task(), trial)) {
                found.add(new Violation("kind", index, at + "kind " + trial.kind().csvName()
                        + (trial.isTwoAlternative() ? " with" : " without") + " an alternative image does not belong "
                        + "in a " + phase.task().code() + " phase"));
                return;
            }
            boolean shownBefore = lastShown.containsKey(trial.imageId());
            checkShowing(trial, lastShown, index, at, found);
            checkManifestFields(trial, shown, index, at, found);
            if (phase.task() == Task.CONTINUOUS) {
                gamePositions.add(trial.presentation() == 1 ? Position.first(index, trial.imageId(), trial.kind())
                        : Position.repeat(index, trial.imageId(), trial.kind(), trial.lag()));
                if (trial.kind() == Kind.TARGET) {
                    studied.add(trial.imageId());
                }
                shownSoFar.add(trial.imageId());
                return;
            }
            checkRole(trial, shown, alternative, studied, tested, index, at, found);
            if (game != null) {
                checkNewAfterGame(trial, shownBefore, shownSoFar, index, at, found);
            }
            shownSoFar.add(trial.imageId());
            if (trial.alternativeImageId() != null) {
                shownSoFar.add(trial.alternativeImageId());
            }
            checkOrder(trial, shown, index, at);
            if (trial.targetSide() != null) {
                sides.computeIfAbsent(trial.phase(), p -> new int[2])[trial.targetSide().ordinal()]++;
            }
            previous = trial;
        }

        /** Phases run in plan order; a new phase starts the order rules afresh. */
        private void enterPhase(PhaseTrial trial, int index, String at) {
            if (trial.phase() < previousPhase) {
                found.add(new Violation("phase", index, at + "phase " + trial.phase() + " comes after phase "
                        + previousPhase + "; phases run in plan order"));
            }
            if (trial.phase() != previousPhase) {
                previous = null;
                run = 0;
            }
            previousPhase = trial.phase();
            perPhase.merge(trial.phase(), 1, Integer::sum);
        }

        /** No lure right after its target; at most maxConditionRun trials in a row of one condition. */
        private void checkOrder(PhaseTrial trial, RecognitionStimulus shown, int index, String at) {
            if (previous != null && trial.kind() == Kind.LURE && !trial.isTwoAlternative()
                    && previous.kind() == Kind.TARGET && shown.pairId() != null
                    && shown.pairId().equals(pool.byImageId.get(previous.imageId()).pairId())) {
                found.add(new Violation("lure_after_target", index, at + "lure '" + trial.imageId() + "' comes right "
                        + "after its target '" + previous.imageId() + "'"));
            }
            run = previous != null && Objects.equals(shown.condition(),
                    pool.byImageId.get(previous.imageId()).condition()) ? run + 1 : 1;
            if (run == parameters.maxConditionRun() + 1) {
                found.add(new Violation("condition_run", index, at + "more than " + parameters.maxConditionRun()
                        + " trials in a row show '" + shown.condition() + "' images"));
            }
        }

        /** A 2AFC phase shows the studied image on the left and on the right equally often, within one. */
        private void sideBalance() {
            sides.forEach((phase, count) -> {
                if (Math.abs(count[0] - count[1]) > 1) {
                    found.add(new Violation("sides", -1, in + plan.phase(phase).label() + " shows the studied image "
                            + count[Side.LEFT.ordinal()] + " times on the left and " + count[Side.RIGHT.ordinal()]
                            + " times on the right; they may differ by at most 1"));
                }
            });
        }

        /** The continuous game's own rules, on its positions. */
        private void gameRules() {
            if (game == null || gamePositions.isEmpty()) {
                return;
            }
            String label = plan.phase(layout.gamePhase).label();
            for (Violation violation : game.validate(new Sequence(list.listId(), gamePositions))) {
                found.add(new Violation(violation.constraint(), violation.trialIndex(), in + label + ", the game: "
                        + violation.message()));
            }
        }

        /** Every study, test and game phase has the number of trials the design gives it. */
        private void trialCounts() {
            for (Phase phase : plan.phases()) {
                if (phase.task() == Task.STUDY || phase.task().isTest()
                        || (phase.task() == Task.CONTINUOUS && game != null)) {
                    int expected = layout.expectedTrials(phase.phase());
                    int actual = perPhase.getOrDefault(phase.phase(), 0);
                    if (actual != expected) {
                        found.add(new Violation("count", -1, in + phase.label() + " has " + actual + " trials, the "
                                + "design gives it " + expected));
                    }
                }
            }
        }
    }

    private static boolean kindFits(Task task, PhaseTrial trial) {
        return switch (task) {
            case STUDY -> trial.kind() == Kind.STUDY && !trial.isTwoAlternative();
            case OLD_NEW, OLD_SIMILAR_NEW -> (trial.kind() == Kind.TARGET || trial.kind() == Kind.LURE
                    || trial.kind() == Kind.FOIL) && !trial.isTwoAlternative();
            case TWO_AFC -> (trial.kind() == Kind.LURE || trial.kind() == Kind.FOIL) && trial.isTwoAlternative();
            case CONTINUOUS -> trial.kind().isContinuous() && !trial.isTwoAlternative();
            default -> false;
        };
    }

    /** presentation 2 exactly when the image was shown before in the run, with the lag to its latest showing. */
    private static void checkShowing(PhaseTrial trial, Map<String, Integer> lastShown, int index, String at,
                                     List<Violation> found) {
        Integer earlier = lastShown.get(trial.imageId());
        if (earlier == null && trial.presentation() != 1) {
            found.add(new Violation("presentation", index, at + "'" + trial.imageId() + "' has presentation 2 but was "
                    + "not shown before"));
        } else if (earlier != null && trial.presentation() != 2) {
            found.add(new Violation("presentation", index, at + "'" + trial.imageId() + "' has presentation 1 but was "
                    + "shown at trial " + earlier));
        } else if (earlier != null && trial.lag() != index - earlier) {
            found.add(new Violation("lag", index, at + "'" + trial.imageId() + "' has lag " + trial.lag()
                    + " but was last shown at trial " + earlier + " (lag " + (index - earlier) + ")"));
        }
        if (trial.alternativeImageId() != null && lastShown.containsKey(trial.alternativeImageId())) {
            found.add(new Violation("presentation", index, at + "the alternative '" + trial.alternativeImageId()
                    + "' was shown before at trial " + lastShown.get(trial.alternativeImageId()) + "; it must be new"));
        }
        lastShown.put(trial.imageId(), index);
        if (trial.alternativeImageId() != null) {
            lastShown.put(trial.alternativeImageId(), index);
        }
    }

    /** Study images are pair members shown once; targets were studied; lures are their partners; foils unrelated. */
    private void checkRole(PhaseTrial trial, RecognitionStimulus shown, RecognitionStimulus alternative,
                           Set<String> studied, Set<String> tested, int index, String at, List<Violation> found) {
        String image = trial.imageId();
        if (trial.kind() == Kind.STUDY) {
            if (pool.partner(image) == null) {
                found.add(new Violation("study", index, at + "'" + image + "' is studied but is not a member of a pair "
                        + "in " + parameters.pairConditions()));
            } else if (studied.contains(pool.partner(image).imageId())) {
                found.add(new Violation("study", index, at + "'" + image + "' is studied after its partner '"
                        + pool.partner(image).imageId() + "'; a list studies one member of a pair"));
            }
            studied.add(image);
            return;
        }
        boolean twoAlternative = trial.isTwoAlternative();
        boolean showsStudied = trial.kind() == Kind.TARGET || twoAlternative;
        if (showsStudied && !studied.contains(image)) {
            found.add(new Violation("target", index, at + "'" + image + "' is tested as studied but was not studied "
                    + "earlier in the run"));
        }
        if (showsStudied && !tested.add(image)) {
            found.add(new Violation("retest", index, at + "studied image '" + image + "' is tested a second time"));
        }
        RecognitionStimulus lure = twoAlternative ? (trial.kind() == Kind.LURE ? alternative : null)
                : (trial.kind() == Kind.LURE ? shown : null);
        if (lure != null) {
            RecognitionStimulus partner = pool.partner(lure.imageId());
            if (partner == null || !studied.contains(partner.imageId()) || studied.contains(lure.imageId())) {
                found.add(new Violation("lure", index, at + "'" + lure.imageId() + "' is shown as a lure but is not "
                        + "the unstudied partner of an image studied earlier"));
            } else if (twoAlternative && !partner.imageId().equals(image)) {
                found.add(new Violation("lure", index, at + "'" + lure.imageId() + "' stands beside '" + image
                        + "' but is the lure of '" + partner.imageId() + "'"));
            }
        }
        RecognitionStimulus foil = trial.kind() == Kind.FOIL ? (twoAlternative ? alternative : shown) : null;
        if (foil != null) {
            RecognitionStimulus partner = pool.partner(foil.imageId());
            if (studied.contains(foil.imageId()) || (partner != null && studied.contains(partner.imageId()))) {
                found.add(new Violation("foil", index, at + "'" + foil.imageId() + "' is shown as new but it or its "
                        + "pair was studied"));
            }
        }
    }

    /**
     * After the game: a lure or a new image was never shown before (not even as a game filler), and a new image's pair
     * partner was not shown either.
     */
    private void checkNewAfterGame(PhaseTrial trial, boolean shownBefore, Set<String> shownSoFar, int index, String at,
                                   List<Violation> found) {
        if (trial.isTwoAlternative() || (trial.kind() != Kind.LURE && trial.kind() != Kind.FOIL)) {
            return;
        }
        String image = trial.imageId();
        if (shownBefore) {
            found.add(new Violation(trial.kind().csvName(), index, at + trial.kind().csvName() + " '" + image
                    + "' was shown before in the run; it must be new"));
        }
        RecognitionStimulus partner = pool.partner(image);
        if (trial.kind() == Kind.FOIL && partner != null && shownSoFar.contains(partner.imageId())) {
            found.add(new Violation("foil", index, at + "new image '" + image + "' is the partner of '"
                    + partner.imageId() + "', which was shown before"));
        }
    }

    private void checkManifestFields(PhaseTrial trial, RecognitionStimulus shown, int index, String at,
                                     List<Violation> found) {
        if (trial.condition() != null && !trial.condition().equals(shown.condition())) {
            found.add(new Violation("image", index, at + "'" + trial.imageId() + "' has condition '"
                    + trial.condition() + "' but the set says '" + shown.condition() + "'"));
        }
        boolean paired = trial.kind() == Kind.TARGET || trial.kind() == Kind.LURE;
        String expected = paired && pool.pairOfImage.containsKey(trial.imageId())
                ? pool.pairOfImage.get(trial.imageId()).lureType() : null;
        if (trial.lureType() != null && !trial.lureType().equals(expected)) {
            found.add(new Violation("lure_type", index, at + "lure type '" + trial.lureType() + "' but "
                    + (expected == null ? "a " + trial.kind().csvName() + " trial has none" : "the pair's is '"
                    + expected + "'")));
        }
    }

    /** The rules across lists: ids 1..K, K lists, and with the members of every studied pair balanced. */
    public List<Violation> validateAll(List<PhaseList> lists) {
        List<Violation> found = new ArrayList<>();
        if (lists.size() != parameters.lists()) {
            found.add(new Violation("lists", -1, "the design has " + lists.size() + " lists, expected "
                    + parameters.lists()));
        }
        Map<String, int[]> members = new TreeMap<>();
        for (int i = 0; i < lists.size(); i++) {
            PhaseList list = lists.get(i);
            if (list.listId() != i + 1) {
                found.add(new Violation("list_id", -1, "list " + (i + 1) + " has id " + list.listId()));
            }
            found.addAll(validate(list));
            for (PhaseTrial trial : list.trials()) {
                RecognitionPool.Pair pair = pool.pairOfImage.get(trial.imageId());
                if (trial.kind() == Kind.STUDY && pair != null) {
                    int member = pair.members()[0].imageId().equals(trial.imageId()) ? 0 : 1;
                    members.computeIfAbsent(pair.pairId(), p -> new int[2])[member]++;
                }
            }
        }
        if (game != null) {
            List<Sequence> games = new ArrayList<>();
            for (PhaseList list : lists) {
                List<Position> positions = new ArrayList<>();
                for (PhaseTrial trial : list.trialsOf(layout.gamePhase)) {
                    positions.add(trial.presentation() == 1 ? Position.first(trial.trialIndex(), trial.imageId(),
                            trial.kind()) : Position.repeat(trial.trialIndex(), trial.imageId(), trial.kind(),
                            trial.lag()));
                }
                games.add(new Sequence(list.listId(), positions));
            }
            found.addAll(game.validateAcross(games));
        }
        int allowed = lists.size() % 2;
        members.forEach((pairId, count) -> {
            if (Math.abs(count[0] - count[1]) > allowed) {
                RecognitionPool.Pair pair = pool.pairs.stream().filter(p -> p.pairId().equals(pairId)).findFirst()
                        .orElseThrow();
                found.add(new Violation("member_balance", -1, "pair '" + pairId + "': '"
                        + pair.members()[0].imageId() + "' is studied in " + count[0] + " lists and '"
                        + pair.members()[1].imageId() + "' in " + count[1] + "; with " + lists.size() + " lists they "
                        + "may differ by at most " + allowed));
            }
        });
        return found;
    }
}
