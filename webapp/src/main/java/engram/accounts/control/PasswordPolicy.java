package engram.accounts.control;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The password rule, checked when an account is created and when a password is reset (shown on the form as
 * {@link #RULE}): at least {@value #MIN_LENGTH} characters (at most {@value #MAX_LENGTH}), not only spaces, not the
 * username (nor the username with digits or symbols added), and not a common password. "Common" means: in the list
 * shipped in {@code engram/accounts/common-passwords.txt}, also after lower-casing, undoing the usual letter swaps
 * (@→a, 0→o, 1→i, 3→e, $→s), dropping spaces and symbols and dropping trailing digits ("P@ssw0rd 2024!" is "password");
 * or one short piece repeated ("abcabcabcabc"), or a run of the keyboard, alphabet or digits ("1234567890ab").
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;
    public static final String RULE = "At least " + MIN_LENGTH + " characters, not the username and not a common password"
            + " (a few unrelated words work well).";
    static final String LIST = "/engram/accounts/common-passwords.txt";
    private static final String[] RUNS = {"abcdefghijklmnopqrstuvwxyz", "01234567890", "qwertyuiopasdfghjklzxcvbnm",
            "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "zaq12wsxcde34rfvbgt56yhnmju78ik,.lo90p", "qwertzuiopasdfghjklyxcvbnm",
            "azertyuiopqsdfghjklmwxcvbn", "09876543210", "zyxwvutsrqponmlkjihgfedcba"};
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** Why this password may not be used for this username, or empty when it may. */
    public static Optional<String> problem(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        if (password.isBlank()) {
            return Optional.of("The password cannot be only spaces.");
        }
        String user = username == null ? "" : simple(username);
        if (!user.isEmpty() && variants(password).stream().anyMatch(v -> v.equals(user) || repeats(v, user))) {
            return Optional.of("The password cannot be the username.");
        }
        if (isCommon(password)) {
            return Optional.of("This is a common password (or a simple pattern) that attackers try first: choose another, e.g. a few unrelated words.");
        }
        return Optional.empty();
    }

    static boolean isCommon(String password) {
        String simple = simple(password);
        if (simple.isEmpty()) {
            return true;
        }
        for (String variant : variants(password)) {
            if (COMMON.contains(variant)) {
                return true;
            }
            for (int unit = 1; unit <= variant.length() / 2; unit++) {
                if (repeats(variant, variant.substring(0, unit))) {
                    return true;
                }
            }
        }
        String stripped = stripDigits(simple);
        for (String run : RUNS) {
            if (run.contains(simple) || (stripped.length() >= 6 && run.contains(stripped))) {
                return true;
            }
        }
        return false;
    }

    /** The forms compared with the list: as typed (lower case, letters and digits only), with swaps undone, each also without trailing digits. */
    static List<String> variants(String password) {
        String simple = simple(password);
        String stripped = stripDigits(simple);
        return List.of(simple, unswap(simple), stripped, unswap(stripped));
    }

    /** Lower case, letters and digits only. */
    static String simple(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '@' || c == '$') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The usual letter swaps undone: @ and 4 to a, 0 to o, 1 to i, 3 to e, $ and 5 to s, 7 to t. */
    static String unswap(String simple) {
        StringBuilder out = new StringBuilder(simple.length());
        for (char c : simple.toCharArray()) {
            out.append(switch (c) {
                case '@', '4' -> 'a';
                case '0' -> 'o';
                case '1' -> 'i';
                case '3' -> 'e';
                case '$', '5' -> 's';
                case '7' -> 't';
                default -> c;
            });
        }
        return out.toString();
    }

    private static String stripDigits(String plain) {
        int end = plain.length();
        while (end > 0 && (Character.isDigit(plain.charAt(end - 1)) || plain.charAt(end - 1) == '@' || plain.charAt(end - 1) == '$')) {
            end--;
        }
        return plain.substring(0, end);
    }

    private static boolean repeats(String text, String unit) {
        if (unit.isEmpty() || text.length() < unit.length() || text.length() % unit.length() != 0) {
            return false;
        }
        return unit.repeat(text.length() / unit.length()).equals(text);
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("The list of common passwords " + LIST + " is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(simple(word));
                    words.add(unswap(simple(word)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
