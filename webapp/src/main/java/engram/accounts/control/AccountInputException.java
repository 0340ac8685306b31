package engram.accounts.control;

import java.util.Map;

/** Form input the accounts control refuses: a message per field (username, password, role, name, account). Nothing was changed. */
public class AccountInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> problems;

    public AccountInputException(Map<String, String> problems) {
        super(String.join(" ", problems.values()));
        this.problems = Map.copyOf(problems);
    }

    public static AccountInputException of(String field, String message) {
        return new AccountInputException(Map.of(field, message));
    }

    /** Field name → sentence for a person. */
    public Map<String, String> problems() {
        return problems;
    }
}
