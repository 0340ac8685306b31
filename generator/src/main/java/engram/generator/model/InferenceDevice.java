package engram.generator.model;

/** Where inference runs: CPU (default) or CUDA (needs the Maven profile {@code gpu}, which brings onnxruntime_gpu). */
public enum InferenceDevice {
    CPU,
    GPU;

    /** Parses "cpu" or "gpu" (also "cuda"). */
    public static InferenceDevice parse(String text) {
        return switch (text.trim().toLowerCase()) {
            case "cpu" -> CPU;
            case "gpu", "cuda" -> GPU;
            default -> throw new IllegalArgumentException("`device` must be cpu or gpu, not '" + text + "'");
        };
    }
}
