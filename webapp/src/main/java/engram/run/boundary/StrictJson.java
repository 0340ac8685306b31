package engram.run.boundary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import engram.platform.ClientError;
import engram.platform.ErrorCode;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Strict JSON types for the participant API's bodies (docs/participant-api.md), checked before JSON-B binds them, which
 * would turn "TRUE" into true, "yes" into false, "12" into 12 and 4294967301 into 5. A record component of type Boolean
 * takes only true/false, Double only a number, Integer only a whole number in int range, String only a string, a list
 * only an array (each element checked in turn); null stays for Bean Validation to judge. A wrong type is a 400 that
 * names the field: {@code bad_trial}, {@code bad_box} or {@code bad_consent} (see {@link #CODES}; {@code bad_request}
 * for the other records of {@link RunsResource}). Unknown fields are ignored. Runs after BodyLimitFilter, so the bytes read here are at most the participant API's limit.
 */
@Provider
public class StrictJson implements ReaderInterceptor {

    static final Map<Class<?>, ErrorCode> CODES = Map.of(
            RunsResource.StartRequest.class, ErrorCode.BAD_REQUEST,
            RunsResource.ConsentRequest.class, ErrorCode.BAD_CONSENT,
            RunsResource.TrialInput.class, ErrorCode.BAD_TRIAL,
            RunsResource.BoxInput.class, ErrorCode.BAD_BOX,
            RunsResource.PhaseDoneInput.class, ErrorCode.BAD_PHASE_DONE);

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!appliesTo(context.getType())) {
            return context.proceed();
        }
        byte[] body = context.getInputStream().readAllBytes();
        check(context.getType(), body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    /** Every request record of the participant API (declared in {@link RunsResource}). */
    static boolean appliesTo(Class<?> type) {
        return type.isRecord() && type.getDeclaringClass() == RunsResource.class;
    }

    /** Throws a 400 naming the first field of a wrong JSON type; a body that is not a JSON object is left to JSON-B. */
    static void check(Class<?> type, byte[] body) {
        JsonObject object;
        try (var reader = Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject o)) {
                return;
            }
            object = o;
        } catch (JsonException | IllegalStateException e) {
            return;
        }
        checkObject(type, object, "");
    }

    private static void checkObject(Class<?> type, JsonObject object, String prefix) {
        for (RecordComponent component : type.getRecordComponents()) {
            JsonValue value = object.get(component.getName());
            if (value != null && value.getValueType() != JsonValue.ValueType.NULL) {
                checkValue(type, component.getGenericType(), value, prefix + component.getName());
            }
        }
    }

    private static void checkValue(Class<?> owner, Type type, JsonValue value, String field) {
        ErrorCode code = CODES.getOrDefault(owner, ErrorCode.BAD_REQUEST);
        if (type == Boolean.class || type == boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                throw refusal(code, field, "must be true or false");
            }
        } else if (type == Double.class || type == double.class) {
            if (!(value instanceof JsonNumber)) {
                throw refusal(code, field, "must be a number");
            }
        } else if (type == Integer.class || type == int.class) {
            if (!(value instanceof JsonNumber number) || !isInt(number)) {
                throw refusal(code, field, "must be a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
        } else if (type == String.class) {
            if (!(value instanceof JsonString)) {
                throw refusal(code, field, "must be a string");
            }
        } else if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (!(value instanceof JsonArray array)) {
                throw refusal(code, field, "must be an array");
            }
            Type element = list.getActualTypeArguments()[0];
            for (int i = 0; i < array.size(); i++) {
                JsonValue item = array.get(i);
                if (item.getValueType() != JsonValue.ValueType.NULL) {
                    checkValue(owner, element, item, field + "[" + i + "]");
                }
            }
        } else if (type instanceof Class<?> nested && nested.isRecord()) {
            if (!(value instanceof JsonObject object)) {
                throw refusal(CODES.getOrDefault(nested, code), field, "must be an object");
            }
            checkObject(nested, object, field + ".");
        }
    }

    private static boolean isInt(JsonNumber number) {
        try {
            number.bigDecimalValue().intValueExact();
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static ClientError refusal(ErrorCode code, String field, String rule) {
        return ClientError.badRequest(code, "The field '" + field + "' " + rule + ".");
    }
}
