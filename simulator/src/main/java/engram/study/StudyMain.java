package engram.study;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.JsonNode;

import engram.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code engram study}: moves studies between engram servers and drives their lifecycle through the experimenter API
 * (docs/archive-format.md). Exit 0 on success, 1 when the server refuses or cannot be reached, 2 on usage errors.
 */
@Command(name = "engram study", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
    description = {"Moves a study between engram servers as a study archive and drives its lifecycle (docs/archive-format.md).",
        "Authenticate with --token or ENGRAM_TOKEN (a personal API token), or --user with the password in ENGRAM_PASSWORD.",
        "Exit 0 on success, 1 when the server refuses or cannot be reached, 2 on usage errors."},
    subcommands = {StudyMain.Push.class, StudyMain.Pull.class, StudyMain.Status.class, StudyMain.Launch.class, StudyMain.Export.class})
public final class StudyMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return Cli.execute(new StudyMain(), args);
    }

    /** Runs with the given streams and environment (in-process callers and tests). */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, String... args) {
        Server.environment = environment;
        try {
            return Cli.execute(new StudyMain(), out, err, args);
        } finally {
            Server.environment = System.getenv();
        }
    }

    @Override
    public Integer call() {
        throw Cli.usage(spec, "name a subcommand: push, pull, status, launch or export");
    }

    /** The options every subcommand shares: the server and how to log in. */
    static final class Server {
        static Map<String, String> environment = System.getenv();

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;
        @Option(names = "--url", required = true, paramLabel = "URL", description = "the engram server, e.g. http://127.0.0.1:8080/")
        String url;
        @Option(names = "--token", paramLabel = "TOKEN", description = "a personal API token (default: $ENGRAM_TOKEN)")
        String token;
        @Option(names = "--user", paramLabel = "USER", description = "log in with HTTP Basic as USER, the password in $ENGRAM_PASSWORD")
        String user;

        StudyApi api() {
            URI base;
            try {
                base = new URI(url);
            } catch (URISyntaxException e) {
                throw Cli.usage(spec, "--url: not a URL: " + url);
            }
            if (base.getScheme() == null || !List.of("http", "https").contains(base.getScheme()) || base.getHost() == null) {
                throw Cli.usage(spec, "--url: give an http or https address, e.g. http://127.0.0.1:8080/; got " + url);
            }
            if (token != null && user != null) {
                throw Cli.usage(spec, "--token and --user do not go together; choose one way to log in");
            }
            if (user != null) {
                String password = environment.get("ENGRAM_PASSWORD");
                if (password == null || password.isEmpty()) {
                    throw Cli.usage(spec, "--user needs the password in the environment variable ENGRAM_PASSWORD");
                }
                return StudyApi.withPassword(base, user, password);
            }
            String t = token != null ? token : environment.get("ENGRAM_TOKEN");
            if (t == null || t.isBlank()) {
                throw Cli.usage(spec, "log in with --token TOKEN (or ENGRAM_TOKEN), or --user USER with ENGRAM_PASSWORD");
            }
            return StudyApi.withToken(base, t.strip());
        }
    }

    /** Runs one call; a refusal or an unreachable server is a failed run (exit 1) with the server's message. */
    interface Call {
        int run() throws IOException, InterruptedException;
    }

    static int attempt(CommandSpec spec, URI server, Call call) {
        try {
            return call.run();
        } catch (StudyApi.Refused e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": the server refused: " + e.getMessage());
            return Cli.FAILED;
        } catch (java.net.ConnectException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": cannot reach the server at " + hostAndPort(server)
                + ": " + hint(e) + " (" + why(e) + ")");
            return Cli.FAILED;
        } catch (IOException e) {
            String message = e.getMessage();
            spec.commandLine().getErr().println(spec.qualifiedName() + ": "
                + (message == null || message.isBlank() ? "talking to " + hostAndPort(server) + " failed (" + why(e) + ")" : message));
            return Cli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Cli.FAILED;
        }
    }

    /** {@code host:port} of a server's URL, the scheme's default port when it names none. */
    static String hostAndPort(URI server) {
        int port = server.getPort() != -1 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        return server.getHost() + ":" + port;
    }

    /** What failed: each exception of the chain by class, with its message where it has one (repeats left out). */
    static String why(Throwable e) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (Throwable t = e; t != null && parts.size() < 5; t = t.getCause() == t ? null : t.getCause()) {
            String part = t.getClass().getName() + (t.getMessage() == null || t.getMessage().isBlank() ? "" : ": " + t.getMessage());
            if (parts.isEmpty() || !parts.get(parts.size() - 1).equals(part)) {
                parts.add(part);
            }
        }
        return String.join(", caused by ", parts);
    }

    /** The likely reason a connection failed, from the root of the exception chain. */
    static String hint(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.nio.channels.UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
            return "the host name does not resolve";
        }
        return "nothing accepted the connection; is engram running there?";
    }

    /**
     * A subcommand that talks to one server: the standard options, {@link Server}'s login, usage checks first, then the
     * calls, whose refusals and network errors are failed runs (exit 1).
     */
    @Command(mixinStandardHelpOptions = true, versionProvider = Cli.Version.class)
    abstract static class ServerCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Server server;

        /** Checks the options before the server is called; throws {@link Cli#usage} when one is wrong. */
        void check() {
        }

        /** The calls, printing what the command answers. */
        abstract void run(StudyApi api) throws IOException, InterruptedException;

        @Override
        public final Integer call() {
            check();
            StudyApi api = server.api();
            return attempt(spec, api.base(), () -> {
                run(api);
                return 0;
            });
        }
    }

    /** The experiment a subcommand works on. */
    static final class ExperimentOption {
        @Option(names = "--experiment", required = true, paramLabel = "SLUG", description = "the experiment's slug")
        String slug;
    }

    @Command(name = "push",
        description = "Imports a study archive (a .zip, or the folder of an unpacked one) as a new draft experiment; prints its slug.")
    static final class Push extends ServerCommand {
        @Parameters(paramLabel = "ARCHIVE", description = "the study archive (.zip) or a folder holding its unpacked files")
        Path archive;
        @Option(names = "--slug", paramLabel = "SLUG", description = "the new experiment's slug (default: the archive's)")
        String slug;
        @Option(names = "--verify", paramLabel = "HASH", description = "refuse unless the archive's protocol hash is HASH")
        String verify;

        @Override
        void check() {
            if (!Files.exists(archive)) {
                throw Cli.usage(spec, "ARCHIVE: " + archive + " does not exist");
            }
        }

        @Override
        void run(StudyApi api) throws IOException, InterruptedException {
            byte[] bytes = Files.isDirectory(archive) ? zipFolder(archive) : Files.readAllBytes(archive);
            JsonNode answer = api.push(bytes, slug, verify);
            PrintWriter out = spec.commandLine().getOut();
            out.println(answer.path("slug").asText());
            out.flush();
            spec.commandLine().getErr().println("protocol hash " + answer.path("protocolHash").asText() + "; stimulus set '"
                    + answer.path("stimulusSet").asText() + "'" + (answer.path("stimulusSetReused").asBoolean() ? " (already on the server)" : "")
                    + "; " + answer.path("sequences").asInt() + " sequences; a draft");
        }
    }

    /** The files of an unpacked archive, zipped with their relative names (the import checks the layout and the sums). */
    static byte[] zipFolder(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Command(name = "pull", description = "Saves an experiment's study archive; prints its protocol hash.")
    static final class Pull extends ServerCommand {
        @Mixin
        ExperimentOption experiment;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the archive (.zip)")
        Path out;

        @Override
        void run(StudyApi api) throws IOException, InterruptedException {
            String hash = api.pull(experiment.slug, out);
            spec.commandLine().getOut().println(hash);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("wrote " + out);
        }
    }

    @Command(name = "status", description = "Shows an experiment's status, design and protocol hash.")
    static final class Status extends ServerCommand {
        @Mixin
        ExperimentOption experiment;

        @Override
        void run(StudyApi api) throws IOException, InterruptedException {
            print(spec, api.status(experiment.slug));
        }
    }

    static void print(CommandSpec spec, JsonNode experiment) {
        PrintWriter out = spec.commandLine().getOut();
        experiment.fields().forEachRemaining(f -> out.println(f.getKey() + ": " + f.getValue().asText()));
        out.flush();
    }

    @Command(name = "launch", description = "Changes an experiment's lifecycle (default: live, which freezes its protocol).")
    static final class Launch extends ServerCommand {
        @Mixin
        ExperimentOption experiment;
        @Option(names = "--to", defaultValue = "live", paramLabel = "STATUS", description = "pilot, live, paused, closed or draft (default ${DEFAULT-VALUE})")
        String to;

        @Override
        void check() {
            if (!List.of("draft", "pilot", "live", "paused", "closed").contains(to)) {
                throw Cli.usage(spec, "--to: one of draft, pilot, live, paused, closed; got " + to);
            }
        }

        @Override
        void run(StudyApi api) throws IOException, InterruptedException {
            print(spec, api.changeStatus(experiment.slug, to));
        }
    }

    @Command(name = "export", description = "Saves an experiment's data export (the zip ./engram analyse reads).")
    static final class Export extends ServerCommand {
        @Mixin
        ExperimentOption experiment;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "where to write the export (.zip)")
        Path out;
        @Option(names = "--pilot", description = "include pilot runs")
        boolean pilot;
        @Option(names = "--no-images", description = "leave out the images")
        boolean noImages;

        @Override
        void run(StudyApi api) throws IOException, InterruptedException {
            api.export(experiment.slug, pilot, !noImages, out);
            spec.commandLine().getErr().println("wrote " + out);
        }
    }
}
