package engram.stimuli.control;

import java.util.List;

import engram.platform.ClientError;
import java.util.Map;

/** A stimulus set was refused; every problem names the file and, for manifest rows, the line and column. */
public class StimulusSetException extends ClientError {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public StimulusSetException(String source, List<String> problems) {
        super(400, "bad_stimulus_set", problems.size() + " problem(s) in " + source + ": " + String.join("; ", problems),
                Map.of("problems", List.copyOf(problems)));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
