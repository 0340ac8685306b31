package engram.generator.set;

import engram.generator.Software;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of a mode: stimuli plus everything generation.json records (parameters, seeds, models with
 * sha256, software version, report).
 *
 * @param stimuli    images with their manifest rows
 * @param generation the generation.json content
 * @param extraFiles further files to place in the set (relative path → bytes), e.g. a README
 */
public record StimulusSet(List<Stimulus> stimuli, Map<String, Object> generation, Map<String, byte[]> extraFiles) {

    /** A mode's set whose generation.json holds, in this order, its mode, the software, models, parameters, report and notes. */
    public static StimulusSet generated(String mode, List<Stimulus> stimuli, Object models, Map<String, Object> parameters,
                                        Map<String, Object> report, Map<String, ?> notes) {
        Map<String, Object> generation = new LinkedHashMap<>();
        generation.put("mode", mode);
        generation.put("software", Software.describe());
        generation.put("models", models);
        generation.put("parameters", parameters);
        generation.put("report", report);
        generation.putAll(notes);
        return new StimulusSet(stimuli, generation, new LinkedHashMap<>());
    }

    /** Writes the set at {@code folder} (temporary folder first, moved into place when complete). */
    public void writeTo(Path folder, boolean overwrite) {
        try (StimulusSetWriter writer = StimulusSetWriter.create(folder, overwrite)) {
            for (Stimulus s : stimuli) {
                writer.write(s.row().file(), s.bytes());
                s.extraFiles().forEach(writer::write);
            }
            extraFiles.forEach(writer::write);
            writer.commit(stimuli.stream().map(Stimulus::row).toList(), generation);
        }
    }

    /** A copy with one more file. */
    public StimulusSet withFile(String relativePath, byte[] content) {
        Map<String, byte[]> files = new LinkedHashMap<>(extraFiles);
        files.put(relativePath, content);
        return new StimulusSet(stimuli, generation, files);
    }
}
