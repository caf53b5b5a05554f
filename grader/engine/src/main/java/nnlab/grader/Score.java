package nnlab.grader;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.opentest4j.AssertionFailedError;

import nnlab.grader.score.Differences;
import nnlab.grader.score.Fingerprint;
import nnlab.grader.score.GradientCheck;
import nnlab.grader.score.Tolerance;

/**
 * One graded test's record: partial credit case by case, and tolerant comparisons whose messages show the input,
 * the expected and the actual value — except in a hidden test, where they show neither the input nor the expected
 * value. A test that never calls {@link #check} earns all or nothing.
 *
 * <p>Scoring cases come from {@link #random()}, which is the same in every run of one assignment version, so a
 * submission's points never depend on the run. Per-run random cases are {@linkplain #probe probes}: they look for
 * mistakes the fixed cases miss and tell the TA, but never move points.
 */
public final class Score {

    private static final int SHOWN_FAILURES = 3;
    private static final int SHOWN_VALUES = 8;
    /** The prefix of a feedback line that names a likely mistake. */
    public static final String MISTAKE_PREFIX = "Likely mistake: ";
    /** The prefix of a feedback line that says what differs when no mistake is named. */
    public static final String DIFFERS_PREFIX = "What differs: ";
    /**
     * The prefix of the id of a mistake named by the assignment's diagnosis dictionary (a machine-made mutant that
     * reproduces the student's values) rather than by its hand-written catalogue: such a mistake leaves the "what
     * differs" lines in place, since it says which change reproduces the values, not which values differ.
     */
    public static final String DICTIONARY_PREFIX = "dictionary:";
    /** How many distinct "what differs" lines the feedback shows. */
    private static final int SHOWN_DIFFERENCES = 3;

    /** A named likely mistake: a stable identifier (e.g. an enum constant's name) and the sentence shown. */
    public record Mistake(String id, String message) {
    }

    private final boolean hidden;
    private final Random random;
    private final Random probeRandom;
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> probeFailures = new ArrayList<>();
    private final List<String> probeNotes = new ArrayList<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private final List<Mistake> mistakes = new ArrayList<>();
    private final List<String> differences = new ArrayList<>();
    private final List<String> crashes = new ArrayList<>();
    private final Fingerprint fingerprint = new Fingerprint();
    private int cases;
    private int passed;
    private int probes;
    private boolean probing;

    /**
     * Creates a test's record; {@code hidden} hides inputs and expected values from its messages, {@code caseSeed}
     * seeds the scoring cases (fixed per assignment version and test) and {@code probeSeed} the probes (per run).
     */
    public Score(boolean hidden, long caseSeed, long probeSeed) {
        this.hidden = hidden;
        this.random = new Random(caseSeed);
        this.probeRandom = new Random(probeSeed);
    }

    /**
     * Returns the random source of this test's scoring cases: seeded from the assignment's secret case seed and the
     * test's number, so every run of one assignment version draws the same cases and a submission's points depend on
     * the submission alone.
     */
    public Random random() {
        return random;
    }

    /**
     * Returns the random source of this test's {@linkplain #probe probes}: seeded from the run's seed and the test's
     * number, so each run looks somewhere else. Draw only probe inputs from it, never scoring cases.
     */
    public Random probeRandom() {
        return probeRandom;
    }

    /** Returns whether this test is hidden, so that messages must not reveal inputs or expected values. */
    public boolean hidden() {
        return hidden;
    }

    /**
     * Runs one case worth an equal share of the test's points; a failed assertion or a failure of student code fails
     * the case and grading goes on with the next one.
     */
    public void check(String label, Runnable body) {
        cases++;
        try {
            body.run();
            passed++;
            fingerprint.token("ok");
        } catch (AssertionError e) {
            failures.add(label + ": " + e.getMessage());
            fingerprint.token("fail");
        } catch (StudentException e) {
            crashes.add(e.brief());
            failures.add(label + ": " + e.describe());
            uncaught(e);
        } catch (RuntimeException e) {
            failures.add(label + ": your result could not be checked (" + e + ")");
            uncaught(e);
        }
    }

    /**
     * Adds a failure that is not a comparison to the {@linkplain #fingerprint() fingerprint}: a {@link StudentException}
     * by its kind and exception class (never its message or frames, which vary with the student's code), anything else
     * by its class. The grader calls this for a test that ended in an exception outside {@link #check}.
     */
    public void uncaught(Throwable e) {
        if (probing) {
            return;
        }
        fingerprint.token(e instanceof StudentException s ? "!" + s.kind() + ":" + s.exceptionClass()
                : "!" + e.getClass().getName());
    }

    /**
     * Returns the fingerprint of the student's values this test compared, in order, outside probes (see
     * {@link Fingerprint}): what a machine-made mistake's entry in the assignment's diagnosis dictionary is looked up
     * by. Null when the test compared nothing. For the trusted side only: never shown to a student.
     */
    public String fingerprint() {
        return fingerprint.digest();
    }

    /**
     * Runs one probe: a case, usually drawn from {@link #probeRandom()}, that looks for a mistake the fixed cases
     * might miss. It earns and costs nothing, and the student never sees it; a failure is kept for the TA (see
     * {@link #probeFailures()}), and notes added while it runs go with it.
     */
    public void probe(String label, Runnable body) {
        probes++;
        probing = true;
        try {
            body.run();
        } catch (AssertionError e) {
            probeFailures.add(label + ": " + e.getMessage());
        } catch (StudentException e) {
            probeFailures.add(label + ": " + e.describe());
        } catch (RuntimeException e) {
            probeFailures.add(label + ": the result could not be checked (" + e + ")");
        } finally {
            probing = false;
        }
    }

    /** Adds a line to the test's feedback, e.g. a named likely mistake; during a probe, to the probe's record. */
    public void note(String text) {
        if (probing) {
            if (!probeNotes.contains(text)) {
                probeNotes.add(text);
            }
        } else {
            notes.add(text);
        }
    }

    /**
     * Names a likely mistake: {@code message} (one sentence, no input, expected or actual value) is added to the
     * feedback after {@link #MISTAKE_PREFIX} and recorded with {@code id} for reports; a repeated id is ignored.
     * During a {@link #probe} it goes to the probe's record only, like a note.
     */
    public void mistake(String id, String message) {
        if (probing) {
            note(MISTAKE_PREFIX + message);
            return;
        }
        if (mistakes.stream().noneMatch(m -> m.id().equals(id))) {
            mistakes.add(new Mistake(id, message));
            notes.add(MISTAKE_PREFIX + message);
        }
    }

    /** Returns whether a mistake of the hand-written catalogue (not of the diagnosis dictionary) is named. */
    public boolean catalogued() {
        return mistakes.stream().anyMatch(m -> !m.id().startsWith(DICTIONARY_PREFIX));
    }

    /** Returns the named likely mistakes, in the order they were named. */
    public List<Mistake> mistakes() {
        return List.copyOf(mistakes);
    }

    /**
     * Returns what differed in the failed comparisons, described by pattern without any value (see
     * {@link Differences}): one line per distinct description, at most a few.
     */
    public List<String> differences() {
        return differences.stream().distinct().limit(SHOWN_DIFFERENCES).toList();
    }

    /**
     * Returns the diagnosis a student may see while hidden cases must stay hidden: how many cases passed, the named
     * mistakes and, unless the catalogue names one, what differs. Never an input, an expected value or the student's value.
     */
    public String diagnosis() {
        StringBuilder sb = new StringBuilder();
        if (cases > 0 && passed < cases) {
            sb.append(passed).append(" of ").append(cases).append(" cases passed.");
        }
        mistakes.forEach(m -> sb.append(sb.length() == 0 ? "" : "\n").append(MISTAKE_PREFIX).append(m.message()));
        if (!catalogued()) {
            differences().forEach(d -> sb.append(sb.length() == 0 ? "" : "\n").append(DIFFERS_PREFIX).append(d));
        }
        crashes.stream().distinct().limit(SHOWN_DIFFERENCES)
                .forEach(c -> sb.append(sb.length() == 0 ? "" : "\n").append(c));
        return sb.toString();
    }

    /** Attaches data for reports (e.g. a gradient-check table) to the test's entry in the results, by name. */
    public void data(String key, Object value) {
        data.put(key, value);
    }

    /** Fails unless {@code actual} is within {@code tolerance} of {@code expected}. */
    public void close(String what, String input, double expected, double actual, Tolerance tolerance) {
        if (!probing) {
            fingerprint.value(actual);
        }
        if (!tolerance.accepts(expected, actual)) {
            differ(what, Differences.describe(expected, actual, tolerance));
            throw new AssertionFailedError(mismatch(what, input, format(expected), format(actual), "", tolerance, actual));
        }
    }

    /** {@link #close(String, String, double, double, Tolerance)} with {@link Tolerance#DEFAULT}. */
    public void close(String what, String input, double expected, double actual) {
        close(what, input, expected, actual, Tolerance.DEFAULT);
    }

    /** Fails unless the arrays have the same length and every entry is within {@code tolerance}. */
    public void close(String what, String input, double[] expected, double[] actual, Tolerance tolerance) {
        if (!probing) {
            fingerprint.values(actual);
        }
        if (actual == null) {
            differ(what, "returned null");
            throw new AssertionFailedError(what + " returned null" + inputs(input) + ".");
        }
        if (actual.length != expected.length) {
            differ(what, Differences.describe(expected, actual, tolerance));
            throw new AssertionFailedError(what + " returned " + actual.length + " values but " + expected.length
                    + " were expected" + inputs(input) + ".");
        }
        for (int i = 0; i < expected.length; i++) {
            if (!tolerance.accepts(expected[i], actual[i])) {
                differ(what, Differences.describe(expected, actual, tolerance));
                throw new AssertionFailedError(mismatch(what, input, show(expected), show(actual), " (entry " + i + ")",
                        tolerance, actual[i]));
            }
        }
    }

    /**
     * Fails unless the flat parameter vectors (or gradients) agree entry by entry within {@code tolerance}; what differs
     * is said by the layers' parameters of {@code layout}, as a student reads the network, not by flat index.
     */
    public void close(String what, String input, double[] expected, double[] actual, Tolerance tolerance,
                      List<GradientCheck.Block> layout) {
        int before = differences.size();
        try {
            close(what, input, expected, actual, tolerance);
        } catch (AssertionFailedError e) {
            if (!probing && differences.size() > before) {
                differences.set(differences.size() - 1, what + ": " + Differences.describe(expected, actual, tolerance,
                        layout) + ".");
            }
            throw e;
        }
    }

    /** Fails unless the matrices have the same shape and every entry is within {@code tolerance}. */
    public void close(String what, String input, double[][] expected, double[][] actual, Tolerance tolerance) {
        if (!probing) {
            fingerprint.values(actual);
        }
        if (actual == null) {
            differ(what, "returned null");
            throw new AssertionFailedError(what + " returned null" + inputs(input) + ".");
        }
        String expectedShape = Differences.shape(expected);
        String actualShape = Differences.shape(actual);
        if (!expectedShape.equals(actualShape)) {
            differ(what, Differences.describe(expected, actual, tolerance));
            throw new AssertionFailedError(what + " returned a " + actualShape + " matrix but a " + expectedShape
                    + " one was expected" + inputs(input) + ".");
        }
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                if (!tolerance.accepts(expected[r][c], actual[r][c])) {
                    differ(what, Differences.describe(expected, actual, tolerance));
                    throw new AssertionFailedError(mismatch(what, input, show(expected), show(actual),
                            " (entry [" + r + "][" + c + "])", tolerance, actual[r][c]));
                }
            }
        }
    }

    /**
     * Fails unless the rank-4 (batch, height, width, channels) tensors have the same shape and every entry is within
     * {@code tolerance}; the message locates the first differing entry as (b, i, j, c).
     */
    public void close(String what, String input, double[][][][] expected, double[][][][] actual, Tolerance tolerance) {
        if (!probing) {
            fingerprint.values(actual);
        }
        if (actual == null) {
            differ(what, "returned null");
            throw new AssertionFailedError(what + " returned null" + inputs(input) + ".");
        }
        String expectedShape = Differences.shape(expected);
        String actualShape = Differences.shape(actual);
        if (!expectedShape.equals(actualShape) || expectedShape.equals("ragged")) {
            differ(what, Differences.describe(expected, actual, tolerance));
            throw new AssertionFailedError(what + " returned a " + actualShape + " tensor but a " + expectedShape
                    + " one was expected" + inputs(input) + ".");
        }
        for (int b = 0; b < expected.length; b++) {
            for (int i = 0; i < expected[b].length; i++) {
                for (int j = 0; j < expected[b][i].length; j++) {
                    for (int c = 0; c < expected[b][i][j].length; c++) {
                        if (!tolerance.accepts(expected[b][i][j][c], actual[b][i][j][c])) {
                            differ(what, Differences.describe(expected, actual, tolerance));
                            throw new AssertionFailedError(mismatch(what, input, show(flat(expected)),
                                    show(flat(actual)), " (entry (b, i, j, c) = (" + b + ", " + i + ", " + j + ", " + c
                                    + "), in row-major order)", tolerance, actual[b][i][j][c]));
                        }
                    }
                }
            }
        }
    }

    private static double[] flat(double[][][][] t) {
        return Arrays.stream(t).flatMap(Arrays::stream).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
    }

    /** Fails with {@code message} unless {@code condition} holds. */
    public void require(boolean condition, String message) {
        if (!condition) {
            throw new AssertionFailedError(message);
        }
    }

    /** Returns how many cases {@link #check} ran. */
    public int cases() {
        return cases;
    }

    /** Returns how many of them passed. */
    public int passed() {
        return passed;
    }

    /** Returns how many probes {@link #probe} ran. */
    public int probes() {
        return probes;
    }

    /** Returns what the failed probes reported, in order. */
    public List<String> probeFailures() {
        return List.copyOf(probeFailures);
    }

    /** Returns the notes (named mistakes) recorded while probing, in order. */
    public List<String> probeNotes() {
        return List.copyOf(probeNotes);
    }

    /** Returns the data attached with {@link #data(String, Object)}. */
    public Map<String, Object> data() {
        return data;
    }

    /**
     * Records what differs in a failed comparison that {@link #close} did not make (e.g. a gradient check's
     * {@code summary()}), for the diagnosis a student sees: {@code what} names the compared quantity and where to look,
     * {@code how} the pattern; neither may hold an input, an expected value or the student's value.
     */
    public void differs(String what, String how) {
        if (!probing) {
            fingerprint.token(how);
        }
        differ(what, how);
    }

    /** Records what differs in one failed comparison; {@code what} names the compared quantity, never a value. */
    private void differ(String what, String how) {
        if (probing) {
            return;
        }
        differences.add(what + ": " + how + ".");
    }

    /**
     * Returns the feedback lines: the first few failed cases and the notes, and what differs when no mistake is named
     * (the notes hold the named mistakes).
     */
    public String feedback() {
        StringBuilder sb = new StringBuilder();
        if (cases > 0 && passed < cases) {
            sb.append(passed).append(" of ").append(cases).append(" cases passed.");
            failures.stream().limit(SHOWN_FAILURES).forEach(f -> sb.append("\n- ").append(f));
            if (failures.size() > SHOWN_FAILURES) {
                sb.append("\n- … and ").append(failures.size() - SHOWN_FAILURES).append(" more failed cases");
            }
        }
        notes.forEach(n -> sb.append(sb.length() == 0 ? "" : "\n").append(n));
        if (!catalogued()) {
            differences().forEach(d -> sb.append(sb.length() == 0 ? "" : "\n").append(DIFFERS_PREFIX).append(d));
        }
        return sb.toString();
    }

    private String mismatch(String what, String input, String expected, String actual, String where, Tolerance tol,
                            double offending) {
        String nan = Double.isNaN(offending) ? " Your value is NaN (not a number): look for 0/0, ∞ − ∞, log of a negative"
                + " number or exp overflowing." : "";
        if (hidden) {
            return what + " is not within " + tol.describe() + " of the reference on this hidden case" + where
                    + "; your value: " + actual + "." + nan;
        }
        return what + inputs(input) + ": expected " + expected + " but got " + actual + where + " (tolerance "
                + tol.describe() + ")." + nan;
    }

    private String inputs(String input) {
        return hidden || input == null || input.isEmpty() ? "" : " for " + input;
    }

    /** Formats a double for messages: round-trip precise but short where possible. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        String s = String.format(Locale.ROOT, "%.10g", v);
        return Double.parseDouble(s) == v ? s.replaceAll("\\.?0+(e|$)", "$1") : Double.toString(v);
    }

    /** Formats an array for messages, eliding the middle of long ones. */
    public static String show(double[] values) {
        if (values == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i == SHOWN_VALUES && values.length > SHOWN_VALUES + 1) {
                sb.append(", … (").append(values.length - SHOWN_VALUES).append(" more)");
                break;
            }
            sb.append(i == 0 ? "" : ", ").append(format(values[i]));
        }
        return sb.append(']').toString();
    }

    /** Formats a matrix for messages, eliding large ones. */
    public static String show(double[][] values) {
        if (values == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < values.length; r++) {
            if (r == SHOWN_VALUES / 2 && values.length > SHOWN_VALUES / 2 + 1) {
                sb.append(", … (").append(values.length - r).append(" more rows)");
                break;
            }
            sb.append(r == 0 ? "" : ", ").append(show(values[r]));
        }
        return sb.append(']').toString();
    }

    /** Returns a short description of a matrix argument for messages. */
    public static String describe(double[][] values) {
        return values.length * values[0].length <= SHOWN_VALUES * 2 ? show(values)
                : Differences.shape(values) + " matrix";
    }

    @Override
    public String toString() {
        return "Score[" + passed + "/" + cases + ", failures=" + Arrays.toString(failures.toArray()) + "]";
    }
}
