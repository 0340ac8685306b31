package engram.simulate;

import static engram.core.random.SplitMix64.mix64;

import java.util.SplittableRandom;

/**
 * Identifiers and generators of synthetic participant {@code index} under {@code seed}: PROLIFIC_PID and SESSION_ID are
 * 24 lowercase hex characters from the SplitMix64 finalizer ({@link engram.core.random.SplitMix64#mix64}) of the seed and index, so
 * they are unique per index and the same on every run with that seed.
 */
public final class SyntheticIds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long PID_SALT = 0x5EED_0000_0000_0001L;
    private static final long SESSION_SALT = 0x5EED_0000_0000_0002L;

    private SyntheticIds() {
    }

    /** @return the PROLIFIC_PID of participant {@code index} */
    public static String prolificPid(long seed, int index) {
        return hex24(seed, index, PID_SALT);
    }

    /** @return the SESSION_ID of participant {@code index} */
    public static String sessionId(long seed, int index) {
        return hex24(seed, index, SESSION_SALT);
    }

    /**
     * @return the SESSION_ID of participant {@code index} in session {@code session} (a later session is a follow-up
     *         study with a SESSION_ID of its own); session 1 gives {@link #sessionId(long, int)}
     */
    public static String sessionId(long seed, int index, int session) {
        return session <= 1 ? sessionId(seed, index) : hex24(seed, index, SESSION_SALT + 0x100L * session);
    }

    /** @return the STUDY_ID of the follow-up study for session {@code session}: {@code studyId-s<session>}, at most 64 characters */
    public static String followUpStudyId(String studyId, int session) {
        String suffix = "-s" + session;
        return studyId.substring(0, Math.min(studyId.length(), 64 - suffix.length())) + suffix;
    }

    /**
     * @return the generator for participant {@code index}'s behaviour in session {@code session}; session 1 gives
     *         {@link #behaviourRandom(long, int)}
     */
    public static SplittableRandom behaviourRandom(long seed, int index, int session) {
        return session <= 1 ? behaviourRandom(seed, index) : new SplittableRandom(mix64(seed + index) + session);
    }

    /** @return the generator for the behaviour of participant {@code index}, seeded with {@code seed + index} */
    public static SplittableRandom behaviourRandom(long seed, int index) {
        return new SplittableRandom(seed + index);
    }

    /** @return a generator for the retry jitter of participant {@code index}, independent of its behaviour draws */
    public static SplittableRandom jitterRandom(long seed, int index) {
        return new SplittableRandom(mix64((seed + index) ^ 0x4A17_7E12_0000_0000L));
    }

    private static String hex24(long seed, int index, long salt) {
        long base = seed * GOLDEN_GAMMA + salt;
        long high = mix64(base + index);
        long low = mix64(high ^ salt);
        return String.format("%016x%08x", high, low >>> 32);
    }

}
