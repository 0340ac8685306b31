package engram.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Runs an engram command (a picocli {@code @Command} object) with the shared contract: exit 0 on success and for
 * {@code --help}/{@code --version} (stdout), 2 for a usage error (stderr {@code engram <command>: …}), 1 for a failed
 * run (stderr {@code engram <command>: …}; {@code -Dengram.debug=true} adds the stack trace).
 *
 * <p>Commands are named {@code "engram <command>"} in their {@code @Command} so that picocli's usage and the error
 * prefix agree; subcommands inherit the prefix ({@code engram generate pairs: …}). A command reports a usage error
 * found after parsing (two flags that do not go together, a flag value a library rejects) with {@link #usage}.
 *
 * <p>Libraries name their parameters, never flags: a library message writes a parameter in backquotes
 * ({@code `margin`}, {@code `maxCandidates`}), and the error line shows the command's flag for it
 * ({@code --margin}, {@code --max-candidates}); see {@link #flags}.
 */
public final class Cli {
    /** Exit code of a usage error. */
    public static final int USAGE = 2;
    /** Exit code of a failed run. */
    public static final int FAILED = 1;

    private static final Pattern PARAMETER = Pattern.compile("`([A-Za-z][A-Za-z0-9]*)`");

    private Cli() {
    }

    /** Runs the command on the process' stdout and stderr. */
    public static int execute(Object command, String... args) {
        return execute(command, new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command with the given output streams (tests call this in-process). */
    public static int execute(Object command, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The picocli command line with engram's handlers (also used to generate shell completion). */
    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(name + ": " + flags(ex.getMessage(), ex.getCommandLine().getCommandSpec()));
            err.println("(see ./" + name + " --help)");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            PrintWriter err = c.getErr();
            String name = c.getCommandSpec().qualifiedName();
            err.println(name + ": " + flags(describe(ex), c.getCommandSpec()));
            if (Boolean.getBoolean("engram.debug")) {
                ex.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        });
        return cl;
    }

    /**
     * A usage error found by the command itself (exit 2).
     *
     * @param spec the command's spec ({@code @Spec CommandSpec spec})
     * @param message what is wrong, naming the flag
     */
    public static ParameterException usage(CommandSpec spec, String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Runs a library call that rejects a value with {@link IllegalArgumentException} and reports it as a usage error
     * of the flag that gave the value.
     */
    public static <T> T flag(CommandSpec spec, String flag, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw usage(spec, PARAMETER.matcher(message).find() ? message : flag + ": " + message);
        }
    }

    /**
     * Maps the parameter names a library writes in backquotes (`maxCandidates`) to this command's flags
     * ({@code --max-candidates}); a name with no flag loses its backquotes. Commands pass a library's notes (progress
     * lines, reasons) through it too.
     */
    public static String flags(String message, CommandSpec spec) {
        if (message == null) {
            return null;
        }
        Matcher m = PARAMETER.matcher(message);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String parameter = m.group(1);
            String flag = parameter;
            for (OptionSpec o : spec.options()) {
                String longName = o.longestName();
                if (longName.startsWith("--") && camel(longName.substring(2)).equals(parameter)) {
                    flag = longName;
                }
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(flag));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String camel(String kebab) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static String describe(Exception ex) {
        if (ex instanceof NoSuchFileException) {
            return "no such file: " + ex.getMessage();
        }
        if (ex instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.toString() : message;
    }

    /** {@code --version}: engram's version, from the build. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"engram " + version()};
        }

        /** @return the project version the jar was built from */
        public static String version() {
            Properties p = new Properties();
            try (InputStream in = Cli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                return "unknown";
            }
            return p.getProperty("version", "unknown");
        }
    }
}
