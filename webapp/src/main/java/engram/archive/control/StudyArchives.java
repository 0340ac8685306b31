package engram.archive.control;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.audit.control.AuditLog;
import engram.core.format.ExportCsv;
import engram.core.format.Position;
import engram.core.format.Sequence;
import engram.core.format.SequencesCsv;
import engram.core.format.SequencesCsvException;
import engram.experiment.control.ExperimentAccess;
import engram.experiment.control.ExperimentCreation;
import engram.experiment.control.ExperimentDesign;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.stimuli.control.StimulusImporter;
import engram.stimuli.control.StimulusSetException;
import engram.stimuli.entity.Stimulus;
import engram.stimuli.entity.StimulusSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;

/**
 * Study archives (docs/archive-format.md): writes an experiment's protocol, sequences and stimulus set as one zip, and
 * imports such a zip as a new draft experiment, all or nothing. The stimulus set is reused when one with the same
 * content (the protocol's stimulus list, image hashes included) exists already; the images are stored once by hash.
 */
@ApplicationScoped
public class StudyArchives {

    /** Zip entries carry this fixed time, so that two archives of one protocol differ only in engram-archive.json's exportedAt. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    @Inject
    Database database;
    @Inject
    Clock clock;
    @Inject
    StimulusImporter importer;
    @Inject
    AuditLog audit;
    @Inject
    CurrentUser currentUser;
    @Inject
    ExperimentAccess access;

    /** What an import made. */
    public record Imported(String slug, String protocolHash, String stimulusSet, boolean stimulusSetReused, int sequences) {
    }

    /** The parts of an experiment that its archive and its protocol hash are made of. */
    record Snapshot(Experiment experiment, List<Stimulus> stimuli, byte[] sequencesCsv, byte[] manifestCsv,
                            Map<String, Object> protocol) {
        String hash() {
            return CanonicalJson.sha256(CanonicalJson.bytes(protocol));
        }
    }

    /** The protocol hash of the experiment as it is now. */
    public String protocolHash(String slug) {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> snapshot(em, bySlug(em, slug))).hash();
    }

    /** The canonical protocol.json of the experiment as it is now. */
    public byte[] protocolJson(String slug) {
        currentUser.require(Account.Role.ANALYST);
        return CanonicalJson.bytes(database.read(em -> snapshot(em, bySlug(em, slug))).protocol());
    }

    /** The experiment's frozen protocol versions, oldest first. */
    public List<ProtocolVersions.Frozen> versions(String slug) {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> ProtocolVersions.all(em, bySlug(em, slug).id()));
    }

    /** The summary of a frozen version, or of the protocol as it is now when {@code version} is null. */
    public ProtocolSummary summary(String slug, Integer version) {
        currentUser.require(Account.Role.ANALYST);
        byte[] protocol = database.read(em -> {
            Experiment e = bySlug(em, slug);
            return version == null ? CanonicalJson.bytes(snapshot(em, e).protocol())
                    : ProtocolVersions.protocol(em, e.id(), version).orElseThrow(() -> ClientError.notFound(ErrorCode.UNKNOWN_PROTOCOL_VERSION,
                            "'" + slug + "' has no protocol version " + version + "."));
        });
        return ProtocolSummary.of(protocol);
    }

    /** Writes the experiment's study archive to {@code target}. */
    public void write(String slug, OutputStream target) throws IOException {
        currentUser.require(Account.Role.ANALYST);
        Snapshot s = database.read(em -> snapshot(em, bySlug(em, slug)));
        byte[] protocol = CanonicalJson.bytes(s.protocol());
        Map<String, Object> info = new TreeMap<>();
        info.put("format", StudyArchiveLayout.FORMAT);
        info.put("formatVersion", StudyArchiveLayout.FORMAT_VERSION);
        info.put("protocolHash", CanonicalJson.sha256(protocol));
        info.put("slug", s.experiment().slug());
        info.put("title", s.experiment().title());
        info.put("stimulusSet", s.experiment().stimulusSet().name());
        info.put("exportedAt", clock.instant().toString());
        ZipOutputStream zip = new ZipOutputStream(target, StandardCharsets.UTF_8);
        StringBuilder sums = new StringBuilder();
        entry(zip, sums, StudyArchiveLayout.INFO, (CanonicalJson.write(info) + "\n").getBytes(StandardCharsets.UTF_8));
        entry(zip, sums, StudyArchiveLayout.PROTOCOL, protocol);
        entry(zip, sums, StudyArchiveLayout.SEQUENCES, s.sequencesCsv());
        entry(zip, sums, StudyArchiveLayout.MANIFEST, s.manifestCsv());
        String sql = "SELECT s.file_name, b.bytes FROM stimulus s JOIN image_blob b ON b.sha256 = s.sha256 WHERE s.stimulus_set_id = ? ORDER BY s.id";
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            connection.setReadOnly(true);
            statement.setFetchSize(50);
            statement.setLong(1, s.experiment().stimulusSet().id());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entry(zip, sums, StudyArchiveLayout.STIMULI + rows.getString(1), rows.getBytes(2));
                }
            }
            connection.rollback();
        } catch (SQLException e) {
            throw new IOException("The archive of '" + slug + "' failed while reading its images", e);
        }
        ZipEntry last = new ZipEntry(StudyArchiveLayout.SUMS);
        last.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(last);
        zip.write(sums.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.finish();
        zip.flush();
    }

    private static void entry(ZipOutputStream zip, StringBuilder sums, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
        sums.append(CanonicalJson.sha256(bytes)).append("  ").append(name).append('\n');
    }

    static Snapshot snapshot(EntityManager em, Experiment e) {
        List<Stimulus> stimuli = stimuli(em, e.stimulusSet().id());
        List<SequenceItem> items = em.createQuery("select i from SequenceItem i where i.experiment = :e order by i.sequenceId, i.trialIndex",
                SequenceItem.class).setParameter("e", e).getResultList();
        byte[] sequences;
        byte[] manifest;
        try {
            sequences = sequencesCsv(items, e.phasesJson() != null);
            manifest = manifestCsv(stimuli);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return new Snapshot(e, stimuli, sequences, manifest, Protocol.of(e, stimuli, sequences));
    }

    /** sequences.csv exactly as the data export writes it (with phases: the appended phase, alternative and side columns). */
    static byte[] sequencesCsv(List<SequenceItem> items, boolean phases) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer text = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        ExportCsv csv = new ExportCsv(text);
        csv.row((phases ? SequencesCsv.PHASE_HEADER : SequencesCsv.HEADER).toArray());
        for (SequenceItem i : items) {
            if (phases) {
                csv.row(i.sequenceId(), i.trialIndex(), i.imageId(), i.presentation(), i.kind(), i.phase(), i.alternativeImageId(), i.targetSide());
            } else {
                csv.row(i.sequenceId(), i.trialIndex(), i.imageId(), i.presentation(), i.kind());
            }
        }
        text.flush();
        return bytes.toByteArray();
    }

    /** The stimulus set's manifest.csv: the export's columns, then the extra columns in first-seen order. */
    static byte[] manifestCsv(List<Stimulus> stimuli) throws IOException {
        List<Map<String, Object>> extras = new ArrayList<>();
        LinkedHashSet<String> extraColumns = new LinkedHashSet<>();
        for (Object row : Protocol.stimuli(stimuli)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> extra = (Map<String, Object>) ((Map<String, Object>) row).get("extra");
            extras.add(extra);
            extraColumns.addAll(extra.keySet());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Writer text = new OutputStreamWriter(bytes, StandardCharsets.UTF_8);
        ExportCsv csv = new ExportCsv(text);
        List<Object> header = new ArrayList<>(List.of("image_id", "file", "pair_id", "condition", "category", "predicted_memorability"));
        header.addAll(extraColumns);
        csv.row(header.toArray());
        for (int i = 0; i < stimuli.size(); i++) {
            Stimulus s = stimuli.get(i);
            List<Object> row = new ArrayList<>(Arrays.asList(s.imageId(), s.fileName(), s.pairId(), s.condition(), s.category(), s.predictedMemorability()));
            for (String column : extraColumns) {
                row.add(extras.get(i).get(column));
            }
            csv.row(row.toArray());
        }
        text.flush();
        return bytes.toByteArray();
    }

    /**
     * Imports the archive as a new draft experiment called {@code slug} (null: the archive's own slug), with the title
     * the archive gives. With {@code expectedHash}, the archive's protocol hash must be that one. All or nothing: on
     * any problem nothing is stored (a stimulus set imported on the way is removed again).
     */
    public Imported importArchive(Path file, String label, String slug, String expectedHash) throws IOException {
        currentUser.require(Account.Role.EXPERIMENTER);
        try (StudyArchiveFile archive = StudyArchiveFile.open(file, label)) {
            JsonObject info = json(archive, StudyArchiveLayout.INFO);
            checkFormat(info, label);
            byte[] protocolBytes = archive.read(StudyArchiveLayout.PROTOCOL);
            String hash = CanonicalJson.sha256(protocolBytes);
            String declared = info.getString("protocolHash", "");
            if (!hash.equals(declared)) {
                throw new ArchiveException(label, List.of(StudyArchiveLayout.INFO + " gives the protocol hash '" + declared
                        + "', but protocol.json hashes to " + hash));
            }
            if (expectedHash != null && !expectedHash.isBlank() && !expectedHash.strip().equalsIgnoreCase(hash)) {
                throw new ArchiveException(ArchiveException.Kind.PROTOCOL_MISMATCH, label, List.of("the protocol hash is " + hash
                        + ", not the expected " + expectedHash.strip() + "; this archive holds another protocol"));
            }
            JsonObject protocol = json(archive, StudyArchiveLayout.PROTOCOL);
            checkCanonical(protocol, protocolBytes, label);
            String target = slug == null || slug.isBlank() ? info.getString("slug", "") : slug.strip();
            if (!ExperimentCreation.SLUG.matcher(target).matches()) {
                throw ClientError.badRequest(ErrorCode.BAD_SLUG, "'" + target + "' is not a usable experiment name: 2–63 lowercase letters, digits and '-'.");
            }
            String title = info.getString("title", target);
            List<Archived> sequences = sequences(archive, protocol, label);
            List<Object> stimuli = Protocol.toJava(protocol.getJsonArray("stimuli")) instanceof List<?> list ? new ArrayList<>(list) : List.of();
            String fingerprint = Protocol.stimuliFingerprint(stimuli);
            requireFreeSlug(target);
            Long reused = database.read(em -> findSet(em, fingerprint));
            long setId;
            if (reused != null) {
                setId = reused;
            } else {
                try {
                    setId = importer.importSet(info.getString("stimulusSet", target), archive.stimuli());
                } catch (StimulusSetException e) {
                    throw new ArchiveException(label, e.problems());
                }
            }
            try {
                String stored = database.write(em -> store(em, target, title, setId, fingerprint, protocol, sequences, hash, label));
                return new Imported(target, hash, stored, reused != null, sequences.size());
            } catch (RuntimeException e) {
                if (reused == null) {
                    deleteSet(setId);
                }
                throw e;
            }
        }
    }

    private String store(EntityManager em, String slug, String title, long setId, String fingerprint, JsonObject protocol,
                         List<Archived> sequences, String hash, String label) {
        long taken = em.createQuery("select count(e) from Experiment e where e.slug = :slug", Long.class).setParameter("slug", slug).getSingleResult();
        if (taken > 0) {
            throw ClientError.conflict(ErrorCode.SLUG_TAKEN, "An experiment called '" + slug + "' exists already; import under another name (slug).");
        }
        StimulusSet set = em.find(StimulusSet.class, setId);
        List<Stimulus> stimuli = stimuli(em, setId);
        if (!Protocol.stimuliFingerprint(Protocol.stimuli(stimuli)).equals(fingerprint)) {
            throw new ArchiveException(label, List.of("stimuli/manifest.csv and its images do not match the stimulus list in protocol.json"));
        }
        Set<String> images = new HashSet<>();
        stimuli.forEach(s -> images.add(s.imageId()));
        Experiment e = new Experiment(slug, title, set, clock.instant());
        e.setOwner(access.me(em).orElse(null));
        Protocol.applyTo(e, protocol, label);
        List<String> problems = unknownImages(e.practiceImageIds(), sequences, images);
        if (!problems.isEmpty()) {
            throw new ArchiveException(label, problems);
        }
        em.persist(e);
        persistItems(em, e, sequences, stimuli);
        em.flush();
        String stored = snapshot(em, e).hash();
        if (!stored.equals(hash)) {
            throw new ArchiveException(label, List.of("the imported study's protocol hash would be " + stored + ", not the archive's " + hash
                    + "; protocol.json does not describe what the archive holds"));
        }
        audit.record(em, e.id(), "imported", "from the study archive '" + label + "', protocol " + hash + ", stimulus set '" + set.name() + "'");
        return set.name();
    }

    /** The practice and sequence images that the stimulus set lacks, as problems (the first 20 of the sequences'). */
    private static List<String> unknownImages(List<String> practiceImageIds, List<Archived> sequences, Set<String> images) {
        List<String> problems = new ArrayList<>();
        for (String practice : practiceImageIds) {
            if (!images.contains(practice)) {
                problems.add("protocol.json, field 'practice.images': '" + practice + "' is not in the stimulus set");
            }
        }
        for (Archived sequence : sequences) {
            for (ArchivedItem p : sequence.items()) {
                for (String image : java.util.Arrays.asList(p.imageId(), p.alternativeImageId())) {
                    if (image != null && !images.contains(image) && problems.size() < 20) {
                        problems.add("sequences.csv, sequence " + sequence.sequenceId() + " trial " + p.trialIndex() + ": image '" + image
                                + "' is not in the stimulus set");
                    }
                }
            }
        }
        return problems;
    }

    private static void persistItems(EntityManager em, Experiment e, List<Archived> sequences, List<Stimulus> stimuli) {
        Map<String, String> lureTypes = new java.util.HashMap<>();
        for (Stimulus s : stimuli) {
            String lure = ExperimentDesign.lureType(s.extraColumns());
            if (lure != null) {
                lureTypes.put(s.imageId(), lure);
            }
        }
        for (Archived sequence : sequences) {
            for (ArchivedItem p : sequence.items()) {
                if (p.phase() == null) {
                    em.persist(new SequenceItem(e, sequence.sequenceId(), p.trialIndex(), p.imageId(), p.presentation(), p.kind(), p.lag()));
                } else {
                    // sequences.csv does not store the lure type: the manifest's, on target and lure positions (as the builder sets it)
                    boolean paired = p.kind().equals("target") || p.kind().equals("lure");
                    em.persist(new SequenceItem(e, sequence.sequenceId(), p.trialIndex(), p.imageId(), p.presentation(), p.kind(), p.lag(),
                            p.phase(), p.alternativeImageId(), p.targetSide(), paired ? lureTypes.get(p.imageId()) : null));
                }
            }
        }
    }

    private static void checkFormat(JsonObject info, String label) {
        if (!StudyArchiveLayout.FORMAT.equals(info.getString("format", null))) {
            throw new ArchiveException(label, List.of(StudyArchiveLayout.INFO + ": 'format' is not '" + StudyArchiveLayout.FORMAT
                    + "'; this is not an engram study archive"));
        }
        int version = info.containsKey("formatVersion") && info.get("formatVersion") instanceof jakarta.json.JsonNumber n && n.isIntegral()
                ? n.intValue() : -1;
        if (version < 1) {
            throw new ArchiveException(label, List.of(StudyArchiveLayout.INFO + ": 'formatVersion' must be a whole number of at least 1"));
        }
        if (version > StudyArchiveLayout.FORMAT_VERSION) {
            throw new ArchiveException(ArchiveException.Kind.UNSUPPORTED_VERSION, label, List.of("the archive has format version " + version
                    + ", made by a newer engram; this server reads format version " + StudyArchiveLayout.FORMAT_VERSION + " (update engram)"));
        }
    }

    private static void checkCanonical(JsonObject protocol, byte[] bytes, String label) {
        byte[] canonical;
        try {
            canonical = CanonicalJson.bytes(Protocol.toJava(protocol));
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(label, List.of("protocol.json: " + e.getMessage()));
        }
        if (!Arrays.equals(canonical, bytes)) {
            throw new ArchiveException(label, List.of("protocol.json is not in canonical form (docs/archive-format.md), so its hash is not the protocol hash"));
        }
        if (!protocol.containsKey("stimuli") || protocol.get("stimuli").getValueType() != jakarta.json.JsonValue.ValueType.ARRAY) {
            throw new ArchiveException(label, List.of("protocol.json, field 'stimuli': missing (a list)"));
        }
    }

    /** One list of an archive's sequences.csv: a continuous sequence (phase null) or a study and test list. */
    record Archived(int sequenceId, List<ArchivedItem> items) {
    }

    record ArchivedItem(int trialIndex, String imageId, int presentation, String kind, Integer lag, Integer phase,
                        String alternativeImageId, String targetSide) {
    }

    private static List<Archived> sequences(StudyArchiveFile archive, JsonObject protocol, String label) throws IOException {
        byte[] bytes = archive.read(StudyArchiveLayout.SEQUENCES);
        JsonObject expected = protocol.get("sequences") instanceof JsonObject o ? o : null;
        String sha = CanonicalJson.sha256(bytes);
        if (expected == null || !sha.equals(expected.getString("sha256", ""))) {
            throw new ArchiveException(label, List.of("sequences.csv has sha256 " + sha + ", but protocol.json's 'sequences.sha256' is "
                    + (expected == null ? "missing" : "'" + expected.getString("sha256", "") + "'")));
        }
        List<Archived> sequences = new ArrayList<>();
        try {
            var reader = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8);
            if (protocol.containsKey("phases")) {
                for (engram.core.format.PhaseList list : SequencesCsv.readPhases(reader, "sequences.csv")) {
                    sequences.add(new Archived(list.listId(), list.trials().stream().map(t -> new ArchivedItem(t.trialIndex(), t.imageId(),
                            t.presentation(), t.kind().csvName(), t.lag(), t.phase(), t.alternativeImageId(),
                            t.targetSide() == null ? null : t.targetSide().csvName())).toList()));
                }
            } else {
                for (Sequence sequence : SequencesCsv.read(reader, "sequences.csv")) {
                    sequences.add(new Archived(sequence.sequenceId(), sequence.positions().stream().map(p -> new ArchivedItem(p.trialIndex(),
                            p.imageId(), p.presentation(), p.kind().csvName(), p.lag(), null, null, null)).toList()));
                }
            }
        } catch (SequencesCsvException e) {
            throw new ArchiveException(label, List.of(e.getMessage()));
        }
        int count = expected.getInt("count", -1);
        int length = expected.getInt("length", -1);
        if (sequences.size() != count || sequences.stream().anyMatch(s -> s.items().size() != length)) {
            throw new ArchiveException(label, List.of("sequences.csv holds " + sequences.size() + " sequence(s), but protocol.json says "
                    + count + " × " + length));
        }
        return sequences;
    }

    private static JsonObject json(StudyArchiveFile archive, String name) throws IOException {
        byte[] bytes = archive.read(name);
        try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new ArchiveException(archive.label(), List.of(name + ": not a JSON object (" + e.getMessage() + ")"));
        }
    }

    private void requireFreeSlug(String slug) {
        long taken = database.read(em -> em.createQuery("select count(e) from Experiment e where e.slug = :slug", Long.class)
                .setParameter("slug", slug).getSingleResult());
        if (taken > 0) {
            throw ClientError.conflict(ErrorCode.SLUG_TAKEN, "An experiment called '" + slug + "' exists already; import under another name (slug).");
        }
    }

    /** A stored stimulus set with exactly these stimuli (image hashes included), or null. */
    private static Long findSet(EntityManager em, String fingerprint) {
        for (StimulusSet set : em.createQuery("select s from StimulusSet s order by s.id", StimulusSet.class).getResultList()) {
            if (Protocol.stimuliFingerprint(Protocol.stimuli(stimuli(em, set.id()))).equals(fingerprint)) {
                return set.id();
            }
        }
        return null;
    }

    private void deleteSet(long setId) {
        database.write(em -> {
            em.createQuery("delete from Stimulus s where s.stimulusSet.id = :id").setParameter("id", setId).executeUpdate();
            em.createQuery("delete from StimulusSet s where s.id = :id").setParameter("id", setId).executeUpdate();
            return null;
        });
        importer.removeUnreferencedImages();
    }

    private static List<Stimulus> stimuli(EntityManager em, long setId) {
        return em.createQuery("select s from Stimulus s where s.stimulusSet.id = :set order by s.id", Stimulus.class)
                .setParameter("set", setId).getResultList();
    }

    private static Experiment bySlug(EntityManager em, String slug) {
        return em.createQuery("select e from Experiment e where e.slug = :slug", Experiment.class).setParameter("slug", slug)
                .getResultStream().findFirst()
                .orElseThrow(() -> ClientError.notFound(ErrorCode.UNKNOWN_EXPERIMENT, "There is no experiment called '" + slug + "'."));
    }
}
