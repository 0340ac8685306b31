package engram.export.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import engram.analysis.Analysis;
import engram.analysis.AnalysisOptions;
import engram.analysis.AnalysisResult;
import engram.analysis.io.Study;
import engram.analysis.io.StudyReader;
import engram.analysis.report.OutputWriter;
import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The export zip with the analysis added under {@code analysis/} (report.html, its heat maps and tables), made by
 * engram-analysis from the export itself. Unlike the plain export this goes through a temporary folder (the analysis
 * needs the whole study), which is deleted afterwards; a study the analysis cannot handle is refused before any byte
 * is sent.
 */
@ApplicationScoped
public class ReportExport {

    @Inject
    ExportWriter exports;

    /**
     * The analysis options {@code ./engram analyse --export} uses on this experiment's export: the defaults with the
     * experiment's attention rule (which analyse reads from experiment.json).
     */
    public static AnalysisOptions options(Experiment experiment) {
        return AnalysisOptions.defaults().withExclusion(experiment.minVigilanceHitRate(), experiment.maxFalseAlarmRate());
    }

    public void write(Experiment experiment, boolean includePilot, boolean includeImages, OutputStream target) throws IOException {
        Path folder = Files.createTempDirectory("engram-report-");
        try {
            Path raw = folder.resolve("export.zip");
            try (OutputStream out = Files.newOutputStream(raw)) {
                exports.write(experiment, includePilot, true, out);
            }
            Path analysis = folder.resolve("analysis");
            try {
                Study study = StudyReader.create().readExport(raw);
                AnalysisResult result = Analysis.of(study).with(options(experiment)).run();
                OutputWriter.writeAtomically(result, analysis, line -> { });
            } catch (IOException | RuntimeException e) {
                throw ClientError.conflict(ErrorCode.ANALYSIS_FAILED, "The analysis report could not be made for '" + experiment.slug() + "': "
                        + e.getMessage() + ". Download the export without the report.");
            }
            ZipOutputStream zip = new ZipOutputStream(target);
            try (ZipFile source = new ZipFile(raw.toFile())) {
                Enumeration<? extends ZipEntry> entries = source.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (!includeImages && entry.getName().startsWith("images/")) {
                        continue;
                    }
                    zip.putNextEntry(new ZipEntry(entry.getName()));
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(zip);
                    }
                    zip.closeEntry();
                }
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(analysis)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry("analysis/" + analysis.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
            zip.finish();
            zip.flush();
        } finally {
            OutputWriter.deleteTree(folder);
        }
    }
}
