package engram.core.phase;

import java.util.List;

/** A question asked about each studied image (e.g. "Indoor or outdoor?") with its 2..6 answers. */
public record EncodingQuestion(String text, List<String> answers) {
    public EncodingQuestion {
        answers = answers == null ? List.of() : List.copyOf(answers);
    }
}
