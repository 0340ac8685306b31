package engram.simulate;

/** Why a synthetic participant could not go on: a machine code (the server's error code or the simulator's own). */
final class ApiFailure extends Exception {

    private final String code;

    ApiFailure(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
