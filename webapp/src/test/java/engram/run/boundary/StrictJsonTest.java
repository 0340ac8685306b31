package engram.run.boundary;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import engram.platform.ClientError;

/** The participant API's strict JSON types (issue 9: "TRUE" consented, "yes" was stored as false, 4294967301 as 5). */
class StrictJsonTest {

    private static final String TRIAL = "{\"imageId\":\"img_001\",\"responded\":true,\"rtMs\":612.5,\"onsetMs\":1000.5,\"offsetMs\":2500.75,"
            + "\"durationMs\":1500.25,\"droppedFrames\":0,\"visibilityChanges\":0,\"fullscreenExits\":0,\"displayedWidth\":512,"
            + "\"displayedHeight\":512,\"devicePixelRatio\":1.5,\"boxes\":[{\"x\":0.125,\"y\":0.25,\"width\":0.5,\"height\":0.375}]}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"responded\":true|\"responded\":\"yes\"|bad_trial|responded",
        "\"responded\":true|\"responded\":1|bad_trial|responded",
        "\"droppedFrames\":0|\"droppedFrames\":4294967301|bad_trial|droppedFrames",
        "\"droppedFrames\":0|\"droppedFrames\":1.5|bad_trial|droppedFrames",
        "\"onsetMs\":1000.5|\"onsetMs\":\"12\"|bad_trial|onsetMs",
        "\"imageId\":\"img_001\"|\"imageId\":17|bad_trial|imageId",
        "\"boxes\":[|\"boxes\":{\"0\":[]},\"b\":[|bad_trial|boxes",
        "\"x\":0.125|\"x\":\"0.125\"|bad_box|boxes[0].x",
        "\"displayedWidth\":512|\"displayedWidth\":true|bad_trial|displayedWidth"})
    void aWrongTypeIsRefusedNamingTheField(String good, String bad, String code, String field) {
        assertTrue(TRIAL.contains(good), good);
        ClientError refused = assertThrows(ClientError.class, () -> check(RunsResource.TrialInput.class, TRIAL.replace(good, bad)));
        assertEquals(400, refused.status());
        assertEquals(code, refused.code());
        assertTrue(refused.getMessage().contains("'" + field + "'"), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"TRUE\"", "\"true\"", "1", "\"false\"", "[true]"})
    void consentIsTrueOrFalseOnly(String value) {
        ClientError refused = assertThrows(ClientError.class, () -> check(RunsResource.ConsentRequest.class, "{\"consent\":" + value + "}"));
        assertEquals("bad_consent", refused.code());
        assertTrue(refused.getMessage().contains("'consent'"), refused.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"consent\":true}|ConsentRequest", "{\"consent\":false}|ConsentRequest", "{\"consent\":null}|ConsentRequest",
        "{}|ConsentRequest", "[1,2]|ConsentRequest", "{not json|ConsentRequest", "{\"droppedFrames\":12.0,\"rtMs\":null}|TrialInput",
        "{\"droppedFrames\":-2147483648,\"onsetMs\":-0.0,\"future\":\"ignored\"}|TrialInput"})
    void goodTypesNullsUnknownFieldsAndNonObjectsPassToBinding(String body, String type) {
        Class<?> record = type.equals("ConsentRequest") ? RunsResource.ConsentRequest.class : RunsResource.TrialInput.class;
        assertDoesNotThrow(() -> check(record, body));
    }

    @org.junit.jupiter.api.Test
    void theGoodTrialPasses() {
        assertDoesNotThrow(() -> check(RunsResource.TrialInput.class, TRIAL));
    }

    private static void check(Class<?> type, String body) {
        StrictJson.check(type, body.getBytes(StandardCharsets.UTF_8));
    }
}
