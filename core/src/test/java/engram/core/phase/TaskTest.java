package engram.core.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TaskTest {

    @Test
    void codesAreTheDocumentedNamesAndReadBack() {
        assertEquals(List.of("continuous", "study", "old-new", "old-similar-new", "2afc", "distractor", "break"),
                Arrays.stream(Task.values()).map(Task::code).toList());
        for (Task task : Task.values()) {
            assertEquals(task, Task.fromCode(task.code()));
        }
    }

    @Test
    void anUnknownCodeIsRefusedWithTheList() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Task.fromCode("OLD_NEW"));
        assertEquals("'OLD_NEW' is not a task (expected continuous, study, old-new, old-similar-new, 2afc, distractor "
                + "or break)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Task.fromCode(null));
    }

    @Test
    void onlyDistractorAndBreakStoreNoTrials() {
        assertEquals(List.of(Task.DISTRACTOR, Task.BREAK),
                Arrays.stream(Task.values()).filter(t -> !t.storesTrials()).toList());
    }

    @Test
    void answersAndTests() {
        assertEquals(List.of("old", "new"), Task.OLD_NEW.answers());
        assertEquals(List.of("old", "similar", "new"), Task.OLD_SIMILAR_NEW.answers());
        assertEquals(List.of(), Task.TWO_AFC.answers());
        assertEquals(List.of(), Task.STUDY.answers());
        assertTrue(Task.TWO_AFC.isTest());
        assertFalse(Task.STUDY.isTest());
        assertFalse(Task.CONTINUOUS.isTest());
    }

    @Test
    void sidesHaveCsvNames() {
        assertEquals("left", Side.LEFT.csvName());
        assertEquals(Side.RIGHT, Side.fromCsv("right"));
        assertEquals(Side.LEFT, Side.RIGHT.other());
        assertEquals("'Left' is not a side (expected left or right)",
                assertThrows(IllegalArgumentException.class, () -> Side.fromCsv("Left")).getMessage());
    }
}
