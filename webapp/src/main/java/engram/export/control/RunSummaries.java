package engram.export.control;

import java.time.Instant;
import java.util.List;

import engram.experiment.entity.Experiment;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.run.entity.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A page of an experiment's runs for scripts and monitors, in start order. Carries no Prolific identifiers. */
@ApplicationScoped
public class RunSummaries {

    public static final int MAX_PAGE_SIZE = 500;

    @Inject
    Database database;

    /** One run as scripts see it: no Prolific identifiers, the state by its name. */
    public record Summary(String runId, String state, int sequence, boolean pilot, Instant startedAt, Instant finishedAt, int trialsSaved) {
        static Summary of(Run r) {
            return new Summary(r.publicId(), r.state().name(), r.sequenceId(), r.pilot(), r.startedAt(), r.finishedAt(), r.trialsSaved());
        }
    }

    public record Page(long total, int page, int size, List<Summary> runs) {
    }

    public Page page(Experiment experiment, int page, int size) {
        if (page < 0) {
            throw ClientError.badRequest(ErrorCode.BAD_PAGE, "'page' starts at 0; got " + page + ".");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ClientError.badRequest(ErrorCode.BAD_PAGE_SIZE, "'size' must be 1 to " + MAX_PAGE_SIZE + "; got " + size + ".");
        }
        return database.read(em -> {
            long total = em.createQuery("select count(r) from Run r where r.experiment.id = :e", Long.class)
                    .setParameter("e", experiment.id()).getSingleResult();
            long offset = (long) page * size;
            if (offset >= total) {
                return new Page(total, page, size, List.of()); // past the last page (also ?page=99999999): empty, not an overflow
            }
            List<Summary> runs = em.createQuery("select r from Run r where r.experiment.id = :e order by r.id", Run.class)
                    .setParameter("e", experiment.id()).setFirstResult((int) offset).setMaxResults(size).getResultStream()
                    .map(Summary::of).toList();
            return new Page(total, page, size, runs);
        });
    }
}
