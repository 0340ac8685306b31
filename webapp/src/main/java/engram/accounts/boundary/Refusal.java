package engram.accounts.boundary;

/** Why the authentication mechanism turned down the credentials of this request; left as a request attribute for the login page and the API. */
public record Refusal(int status, String code, String message) {

    static final String ATTRIBUTE = "engram.auth.refusal";
}
