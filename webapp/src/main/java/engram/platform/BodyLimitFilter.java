package engram.platform;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** Refuses participant request bodies over 64 KiB with 413, whether or not they declare their length. */
@Provider
@PreMatching
public class BodyLimitFilter implements ContainerRequestFilter {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final long DRAIN_LIMIT_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("runs")) {
            return;
        }
        if (request.getLength() > MAX_BODY_BYTES) {
            drain(request.getEntityStream());
            throw new WebErrorMapper.TooLarge();
        }
        request.setEntityStream(new LimitedStream(request.getEntityStream()));
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
        private long remaining = MAX_BODY_BYTES;

        LimitedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                drain(in);
                throw new WebErrorMapper.TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (remaining -= n) < 0) {
                drain(in);
                throw new WebErrorMapper.TooLarge();
            }
            return n;
        }
    }
}
