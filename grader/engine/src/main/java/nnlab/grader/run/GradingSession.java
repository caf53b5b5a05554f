package nnlab.grader.run;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import nnlab.grader.Score;
import nnlab.grader.sandbox.Endpoint;

/**
 * The state one grading run shares with its tests: the two endpoints, the two seeds and each test's {@link Score}.
 * The assignment's case seed fixes the scoring cases; the run's seed only steers probes, which move no points. Tests
 * find the session through a launcher configuration parameter, so several runs can share a JVM.
 */
final class GradingSession implements AutoCloseable {

    /** The launcher configuration parameter naming the session. */
    static final String PARAMETER = "nnlab.grader.session";

    private static final Map<String, GradingSession> SESSIONS = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();
    private final Endpoint student;
    private final Endpoint oracle;
    private final long runSeed;
    private final long caseSeed;
    private final Map<String, Score> scores = new ConcurrentHashMap<>();
    private final Map<String, String> output = new ConcurrentHashMap<>();

    GradingSession(Endpoint student, Endpoint oracle, long runSeed, long caseSeed) {
        this.student = student;
        this.oracle = oracle;
        this.runSeed = runSeed;
        this.caseSeed = caseSeed;
        SESSIONS.put(id, this);
    }

    static GradingSession find(String id) {
        GradingSession s = SESSIONS.get(id);
        if (s == null) {
            throw new IllegalStateException("no grading session " + id + ": graded tests run only inside the grader");
        }
        return s;
    }

    String id() {
        return id;
    }

    Endpoint student() {
        return student;
    }

    Endpoint oracle() {
        return oracle;
    }

    /**
     * Returns the test's score, creating it with case and probe seeds derived from the assignment's case seed and the
     * run's seed, each combined with the test's {@code identity} (its number: stable across runs and refactorings).
     */
    Score score(String uniqueId, String identity, boolean hidden) {
        return scores.computeIfAbsent(uniqueId, k -> new Score(hidden, caseSeed ^ fingerprint(identity),
                runSeed ^ fingerprint("probe " + identity)));
    }

    /** Forgets the test's score and output, so that it can run again from scratch. */
    void forget(String uniqueId) {
        scores.remove(uniqueId);
        output.remove(uniqueId);
    }

    Score existingScore(String uniqueId) {
        return scores.get(uniqueId);
    }

    void recordOutput(String uniqueId, String text) {
        output.put(uniqueId, text);
    }

    String output(String uniqueId) {
        return output.getOrDefault(uniqueId, "");
    }

    private static long fingerprint(String s) {
        long h = 1125899906842597L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return h;
    }

    @Override
    public void close() {
        SESSIONS.remove(id);
    }
}
