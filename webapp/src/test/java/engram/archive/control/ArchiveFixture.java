package engram.archive.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.audit.control.AuditLog;
import engram.core.design.DesignParameters;
import engram.experiment.control.ExperimentSteps;
import engram.experiment.control.ExperimentStepsWiring;
import engram.experiment.control.Experiments;
import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.Experiment;
import engram.platform.Database;
import engram.platform.EngramConfig;
import engram.stimuli.control.ImportLimits;
import engram.stimuli.control.NoisePng;
import engram.stimuli.control.StimulusImporter;

/** A stimulus set and an experiment on a real database, and the archive controls wired by hand (no container). */
final class ArchiveFixture {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
    static final DesignParameters DESIGN = DesignParameters.withDefaults()
            .withSequences(3).withLength(30).withRepeats(8).withLag(4, 12).withVigilanceRepeats(2).withVigilanceLag(1, 4).withSeed(20261201L);

    private ArchiveFixture() {
    }

    static Database h2(Path data) {
        Database database = new Database();
        database.start(new EngramConfig(data, "jdbc:h2:mem:archive-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 4, Optional.empty(), false));
        return database;
    }

    /** The archive controls on {@code database}, acting as an experimenter called "tester". */
    static StudyArchives archives(Database database) {
        CurrentUser user = new CurrentUser() {
            @Override
            public String username() {
                return "tester";
            }

            @Override
            public void require(Account.Role needed) {
            }

            @Override
            public boolean can(Account.Role needed) {
                return true;
            }

            @Override
            public Account.Role role() {
                return Account.Role.ADMIN;
            }
        };
        StimulusImporter importer = new StimulusImporter();
        set(importer, "database", database);
        set(importer, "clock", CLOCK);
        set(importer, "limits", ImportLimits.defaultsFor(512L * 1024 * 1024));
        AuditLog audit = new AuditLog();
        set(audit, "database", database);
        set(audit, "clock", CLOCK);
        set(audit, "currentUser", user);
        StudyArchives archives = new StudyArchives();
        archives.database = database;
        archives.clock = CLOCK;
        archives.importer = importer;
        archives.audit = audit;
        archives.currentUser = user;
        engram.experiment.control.ExperimentAccess access = new engram.experiment.control.ExperimentAccess();
        set(access, "currentUser", user);
        archives.access = access;
        return archives;
    }

    /** The steps of editing an experiment on {@code database}, with the clock, audit log, user and access of {@code archives}. */
    static ExperimentSteps steps(Database database, StudyArchives archives) {
        return ExperimentStepsWiring.wire(database, CLOCK, archives.audit, archives.currentUser, archives.access);
    }

    /**
     * A study on {@code database}: 12 high/low pairs and 24 foils as real PNGs (with predicted memorability and an extra
     * column), 3 sequences of 30, two practice images, Markdown texts and non-default display settings.
     */
    static Experiment study(Database database, Path folder, String slug) throws IOException {
        return study(database, folder, slug, 12, 26, DESIGN);
    }

    /** The model study's design (10 x 150, 40 repeats, lag >= 30) on 200 pairs and 300 foils, as the walk-through builds it. */
    static Experiment modelStudy(Database database, Path folder, String slug) throws IOException {
        return study(database, folder, slug, 200, 302, DesignParameters.withDefaults().withSeed(20261201L));
    }

    static Experiment study(Database database, Path folder, String slug, int pairs, int foils, DesignParameters design) throws IOException {
        Files.createDirectories(folder.resolve("images"));
        StringBuilder manifest = new StringBuilder("image_id,file,pair_id,condition,category,predicted_memorability,source\n");
        List<engram.core.design.Stimulus> stimuli = new ArrayList<>();
        int n = 0;
        for (int p = 1; p <= pairs; p++) {
            for (String condition : List.of("high", "low")) {
                String id = "p" + p + "_" + condition;
                Files.write(folder.resolve("images/" + id + ".png"), NoisePng.of(16, 16, 8, true, 1000 + n++));
                manifest.append(id).append(",images/").append(id).append(".png,p").append(p).append(',').append(condition)
                        .append(",scene,").append(condition.equals("high") ? "0.8125" : "0.25").append(",\"gan, seed ").append(p).append("\"\n");
                stimuli.add(new engram.core.design.Stimulus(id, "p" + p, condition, "scene"));
            }
        }
        for (int f = 1; f <= foils; f++) {
            String id = "foil" + f;
            Files.write(folder.resolve("images/" + id + ".png"), NoisePng.of(16, 16, 8, true, 100_000 + f));
            manifest.append(id).append(",images/").append(id).append(".png,,foil,scene,,\n");
            if (f > 2) {
                stimuli.add(new engram.core.design.Stimulus(id, null, "foil", "scene"));
            }
        }
        Files.writeString(folder.resolve("manifest.csv"), manifest);
        StimulusImporter importer = new StimulusImporter();
        set(importer, "database", database);
        set(importer, "clock", CLOCK);
        set(importer, "limits", ImportLimits.defaultsFor(512L * 1024 * 1024));
        long setId = importer.importSet("noise scenes", StimulusImporter.Source.folder(folder));
        Experiments experiments = new Experiments();
        set(experiments, "database", database);
        set(experiments, "clock", CLOCK);
        return experiments.create(slug, "Noise scenes, pilot 1", setId, stimuli, design, e -> {
            e.setTiming(1500, 750);
            e.setPracticeImageIds(List.of("foil1", "foil2"));
            e.setMarkdownTexts("# Consent\nYou agree.", "Press **space**.", "Thanks!", "<h1>Consent</h1><p>You agree.</p>",
                    "<p>Press <strong>space</strong>.</p>", "<p>Thanks!</p>");
            e.setAttentionRule(0.55, 0.35);
            e.setFailedCheckMarkdown("Sorry: \"attention\"\tcheck failed.");
            e.setDisplay(new DisplaySettings(DisplaySettings.SizeMode.DEGREES, 8.5, 60, DisplaySettings.DistanceSource.STATED, 1.5, 20, 50, 800, 600, false, true,
                    "NODEV1", 0.75, 1, DisplaySettings.PracticeFailAction.END, "PRACTICEX"));
        });
    }

    static byte[] archive(StudyArchives archives, String slug) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        archives.write(slug, out);
        return out.toByteArray();
    }

    static byte[] entry(byte[] zip, String name) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no entry " + name);
    }

    /** The archive with some entries changed ({@code null} result: left out); SHA256SUMS recomputed when {@code fixSums}. */
    static byte[] rewrite(byte[] zip, Map<String, Function<byte[], byte[]>> changes, boolean fixSums) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder sums = new StringBuilder();
        byte[] oldSums = null;
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(StudyArchiveLayout.SUMS)) {
                    oldSums = bytes;
                    continue;
                }
                if (changes.containsKey(e.getName())) {
                    bytes = changes.get(e.getName()).apply(bytes);
                    if (bytes == null) {
                        continue;
                    }
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(bytes);
                z.closeEntry();
                sums.append(CanonicalJson.sha256(bytes)).append("  ").append(e.getName()).append('\n');
            }
            z.putNextEntry(new ZipEntry(StudyArchiveLayout.SUMS));
            z.write(fixSums ? sums.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8) : oldSums);
            z.closeEntry();
        }
        return out.toByteArray();
    }

    static void set(Object target, String field, Object value) {
        try {
            Field f = target.getClass().getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
