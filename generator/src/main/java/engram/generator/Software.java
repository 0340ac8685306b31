package engram.generator;

import java.util.LinkedHashMap;
import java.util.Map;

/** Name and version of this software, recorded in every generation.json. */
public final class Software {
    /** The module version (from the jar manifest when packaged). */
    public static final String VERSION = version();

    private Software() {
    }

    /** Software description: name, version, Java, DJL and ONNX Runtime versions. */
    public static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "engram-generator");
        m.put("version", VERSION);
        m.put("java", System.getProperty("java.specification.version"));
        m.put("djl", packageVersion(ai.djl.Model.class, "0.38.0"));
        m.put("onnxruntime", packageVersion(ai.onnxruntime.OrtEnvironment.class, "1.29.0"));
        return m;
    }

    private static String version() {
        String v = Software.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    private static String packageVersion(Class<?> type, String fallback) {
        String v = type.getPackage() == null ? null : type.getPackage().getImplementationVersion();
        return v == null ? fallback : v;
    }
}
