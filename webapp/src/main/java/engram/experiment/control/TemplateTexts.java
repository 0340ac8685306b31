package engram.experiment.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts a new experiment starts with: consent, instructions and debrief in plain wording a lab can adapt. What only
 * the lab can know (names, ethics approval, payment, data handling) is marked {@code [FILL IN: …]}; the pre-launch
 * checklist refuses to go live while a marker is left. The failed-check text has its own default ({@link TextWithDefault#FAILED_CHECK}).
 */
public final class TemplateTexts {

    /** A part the lab must write before going live, e.g. {@code [FILL IN: ethics committee and reference]}. */
    public static final Pattern MARKER = Pattern.compile("\\[FILL IN:[^\\]]*\\]");

    /** The consent's opening, the same for the game and a phase study: who runs the study and whom to ask. */
    static final String CONSENT_HEADER = """
            ## Information and consent

            **Study:** [FILL IN: title of the study as approved]
            **Researchers:** [FILL IN: names, department and institution]
            **Contact:** [FILL IN: e-mail address for questions and withdrawal]

            """;

    /** The consent's close, the same for the game and a phase study: rights, approval and what agreeing means. */
    static final String CONSENT_RIGHTS = """
            **Your rights.** Taking part is voluntary. You may stop at any time by closing the window. To withdraw
            your data later, write to the contact above with your Prolific ID [FILL IN: until when this is possible].

            This study was approved by [FILL IN: ethics committee and reference number].

            By choosing "I agree to take part" you confirm that you are at least 18 years old, that you have read this
            information, and that you agree to take part.
            """;

    public static final String CONSENT = CONSENT_HEADER + """
            **What you will do.** You will see a stream of pictures, one at a time. Press SPACE (or the button on the
            screen) whenever a picture is one you have already seen in this game, and then draw boxes around the parts
            of the picture that made you remember it. A short practice comes first. The game takes about
            [FILL IN: minutes] minutes and runs in full screen.

            **What we record.** Your answers, response times, the boxes you draw, and technical details of your device
            (screen and window size, refresh rate, browser). We receive your Prolific ID so that you can be paid;
            [FILL IN: how identifiers are stored, kept apart from the answers and deleted]. The anonymised answers may
            be [FILL IN: used and shared, e.g. published in an open repository].

            """ + CONSENT_RIGHTS;

    public static final String INSTRUCTIONS = """
            ## How the game works

            1. Pictures appear one at a time, each for a few seconds.
            2. Some pictures come back later. When you see a picture **for the second time**, press **SPACE** (or the
               button on the screen) as quickly as you can.
            3. After each press, draw one or more boxes around the parts of the picture that made you recognise it,
               then continue.
            4. Do not press for pictures you see for the first time. A few pictures come back after only a short
               gap; they check that you are paying attention.

            Please stay in full screen, keep this window in front, and take part from a quiet place. A short practice
            with feedback comes first.
            """;

    public static final String DEBRIEF = """
            ## Thank you

            This study asks which pictures people remember, and which parts of a picture make it memorable.
            [FILL IN: one or two sentences on the aim and, if the study uses a manipulation, what it was.]

            Your answers have been saved. To finish, return to Prolific with the button below; it passes on your
            completion code.

            If you have questions, or want to withdraw your data, write to [FILL IN: contact e-mail] with your
            Prolific ID.
            """;

    private TemplateTexts() {
    }

    /** The {@code [FILL IN: …]} markers still in a text, in order. */
    public static List<String> markers(String markdown) {
        List<String> found = new ArrayList<>();
        if (markdown != null) {
            Matcher m = MARKER.matcher(markdown);
            while (m.find()) {
                found.add(m.group());
            }
        }
        return found;
    }
}
