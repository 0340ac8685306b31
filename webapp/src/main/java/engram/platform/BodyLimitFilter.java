package engram.platform;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Counts the bytes of every API request body as it is read and refuses it with 413 past the path's limit
 * ({@link BodyLimits#limitFor}), whether or not it declared its length; {@link BodyLimits} has already refused a
 * declared length over the limit.
 */
@Provider
@PreMatching
public class BodyLimitFilter implements ContainerRequestFilter {

    private static final long DRAIN_LIMIT_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        int limit = BodyLimits.limitFor("/api/" + (path.startsWith("/") ? path.substring(1) : path));
        if (request.getLength() > limit) {
            throw new WebErrorMapper.TooLarge(limit);
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
    }

    /** Reads and discards what the client is still sending (up to 1 MiB), so that it gets to read the 413. */
    private static void drain(InputStream in) {
        try {
            byte[] sink = new byte[8192];
            long total = 0;
            for (int n = in.read(sink); n > 0 && total < DRAIN_LIMIT_BYTES; n = in.read(sink)) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the refusal stands whatever happens to the rest of the body
        }
    }

    private static final class LimitedStream extends FilterInputStream {
        private final int limit;
        private long remaining;

        LimitedStream(InputStream in, int limit) {
            super(in);
            this.limit = limit;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                drain(in);
                throw new WebErrorMapper.TooLarge(limit);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (remaining -= n) < 0) {
                drain(in);
                throw new WebErrorMapper.TooLarge(limit);
            }
            return n;
        }
    }
}
