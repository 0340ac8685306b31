package engram.platform;

import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Bean Validation refusals of request bodies as 400 JSON naming each field. The code follows the participant API:
 * {@code bad_box} for a box, {@code bad_trial} for a trial, {@code bad_consent} for a consent, {@code bad_request} otherwise.
 */
@Provider
public class ValidationErrorMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        Set<String> problems = new LinkedHashSet<>();
        ErrorCode code = ErrorCode.BAD_REQUEST;
        for (ConstraintViolation<?> violation : exception.getConstraintViolations()) {
            String field = leafName(violation.getPropertyPath());
            String beanType = violation.getLeafBean() == null ? "" : violation.getLeafBean().getClass().getSimpleName();
            if (beanType.equals("BoxInput")) {
                code = ErrorCode.BAD_BOX;
            } else if (code != ErrorCode.BAD_BOX && (beanType.equals("TrialInput") || field.equals("boxes"))) {
                code = ErrorCode.BAD_TRIAL;
            } else if (beanType.equals("ConsentRequest")) {
                code = ErrorCode.BAD_CONSENT;
            }
            problems.add(describe(field, violation));
        }
        String message = problems.isEmpty() ? "The request body is not valid." : String.join(" ", problems);
        return ClientErrorMapper.body(400, code, message);
    }

    private static String describe(String field, ConstraintViolation<?> violation) {
        if (field.equals("request") || field.equals("input")) {
            return "The request body is missing.";
        }
        Class<?> constraint = violation.getConstraintDescriptor().getAnnotation().annotationType();
        if (constraint == NotNull.class || constraint == NotBlank.class) {
            return "The field '" + field + "' is missing.";
        }
        return "The field '" + field + "' " + violation.getMessage() + ".";
    }

    private static String leafName(Path path) {
        String name = "";
        for (Path.Node node : path) {
            if (node.getName() != null) {
                name = node.getName();
            }
        }
        return name;
    }
}
