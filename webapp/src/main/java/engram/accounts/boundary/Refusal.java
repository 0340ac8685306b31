package engram.accounts.boundary;

import engram.platform.ErrorCode;

/** Why the authentication mechanism turned down the credentials of this request; left as a request attribute for the login page and the API. */
public record Refusal(int status, ErrorCode code, String message) {

    static final String ATTRIBUTE = "engram.auth.refusal";
}
