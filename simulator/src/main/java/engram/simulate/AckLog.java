package engram.simulate;

import engram.core.csv.CsvWriter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The acknowledged trials: kept in memory and, when a file is given, streamed to {@code FILE.part} beside it and moved
 * onto {@code FILE} when the simulation ends (so a crashed simulation leaves the partial log under the .part name).
 */
final class AckLog implements AutoCloseable {

    static final String HEADER = "run_id,participant_id,position,image_id,responded,stored,ack_time";

    private final List<AckRecord> records = new ArrayList<>();
    private final Path target;
    private final Path partial;
    private final BufferedWriter writer;

    AckLog(Path target) throws IOException {
        this.target = target;
        if (target == null) {
            this.partial = null;
            this.writer = null;
        } else {
            Path absolute = target.toAbsolutePath();
            this.partial = absolute.resolveSibling(absolute.getFileName() + ".part");
            this.writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
            writer.write(HEADER);
            writer.write('\n');
        }
    }

    synchronized void add(AckRecord record) {
        records.add(record);
        if (writer != null) {
            try {
                writer.write(CsvWriter.quote(record.runId()) + ',' + CsvWriter.quote(record.participantId()) + ','
                        + record.position() + ',' + CsvWriter.quote(record.imageId()) + ',' + record.responded() + ','
                        + record.stored() + ',' + record.ackTime() + '\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the ack log " + partial, e);
            }
        }
    }

    synchronized void flush() throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }

    synchronized List<AckRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void close() throws IOException {
        if (writer == null) {
            return;
        }
        writer.close();
        try {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
