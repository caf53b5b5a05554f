package nnlab.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nnlab.grader.Disclosure;
import nnlab.grader.Score;
import nnlab.grader.Text;
import nnlab.grader.Visibility;

/**
 * A Gradescope {@code results.json} under construction: tests with score, max_score, status, output and visibility,
 * the top-level score and output, and {@code extra_data}. Every output text passes through {@link Text#multiline}, so
 * control characters from a submission reach no report raw. Written atomically (temp file, then rename).
 *
 * <p>Gradescope shows a test's name, score and output under one visibility, so each entry is written with its
 * {@link Disclosure#outcome() outcome's} visibility and an output holding only the parts shown as early as the outcome
 * (see {@link Test#textFor(Disclosure.Reader)}); the rest is kept in the entry's {@code extra_data} ({@code diagnosis},
 * {@code mistakes}, {@code details}, {@code disclosure}), which Gradescope never shows a student and the HTML report
 * shows by the same policy.
 */
public final class Results {

    /** One test's entry. */
    public static final class Test {
        final String number;
        final String name;
        final double maxScore;
        final Visibility visibility;
        final Disclosure disclosure;
        double score;
        String status = "failed";
        String output;
        String diagnosis = "";
        List<Score.Mistake> mistakes = List.of();
        Map<String, Object> extraData = new LinkedHashMap<>();

        Test(String number, String name, double maxScore, Disclosure disclosure, String output) {
            this.number = number;
            this.name = name;
            this.maxScore = maxScore;
            this.visibility = disclosure.details();
            this.disclosure = disclosure;
            this.output = Text.multiline(output);
        }

        /** Returns the points earned. */
        public double score() {
            return score;
        }

        /** Returns the points available. */
        public double maxScore() {
            return maxScore;
        }

        /** Returns "passed" or "failed". */
        public String status() {
            return status;
        }

        /** Returns the test's number, e.g. "1.4". */
        public String number() {
            return number;
        }

        /** Returns the title. */
        public String name() {
            return name;
        }

        /** Returns the feedback text. */
        public String output() {
            return output;
        }

        /** Returns when this test's details show; {@link #disclosure()} has every part's visibility. */
        public Visibility visibility() {
            return visibility;
        }

        /** Returns what of this test's result each reader sees, and when. */
        public Disclosure disclosure() {
            return disclosure;
        }

        /** Returns the diagnosis shown where the details are not: cases passed, named mistakes or what differs. */
        public String diagnosis() {
            return diagnosis;
        }

        /** Returns the named likely mistakes. */
        public List<Score.Mistake> mistakes() {
            return mistakes;
        }

        /** Records the diagnosis: its value-free text and the named mistakes. */
        public void diagnosis(String text, List<Score.Mistake> named) {
            this.diagnosis = text == null ? "" : text;
            this.mistakes = List.copyOf(named);
        }

        /**
         * Returns the feedback text {@code reader} sees below the test's outcome: the details where they are shown,
         * else the diagnosis where it is shown, else nothing; "" also when the reader does not see the outcome.
         */
        public String textFor(Disclosure.Reader reader) {
            return disclosure.text(reader, status, output == null ? "" : output, diagnosis);
        }

        /** Returns the test's extra data (duration, attached tables); callers add to it. */
        public Map<String, Object> extraData() {
            return extraData;
        }

        /** Replaces the feedback text. */
        public void output(String text) {
            this.output = Text.multiline(text);
        }

        /** Records the outcome: the points earned and "passed" or "failed". */
        public void outcome(double points, String passedOrFailed) {
            this.score = points;
            this.status = passedOrFailed;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", number + " " + name);
            m.put("number", number);
            m.put("score", round(score));
            m.put("max_score", round(maxScore));
            m.put("status", status);
            // Gradescope shows the output to whoever sees the entry, i.e. from the outcome's visibility on.
            String shown = textFor(readerOf(disclosure.outcome()));
            m.put("output", shown);
            m.put("visibility", disclosure.outcome().gradescope());
            Map<String, Object> extra = new LinkedHashMap<>(extraData);
            if (!disclosure.equals(Disclosure.VISIBLE)) {
                extra.put("disclosure", disclosure.toJson());
            }
            if (!mistakes.isEmpty()) {
                List<Map<String, String>> named = new ArrayList<>();
                mistakes.forEach(mk -> named.add(Map.of("id", mk.id(), "message", mk.message())));
                extra.put("mistakes", named);
            }
            if (!diagnosis.isEmpty()) {
                extra.put("diagnosis", diagnosis);
            }
            String details = output == null ? "" : output;
            if (!details.equals(shown)) {
                extra.put("details", details);
            }
            if (!extra.isEmpty()) {
                m.put("extra_data", extra);
            }
            return m;
        }
    }

    /** Returns the earliest reader who sees what is shown at {@code visibility}. */
    private static Disclosure.Reader readerOf(Visibility visibility) {
        return switch (visibility) {
            case VISIBLE -> Disclosure.Reader.STUDENT_BEFORE_DUE_DATE;
            case AFTER_DUE_DATE -> Disclosure.Reader.STUDENT_AFTER_DUE_DATE;
            case HIDDEN -> Disclosure.Reader.STAFF;
        };
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<Test> tests = new ArrayList<>();
    private final Map<String, Object> extraData = new LinkedHashMap<>();
    private String output = "";
    private double executionSeconds;

    /** Returns the tests, in report order. */
    public List<Test> tests() {
        return tests;
    }

    /** Returns the total score. */
    public double score() {
        return round(tests.stream().mapToDouble(t -> t.score).sum());
    }

    /** Returns the total of the tests' max scores. */
    public double maxScore() {
        return round(tests.stream().mapToDouble(t -> t.maxScore).sum());
    }

    /** Returns the top-level output text. */
    public String output() {
        return output;
    }

    /** Returns the extra data (seed, versions, isolation, timings). */
    public Map<String, Object> extraData() {
        return extraData;
    }

    /**
     * Adds a test entry whose every part shows as {@code visibility}, failed with no points until its outcome is
     * recorded; returns it.
     */
    public Test add(String number, String name, double maxScore, Visibility visibility, String output) {
        return add(number, name, maxScore, new Disclosure(visibility, visibility, visibility), output);
    }

    /** Adds a test entry shown as {@code disclosure} says, failed with no points until its outcome is recorded. */
    public Test add(String number, String name, double maxScore, Disclosure disclosure, String output) {
        Test t = new Test(number, name, maxScore, disclosure, output);
        tests.add(t);
        return t;
    }

    /** Replaces the top-level output text. */
    public void output(String text) {
        this.output = Text.multiline(text);
    }

    /** Records how long grading took. */
    public void executionSeconds(double seconds) {
        this.executionSeconds = seconds;
    }

    /** Returns the Gradescope document as plain values. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("score", score());
        m.put("execution_time", round(executionSeconds));
        m.put("output", output);
        m.put("visibility", "visible");
        m.put("stdout_visibility", "hidden");
        m.put("extra_data", extraData);
        List<Object> list = new ArrayList<>();
        tests.forEach(t -> list.add(t.toJson()));
        m.put("tests", list);
        return m;
    }

    /** Writes the document to {@code file} atomically: readers see the old file or the complete new one. */
    public void write(Path file) throws IOException {
        AtomicFile.write(file, JSON.writeValueAsBytes(toJson()));
    }

    /** Rounds points to hundredths, as reported. */
    public static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Returns a terminal summary: one line per test and the total. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Test t : tests) {
            sb.append(String.format(Locale.ROOT, "%-6s %-7s %6.2f / %-6.2f %s%n", t.number, t.status, round(t.score),
                    round(t.maxScore), t.name));
        }
        sb.append(String.format(Locale.ROOT, "Total: %.2f / %.2f%n", score(), maxScore()));
        return sb.toString();
    }
}
