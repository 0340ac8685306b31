package engram.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Prints a bash/zsh completion script for {@code ./engram} and every command (picocli's AutoComplete), generated from
 * the commands' own options. {@code ./engram completion} runs it with every module on the class path; a command whose
 * module is absent is left out.
 */
public final class Completion {
    /** The launcher's commands and the classes that implement them. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("simulate", "engram.simulate.SimulateMain");
        COMMANDS.put("study", "engram.study.StudyMain");
        COMMANDS.put("analyse", "engram.analysis.cli.AnalyseMain");
        COMMANDS.put("generate", "engram.generator.cli.GenerateMain");
        COMMANDS.put("features", "engram.generator.cli.FeaturesMain");
        COMMANDS.put("readout", "engram.generator.cli.ReadoutMain");
        COMMANDS.put("compare", "engram.analysis.representation.cli.CompareMain");
        COMMANDS.put("predict", "engram.analysis.representation.cli.PredictMain");
    }

    private Completion() {
    }

    public static void main(String[] args) {
        System.out.print(script());
    }

    /** @return the completion script for {@code engram} */
    static String script() {
        CommandLine engram = new CommandLine(CommandSpec.create().name("engram").mixinStandardHelpOptions(true));
        engram.addSubcommand("serve", CommandSpec.create().name("serve").mixinStandardHelpOptions(true)
            .addOption(OptionSpec.builder("--port").paramLabel("N").type(int.class).build())
            .addOption(OptionSpec.builder("--data").paramLabel("DIR").type(java.io.File.class).build())
            .addOption(OptionSpec.builder("--bind").paramLabel("ADDRESS").type(String.class).build())
            .addOption(OptionSpec.builder("--db-url").paramLabel("JDBC_URL").type(String.class).build())
            .addOption(OptionSpec.builder("--db-user").paramLabel("USER").type(String.class).build())
            .addOption(OptionSpec.builder("--db-password").paramLabel("PASSWORD").type(String.class).build()));
        for (Map.Entry<String, String> c : COMMANDS.entrySet()) {
            Class<?> type;
            try {
                type = Class.forName(c.getValue());
            } catch (ClassNotFoundException e) {
                continue;
            }
            try {
                engram.addSubcommand(c.getKey(), new CommandLine(type));
            } catch (CommandLine.InitializationException e) {
                // not a picocli command
            }
        }
        engram.addSubcommand("completion", CommandSpec.create().name("completion").mixinStandardHelpOptions(true));
        return AutoComplete.bash("engram", engram);
    }
}
