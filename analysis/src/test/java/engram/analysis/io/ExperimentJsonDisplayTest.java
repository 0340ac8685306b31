package engram.analysis.io;

import engram.core.csv.InputException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** experiment.json's displayMs: the design the report's timing bias is measured against. */
class ExperimentJsonDisplayTest {
    private static StudySettings read(String json) throws Exception {
        return ExperimentJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "experiment.json");
    }

    @Test
    void displayMsIsReadAndOptional() throws Exception {
        assertEquals(1500.0, read("{\"displayMs\": 1500, \"minVigilanceHitRate\": 0.6, \"maxFalseAlarmRate\": 0.4}").displayMs());
        assertTrue(Double.isNaN(read("{\"minVigilanceHitRate\": 0.6, \"maxFalseAlarmRate\": 0.4}").displayMs()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "\"1000\"", "null"})
    void aBadDisplayMsIsRefusedNamingTheField(String value) {
        InputException e = assertThrows(InputException.class,
            () -> read("{\n\"minVigilanceHitRate\": 0.6, \"maxFalseAlarmRate\": 0.4,\n\"displayMs\": " + value + "}"));
        assertTrue(e.getMessage().contains("experiment.json, line 3: field displayMs must be a number of ms above 0"), e.getMessage());
    }
}
