package engram.experiment.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import engram.core.design.DesignParameters;
import engram.platform.ClientError;

/** PUT …/phases: the continuous game's values ({@code game}) beside the recognition design's numbers (issue #14). */
class PhaseDesignRequestTest {

    private static final String PHASES = "\"phases\":[{\"phase\":1,\"task\":\"continuous\",\"session\":1,\"boxes\":true},"
            + "{\"phase\":2,\"task\":\"old-new\",\"session\":2,\"delayMinS\":86400,\"delayMaxS\":172800}]";

    @Test
    void theGameIsTheSequenceDesignsFieldsWithTheDefaultsForTheRest() {
        PhaseDesignRequest request = PhaseDesignRequest.read("{" + PHASES + ",\"lists\":4,\"seed\":9,"
                + "\"game\":{\"length\":60,\"repeats\":12,\"minLag\":5,\"maxLag\":20,\"vigilanceRepeats\":2}}");
        DesignParameters expected = DesignParameters.withDefaults().withLength(60).withRepeats(12).withLag(5, 20)
                .withVigilanceRepeats(2);
        assertEquals(expected, request.parameters().game());
        assertEquals(expected.withSequences(4).withSeed(9), request.parameters().gameParameters(),
                "the game of list k is sequence k of K = lists, seeded by the design's seed");
    }

    @Test
    void withoutAGameThereIsNone() {
        assertNull(PhaseDesignRequest.read("{" + PHASES + "}").parameters().game());
    }

    @Test
    void aGameThatIsNotAnObjectOrHasBadFieldsIsRefusedNamingTheField() {
        ClientError notAnObject = assertThrows(ClientError.class, () -> PhaseDesignRequest.read("{" + PHASES + ",\"game\":5}"));
        assertEquals("invalid_design", notAnObject.code());
        assertTrue(notAnObject.getMessage().startsWith("game must be an object"), notAnObject.getMessage());
        assertRefused("{\"length\":\"long\"}", "game.length must be a whole number");
        assertRefused("{\"allowRepeatedFillers\":1}", "game.allowRepeatedFillers must be true or false");
        assertRefused("{\"fillerConditions\":\"foil\"}", "game.fillerConditions must be a list of strings");
        assertRefused("{\"lenght\":60}", "game.lenght is not a field of the game");
        assertRefused("{\"length\":0}", "game.length must be");
    }

    private static void assertRefused(String game, String start) {
        ClientError refused = assertThrows(ClientError.class, () -> PhaseDesignRequest.read("{" + PHASES + ",\"game\":" + game + "}"));
        assertEquals("invalid_design", refused.code());
        assertTrue(refused.getMessage().startsWith(start), refused.getMessage());
    }
}
