package engram.stimuli.control;

import java.util.List;

import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import java.util.Map;

/** A stimulus set was refused; every problem names the file and, for manifest rows, the line and column. */
public class StimulusSetException extends ClientError {

    private static final long serialVersionUID = 1L;

    /** At most this many problems are listed; the rest are counted in a last line ("… and N more"). */
    public static final int MAX_LISTED = 100;

    private final transient List<String> problems;
    private final int total;

    public StimulusSetException(String source, List<String> problems) {
        this(source, listed(problems), problems.size());
    }

    private StimulusSetException(String source, List<String> listed, int total) {
        super(400, ErrorCode.BAD_STIMULUS_SET, total + (total == 1 ? " problem" : " problems") + " in " + source + ": " + String.join("; ", listed),
                ErrorAnswer.Details.problems(listed, total));
        this.problems = listed;
        this.total = total;
    }

    private static List<String> listed(List<String> problems) {
        if (problems.size() <= MAX_LISTED) {
            return List.copyOf(problems);
        }
        List<String> listed = new java.util.ArrayList<>(problems.subList(0, MAX_LISTED));
        listed.add("… and " + (problems.size() - MAX_LISTED) + " more problem(s) of the same kinds; fix these and import again");
        return List.copyOf(listed);
    }

    public List<String> problems() {
        return problems;
    }

    /** How many problems were found (more than {@link #problems()} lists when over {@link #MAX_LISTED}). */
    public int total() {
        return total;
    }
}
