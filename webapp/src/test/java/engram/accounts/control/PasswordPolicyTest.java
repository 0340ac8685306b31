package engram.accounts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"password1234", "P@ssw0rd 2024!", "Password123456", "qwertyuiop12", "iloveyou2026",
            "123456789012", "aaaaaaaaaaaa", "abcabcabcabc", "1qaz2wsx3edc", "correct horse battery staple",
            "letmein!letmein!", "abcdefghijklm", "welcome12345", "Summer2024!!!", "engram-admin-2026", "changeme2026"})
    void commonPasswordsAndPatternsAreRefused(String password) {
        Optional<String> problem = PasswordPolicy.problem("erin", password);
        assertTrue(problem.isPresent() && problem.get().contains("common password"), password + ": " + problem);
    }

    @ParameterizedTest
    @CsvSource({"erinsmith, erinsmith2026!!", "erinsmith, ErinSmith-ErinSmith", "erin.smith, Erin.Smith12345", "mallory99, MALLORY99MALLORY99"})
    void theUsernameIsRefused(String username, String password) {
        assertEquals(Optional.of("The password cannot be the username."), PasswordPolicy.problem(username, password));
    }

    @ParameterizedTest
    @ValueSource(strings = {"erin's long password", "violet kettle orbit", "Tr0mbone-at-dusk", "andy's newer password",
            "first password!", "kettle on the moon"})
    void ordinaryLongPasswordsPass(String password) {
        assertEquals(Optional.empty(), PasswordPolicy.problem("erin", password), password);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"short|Use at least 12 characters.", "elevenchars|Use at least 12 characters.",
            "'            '|The password cannot be only spaces."})
    void lengthAndBlankAreNamed(String password, String expected) {
        assertEquals(Optional.of(expected), PasswordPolicy.problem("erin", password));
    }

    @org.junit.jupiter.api.Test
    void theRuleShownOnTheFormNamesAllThreeParts() {
        assertTrue(PasswordPolicy.RULE.contains("12 characters") && PasswordPolicy.RULE.contains("username")
                && PasswordPolicy.RULE.contains("common"));
    }
}
