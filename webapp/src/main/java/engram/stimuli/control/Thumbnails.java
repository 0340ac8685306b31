package engram.stimuli.control;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

import engram.platform.Database;
import engram.stimuli.entity.ImageBlob;
import engram.stimuli.entity.Thumbnail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

/**
 * Thumbnails by content hash, made once and kept in the database (table image_thumbnail, next to the image in
 * image_blob): every instance on the same database shares them, backups carry them, and they go when their image goes
 * (ON DELETE CASCADE). A thumbnail is made on its first request; at most {@value #AT_ONCE} are made at the same time,
 * so a page of a large set cannot fill the heap with decoded images.
 */
@ApplicationScoped
public class Thumbnails {

    static final int AT_ONCE = 2;
    private static final Logger LOG = Logger.getLogger(Thumbnails.class.getName());

    @Inject
    Database database;

    private final Semaphore making = new Semaphore(AT_ONCE);

    /** The thumbnail of the image with this hash; empty when there is no such image or it cannot be decoded. */
    public Optional<Thumbnail> of(String sha256) {
        Thumbnail stored = database.read(em -> em.find(Thumbnail.class, sha256));
        if (stored != null) {
            return Optional.of(stored);
        }
        ImageBlob image = database.read(em -> em.find(ImageBlob.class, sha256));
        if (image == null) {
            return Optional.empty();
        }
        ThumbnailMaker.Made made;
        making.acquireUninterruptibly();
        try {
            made = ThumbnailMaker.of(image.bytes());
        } catch (IOException | RuntimeException e) {
            LOG.warning("No thumbnail for image " + sha256 + ": " + e);
            return Optional.empty();
        } finally {
            making.release();
        }
        Thumbnail thumbnail = new Thumbnail(sha256, made.width(), made.height(), made.jpeg());
        try {
            database.writeAll(em -> em.persist(thumbnail));
        } catch (PersistenceException | IllegalStateException raced) {
            // another request stored the same thumbnail first: same image, same bytes
            LOG.fine("Thumbnail " + sha256 + " was stored by another request");
        }
        return Optional.of(thumbnail);
    }
}
