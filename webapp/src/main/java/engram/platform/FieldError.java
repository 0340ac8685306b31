package engram.platform;


/** A refused form value: the field it concerns (the input's id on the page) and a sentence for a person. */
public class FieldError extends ClientError {

    private static final long serialVersionUID = 1L;

    private final String field;

    public FieldError(String field, String message) {
        super(400, ErrorCode.INVALID_FIELD, field, message, ErrorAnswer.Details.field(field));
        this.field = field;
    }

    public String field() {
        return field;
    }
}
