package engram.core.phase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A question answered about each image of a study phase, e.g. "Indoor or outdoor?" with answers indoor and outdoor.
 * {@link PhasePlan} checks it (text not empty, 2..6 distinct non-empty answers), naming the phase.
 */
public record EncodingQuestion(String text, List<String> answers) {

    /** The fewest and the most answers of an encoding question. */
    public static final int MIN_ANSWERS = 2;
    public static final int MAX_ANSWERS = 6;

    public EncodingQuestion {
        answers = answers == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(answers));
    }
}
