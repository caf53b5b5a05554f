package nnlab.grader.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import nnlab.grader.Disclosure;
import nnlab.grader.Score;
import nnlab.grader.Visibility;

/**
 * A test entry's {@code extra_data}: what the engine records about one test besides its outcome, and the data the
 * test attached ({@link Score#data(String, Object)}: gradient-check tables, loss curves, accuracies), kept by name in
 * the order attached, after the engine's fields.
 *
 * @param durationMs how long the test ran, in milliseconds
 * @param probes     the per-run probes' record, for the TA
 * @param disclosure when each part of the result shows; absent for a test whose every part is visible
 * @param mistakes   the named likely mistakes, in the order named
 * @param diagnosis  the value-free diagnosis shown where the details are not
 * @param details    the full details, when they differ from what the entry's output shows
 * @param attached   the data the test attached, by name
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TestData(
        @JsonProperty(DURATION_MS) Long durationMs,
        @JsonProperty(PROBES) Probes probes,
        @JsonProperty(DISCLOSURE) Shown disclosure,
        @JsonProperty(MISTAKES) List<Score.Mistake> mistakes,
        @JsonProperty(DIAGNOSIS) String diagnosis,
        @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty(DETAILS) String details,
        @JsonIgnore @JsonAnyGetter Map<String, JsonNode> attached) {

    static final String DURATION_MS = "duration_ms";
    static final String PROBES = "probes";
    static final String DISCLOSURE = "disclosure";
    static final String MISTAKES = "mistakes";
    static final String DIAGNOSIS = "diagnosis";
    static final String DETAILS = "details";

    /** Attached by a training test: the student's loss per epoch. */
    public static final String LOSS_HISTORY = "loss_history";
    /** Attached by a training test: the reference's loss per epoch. */
    public static final String REFERENCE_LOSS_HISTORY = "reference_loss_history";
    /** Attached by a training test that holds data back: the student's validation loss per epoch. */
    public static final String VAL_LOSS_HISTORY = "val_loss_history";
    /** Attached by a training test that holds data back: the reference's validation loss per epoch. */
    public static final String REFERENCE_VAL_LOSS_HISTORY = "reference_val_loss_history";
    /** Attached by a training test: the student's held-out accuracy. */
    public static final String TEST_ACCURACY = "test_accuracy";
    /** Attached by a training test: the reference's held-out accuracy. */
    public static final String REFERENCE_ACCURACY = "reference_accuracy";
    /** Attached by a training test: the accuracy full points need. */
    public static final String TARGET_ACCURACY = "target_accuracy";
    /**
     * Attached by the grader to a failing test: the {@linkplain Score#fingerprint() fingerprint} of the student's values,
     * which the audit looks up in the diagnosis dictionary; no report shows it.
     */
    public static final String FINGERPRINT = "fingerprint";
    /** The prefix of the names under which gradient checks attach their tables. */
    public static final String GRADIENT_CHECK_PREFIX = "gradient_check";

    /** Nothing recorded. */
    public static final TestData NONE = new TestData(null, null, null, null, null, null, null);

    /**
     * Returns what the engine records of one test: its disclosure unless every part is visible, its {@code details}
     * unless the entry's output shows them already ({@code shown}), and the {@code attached} objects as JSON.
     */
    public static TestData of(Long durationMs, Probes probes, Disclosure disclosure, List<Score.Mistake> mistakes,
                              String diagnosis, String details, String shown, Map<String, Object> attached) {
        Map<String, JsonNode> data = new LinkedHashMap<>();
        attached.forEach((k, v) -> data.put(k, ResultsDocument.JSON.valueToTree(v)));
        return new TestData(durationMs, probes, disclosure.equals(Disclosure.VISIBLE) ? null : Shown.of(disclosure),
                mistakes, diagnosis, details.equals(shown) ? null : details, data);
    }

    /** Copies the collections, so an entry never changes once built; no diagnosis is an empty one. */
    public TestData {
        mistakes = mistakes == null ? List.of() : List.copyOf(mistakes);
        diagnosis = diagnosis == null ? "" : diagnosis;
        attached = attached == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attached));
    }

    /**
     * Reads an entry's extra data field by field in the order written, so the attached data keeps its order (a
     * record's any-setter would not keep it).
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TestData read(LinkedHashMap<String, JsonNode> fields) {
        JsonNode duration = fields.remove(DURATION_MS);
        JsonNode probes = fields.remove(PROBES);
        JsonNode disclosure = fields.remove(DISCLOSURE);
        JsonNode mistakes = fields.remove(MISTAKES);
        JsonNode diagnosis = fields.remove(DIAGNOSIS);
        JsonNode details = fields.remove(DETAILS);
        List<Score.Mistake> named = new ArrayList<>();
        if (mistakes != null) {
            mistakes.forEach(m -> named.add(bind(m, Score.Mistake.class)));
        }
        return new TestData(duration == null || duration.isNull() ? null : duration.asLong(), bind(probes, Probes.class),
                bind(disclosure, Shown.class), named, diagnosis == null ? null : diagnosis.asText(),
                details == null || details.isNull() ? null : details.asText(), fields);
    }

    private static <T> T bind(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return ResultsDocument.JSON.treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("a test's " + type.getSimpleName() + " is malformed: "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Returns whether nothing is recorded, so the entry writes no {@code extra_data}. */
    @JsonIgnore
    public boolean isEmpty() {
        return durationMs == null && probes == null && disclosure == null && mistakes.isEmpty()
                && diagnosis.isEmpty() && details == null && attached.isEmpty();
    }

    /** Returns the attached numbers under {@code name}, or null when nothing, or no array, is attached there. */
    public double[] doubles(String name) {
        JsonNode node = attached.get(name);
        if (node == null || !node.isArray()) {
            return null;
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            out[i] = v.isNumber() ? v.asDouble() : Double.NaN;
        }
        return out;
    }

    /** Returns the attached number under {@code name}, or NaN when none is attached there. */
    public double number(String name) {
        JsonNode node = attached.get(name);
        return node != null && node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** Returns the attached gradient-check tables, in the order attached. */
    @JsonIgnore
    public List<GradientCheckTable> gradientChecks() {
        List<GradientCheckTable> out = new ArrayList<>();
        attached.forEach((name, value) -> {
            if (name.startsWith(GRADIENT_CHECK_PREFIX)) {
                out.add(bind(value, GradientCheckTable.class));
            }
        });
        return out;
    }

    /** The {@link JsonInclude.Include#CUSTOM} filter that leaves out an entry's empty extra data. */
    static final class Nothing {
        @Override
        public boolean equals(Object value) {
            return value == null || value instanceof TestData d && d.isEmpty();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    /**
     * The per-run probes of one test, for the TA only: they move no points.
     *
     * @param run      how many probes ran
     * @param failed   how many failed
     * @param flag     whether one failed although the test earned full marks: the fixed cases missed a mistake
     * @param failures the first failures
     * @param notes    notes (named mistakes) recorded while probing
     */
    public record Probes(int run, int failed, boolean flag, List<String> failures, List<String> notes) {
        /** How many probe failures are recorded. */
        static final int RECORDED_FAILURES = 3;

        /** Treats a missing list as empty. */
        public Probes {
            failures = failures == null ? List.of() : List.copyOf(failures);
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        /** Returns the record of {@code score}'s probes, or null when none ran; {@code fullMarks}: the test's. */
        public static Probes of(Score score, boolean fullMarks) {
            if (score.probes() == 0) {
                return null;
            }
            List<String> failures = score.probeFailures();
            return new Probes(score.probes(), failures.size(), fullMarks && !failures.isEmpty(),
                    failures.stream().limit(RECORDED_FAILURES).toList(), score.probeNotes());
        }
    }

    /**
     * A recorded {@link Disclosure}, with Gradescope's names for each part's visibility.
     *
     * @param outcome   when the name, status and points show
     * @param diagnosis when the named mistake or what differs shows
     * @param details   when the cases, the printed output and the data show
     */
    public record Shown(String outcome, String diagnosis, String details) {
        /** Returns the record of {@code d}. */
        public static Shown of(Disclosure d) {
            return new Shown(d.outcome().gradescope(), d.diagnosis().gradescope(), d.details().gradescope());
        }

        /** Returns the disclosure; {@code fallback} stands for a part not recorded. */
        public Disclosure toDisclosure(Visibility fallback) {
            return new Disclosure(read(outcome, fallback), read(diagnosis, fallback), read(details, fallback));
        }

        private static Visibility read(String v, Visibility fallback) {
            return v == null ? fallback : Visibility.fromGradescope(v);
        }
    }

    /**
     * A gradient check's table as attached ({@code GradientCheck.Result#toData}): the worst entries.
     *
     * @param label          what was checked
     * @param checked        how many entries were checked
     * @param failed         how many were off
     * @param kinksResampled how many entries on a kink were replaced
     * @param tooManyKinks   a line for each block with too many kinks
     * @param worst          the worst entries
     */
    public record GradientCheckTable(String label, int checked, int failed, int kinksResampled,
                                     List<String> tooManyKinks, List<Row> worst) {
        /** Treats a missing list as empty. */
        public GradientCheckTable {
            tooManyKinks = tooManyKinks == null ? List.of() : List.copyOf(tooManyKinks);
            worst = worst == null ? List.of() : List.copyOf(worst);
        }

        /**
         * One checked entry.
         *
         * @param block         the parameter block
         * @param entry         the entry's position in it
         * @param analytic      the student's gradient
         * @param numerical     the central difference
         * @param relativeError their relative difference
         * @param passed        whether it is within tolerance
         */
        public record Row(String block, String entry, double analytic, double numerical, double relativeError,
                          boolean passed) {
        }
    }
}
