package engram.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The completion script is generated from the commands' own options. */
class CompletionTest {
    @Test
    void scriptCompletesTheLaunchersCommandsAndTheirFlags() {
        String script = Completion.script();
        assertTrue(script.contains("_complete_engram"), "a bash completion function for engram");
        assertTrue(script.contains("serve") && script.contains("compare") && script.contains("predict"), "commands");
        assertTrue(script.contains("--rbf-sigma") && script.contains("--db-url"), "flags of compare and serve");
    }
}
