package engram.archive.control;

import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import engram.experiment.entity.DisplaySettings;
import engram.experiment.entity.Experiment;
import engram.stimuli.entity.Stimulus;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * An experiment's protocol: everything that decides what participants see and how runs are judged (stimuli, design
 * and sequences, timing, texts, codes, policies, practice, attention rule), without free-text metadata (slug, title,
 * stimulus-set name, dates). {@link #of} builds its canonical form, whose SHA-256 is the protocol hash;
 * {@link #applyTo} sets a new experiment from it (docs/archive-format.md).
 */
public final class Protocol {

    /** The version of the protocol's own layout (protocol.json's "protocolFormat"). */
    public static final int FORMAT = 1;

    private Protocol() {
    }

    /** The canonical protocol of {@code e} with its stimuli (in set order) and its sequences.csv bytes. */
    public static Map<String, Object> of(Experiment e, List<Stimulus> stimuli, byte[] sequencesCsv) {
        Map<String, Object> p = new TreeMap<>();
        p.put("protocolFormat", FORMAT);
        p.put("timing", map("displayMs", e.displayMs(), "isiMs", e.isiMs()));
        p.put("boxes", map("min", e.minBoxes(), "max", e.maxBoxes()));
        p.put("policies", map("resume", e.resumePolicy().name(), "resumeWindowMinutes", e.resumeWindowMinutes(),
                "reservationMinutes", e.reservationMinutes(), "targetPerSequence", e.targetPerSequence(),
                "countFailedRuns", e.countFailedRuns()));
        p.put("attention", map("minVigilanceHitRate", CanonicalJson.decimal(e.minVigilanceHitRate()),
                "maxFalseAlarmRate", CanonicalJson.decimal(e.maxFalseAlarmRate())));
        DisplaySettings d = e.display();
        p.put("codes", map("completed", text(e.codeCompleted()), "noConsent", text(e.codeNoConsent()),
                "failedCheck", text(e.codeFailedCheck()), "noDevice", text(d.codeNoDevice()), "practiceFailed", text(d.codePracticeFailed())));
        Map<String, Object> display = new TreeMap<>();
        display.put("sizeMode", d.sizeMode().name());
        display.put("stimulusSize", CanonicalJson.decimal(d.stimulusSize()));
        display.put("viewingDistanceCm", CanonicalJson.decimal(d.viewingDistanceCm()));
        display.put("distanceSource", d.distanceSource().name());
        display.put("annotationScale", CanonicalJson.decimal(d.annotationScale()));
        display.put("warmupFrames", d.warmupFrames());
        display.put("minRefreshHz", CanonicalJson.decimal(d.minRefreshHz()));
        display.put("minWindowWidth", d.minWindowWidth());
        display.put("minWindowHeight", d.minWindowHeight());
        display.put("allowPhones", d.allowPhones());
        display.put("requireFullscreen", d.requireFullscreen());
        p.put("display", display);
        p.put("practice", map("images", e.practiceImageIds(), "passMark", CanonicalJson.decimal(d.practicePassMark()),
                "repeats", d.practiceRepeats(), "failAction", d.practiceFailAction().name()));
        p.put("texts", map(
                "consent", map("markdown", text(e.consentMarkdown()), "html", text(e.consentHtml())),
                "instructions", map("markdown", text(e.instructionsMarkdown()), "html", text(e.instructionsHtml())),
                "debrief", map("markdown", text(e.debriefMarkdown()), "html", text(e.debriefHtml())),
                "failedCheck", map("markdown", text(e.failedCheckMarkdown())),
                "full", map("markdown", text(e.fullMarkdown()))));
        p.put("design", parse(e.designJson(), "design"));
        if (e.phasesJson() != null) {
            // only with a phase plan, so that the hash of every experiment made before phases stays as it was
            p.put("phases", parse(e.phasesJson(), "phases"));
            p.put("sessionCodes", map("sessions", e.sessionCodes(), "tooEarly", text(e.codeTooEarly()), "tooLate", text(e.codeTooLate())));
        }
        p.put("sequences", map("count", e.sequenceCount(), "length", e.sequenceLength(),
                "sha256", CanonicalJson.sha256(sequencesCsv)));
        p.put("stimuli", stimuli(stimuli));
        return p;
    }

    /** The protocol's stimulus list: one object per manifest row, in set order, with the image's sha256. */
    public static List<Object> stimuli(List<Stimulus> stimuli) {
        List<Object> rows = new ArrayList<>();
        for (Stimulus s : stimuli) {
            Map<String, Object> row = new TreeMap<>();
            row.put("imageId", s.imageId());
            row.put("file", s.fileName());
            row.put("pairId", s.pairId());
            row.put("condition", s.condition());
            row.put("category", s.category());
            row.put("predictedMemorability", s.predictedMemorability() == null ? null : CanonicalJson.decimal(s.predictedMemorability()));
            Map<String, Object> extra = new TreeMap<>();
            if (s.extraColumns() != null && !s.extraColumns().isBlank()) {
                try (JsonReader reader = Json.createReader(new StringReader(s.extraColumns()))) {
                    reader.readObject().forEach((k, v) -> {
                        String value = v.getValueType() == JsonValue.ValueType.STRING ? ((JsonString) v).getString() : v.toString();
                        if (!value.isEmpty()) {
                            extra.put(k, value);
                        }
                    });
                }
            }
            row.put("extra", extra);
            row.put("sha256", s.sha256());
            rows.add(row);
        }
        return rows;
    }

    /** The SHA-256 of the canonical stimulus list: two sets with the same fingerprint are the same stimuli. */
    public static String stimuliFingerprint(List<Object> stimuli) {
        return CanonicalJson.sha256(CanonicalJson.bytes(stimuli));
    }

    /**
     * Sets timing, texts, codes, policies, display, practice, attention rule and design of {@code e} from a protocol
     * read from protocol.json; a missing or mistyped field is an {@link ArchiveException} naming it.
     */
    public static void applyTo(Experiment e, JsonObject protocol, String label) {
        Fields p = new Fields(protocol, "", label);
        int format = p.integer("protocolFormat");
        if (format != FORMAT) {
            throw new ArchiveException(ArchiveException.Kind.UNSUPPORTED_VERSION, label,
                    List.of("protocol.json has protocolFormat " + format + "; this engram reads protocolFormat " + FORMAT));
        }
        Fields timing = p.object("timing");
        e.setTiming(timing.integer("displayMs"), timing.integer("isiMs"));
        Fields boxes = p.object("boxes");
        e.setBoxLimits(boxes.integer("min"), boxes.integer("max"));
        Fields policies = p.object("policies");
        e.setResume(policies.choice("resume", Experiment.ResumePolicy.class), policies.integer("resumeWindowMinutes"));
        e.setReservationMinutes(policies.integer("reservationMinutes"));
        e.setTargetPerSequence(policies.integer("targetPerSequence"));
        e.setCountFailedRuns(policies.bool("countFailedRuns"));
        Fields attention = p.object("attention");
        e.setAttentionRule(attention.decimal("minVigilanceHitRate"), attention.decimal("maxFalseAlarmRate"));
        Fields codes = p.object("codes");
        e.setCodes(codes.string("completed"), codes.string("noConsent"), codes.string("failedCheck"));
        Fields d = p.object("display");
        Fields practice = p.object("practice");
        e.setDisplay(new DisplaySettings(d.choice("sizeMode", DisplaySettings.SizeMode.class), d.decimal("stimulusSize"),
                d.decimal("viewingDistanceCm"), d.choice("distanceSource", DisplaySettings.DistanceSource.class), d.decimal("annotationScale"), d.integer("warmupFrames"),
                d.decimal("minRefreshHz"), d.integer("minWindowWidth"), d.integer("minWindowHeight"), d.bool("allowPhones"),
                d.bool("requireFullscreen"), codes.string("noDevice"), practice.decimal("passMark"), practice.integer("repeats"),
                practice.choice("failAction", DisplaySettings.PracticeFailAction.class), codes.string("practiceFailed")));
        e.setPracticeImageIds(practice.strings("images"));
        Fields texts = p.object("texts");
        Fields consent = texts.object("consent");
        Fields instructions = texts.object("instructions");
        Fields debrief = texts.object("debrief");
        e.setMarkdownTexts(consent.string("markdown"), instructions.string("markdown"), debrief.string("markdown"),
                consent.string("html"), instructions.string("html"), debrief.string("html"));
        e.setFailedCheckMarkdown(texts.object("failedCheck").string("markdown"));
        e.setFullMarkdown(texts.object("full").string("markdown"));
        Fields sequences = p.object("sequences");
        e.setDesign(CanonicalJson.write(toJava(p.object("design").json)), sequences.integer("count"), sequences.integer("length"));
        if (protocol.containsKey("phases")) {
            String phases = protocol.get("phases").toString();
            try {
                engram.core.phase.PhasePlan plan = engram.experiment.control.PhasesJson.read(phases);
                e.setPhases(engram.experiment.control.PhasesJson.write(plan), plan.sessions());
            } catch (IllegalArgumentException invalid) {
                throw new ArchiveException(label, List.of("protocol.json, field 'phases': " + invalid.getMessage()));
            }
            Fields sessionCodes = p.object("sessionCodes");
            e.setSessionCodes(sessionCodes.strings("sessions"), sessionCodes.string("tooEarly"), sessionCodes.string("tooLate"));
        }
    }

    /** A JSON value as the canonical writer takes it; a fractional number is refused (decimals are strings). */
    public static Object toJava(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, toJava(v)));
                yield map;
            }
            case ARRAY -> ((JsonArray) value).stream().map(Protocol::toJava).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> {
                JsonNumber n = (JsonNumber) value;
                if (!n.isIntegral()) {
                    throw new IllegalArgumentException("the fractional number " + n + " is not canonical (decimals are strings)");
                }
                BigInteger big = n.bigIntegerValueExact();
                yield big.bitLength() < 64 ? (Object) big.longValue() : big;
            }
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    private static Object parse(String json, String what) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return toJava(reader.readValue());
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** Typed reads of one object of protocol.json, naming the field's path when it is missing or of the wrong type. */
    private static final class Fields {
        final JsonObject json;
        private final String path;
        private final String label;

        Fields(JsonObject json, String path, String label) {
            this.json = json;
            this.path = path;
            this.label = label;
        }

        private ArchiveException wrong(String key, String expected) {
            return new ArchiveException(label, List.of("protocol.json, field '" + path + key + "': "
                    + (json.containsKey(key) ? "must be " + expected + "; got " + json.get(key) : "missing (" + expected + ")")));
        }

        private JsonValue get(String key, JsonValue.ValueType type, String expected) {
            JsonValue v = json.get(key);
            if (v == null || v.getValueType() != type) {
                throw wrong(key, expected);
            }
            return v;
        }

        Fields object(String key) {
            return new Fields((JsonObject) get(key, JsonValue.ValueType.OBJECT, "an object"), path + key + ".", label);
        }

        int integer(String key) {
            JsonNumber n = (JsonNumber) get(key, JsonValue.ValueType.NUMBER, "a whole number");
            try {
                return n.intValueExact();
            } catch (ArithmeticException e) {
                throw wrong(key, "a whole number");
            }
        }

        String string(String key) {
            return ((JsonString) get(key, JsonValue.ValueType.STRING, "a string")).getString();
        }

        double decimal(String key) {
            String s = string(key);
            try {
                double d = Double.parseDouble(s);
                if (!Double.isFinite(d) || !CanonicalJson.decimal(d).equals(s)) {
                    throw wrong(key, "a decimal in canonical form, such as \"0.6\"");
                }
                return d;
            } catch (NumberFormatException e) {
                throw wrong(key, "a decimal in canonical form, such as \"0.6\"");
            }
        }

        boolean bool(String key) {
            JsonValue v = json.get(key);
            if (v != null && v.getValueType() == JsonValue.ValueType.TRUE) {
                return true;
            }
            if (v != null && v.getValueType() == JsonValue.ValueType.FALSE) {
                return false;
            }
            throw wrong(key, "true or false");
        }

        <E extends Enum<E>> E choice(String key, Class<E> type) {
            String s = string(key);
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw wrong(key, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }

        List<String> strings(String key) {
            JsonArray array = (JsonArray) get(key, JsonValue.ValueType.ARRAY, "a list of strings");
            List<String> out = new ArrayList<>();
            for (JsonValue v : array) {
                if (v.getValueType() != JsonValue.ValueType.STRING) {
                    throw wrong(key, "a list of strings");
                }
                out.add(((JsonString) v).getString());
            }
            return out;
        }
    }
}
