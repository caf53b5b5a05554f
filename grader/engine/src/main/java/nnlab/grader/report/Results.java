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

import nnlab.grader.Text;
import nnlab.grader.Visibility;

/**
 * A Gradescope {@code results.json} under construction: tests with score, max_score, status, output and visibility,
 * the top-level score and output, and {@code extra_data}. Every output text passes through {@link Text#multiline}, so
 * control characters from a submission reach no report raw. Written atomically (temp file, then rename).
 */
public final class Results {

    /** One test's entry. */
    public static final class Test {
        final String number;
        final String name;
        final double maxScore;
        final Visibility visibility;
        double score;
        String status = "failed";
        String output;
        Map<String, Object> extraData = new LinkedHashMap<>();

        Test(String number, String name, double maxScore, Visibility visibility, String output) {
            this.number = number;
            this.name = name;
            this.maxScore = maxScore;
            this.visibility = visibility;
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

        /** Returns who sees this test. */
        public Visibility visibility() {
            return visibility;
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
            m.put("output", output == null ? "" : output);
            m.put("visibility", visibility.gradescope());
            if (!extraData.isEmpty()) {
                m.put("extra_data", extraData);
            }
            return m;
        }
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

    /** Adds a test entry, failed with no points until its outcome is recorded; returns it. */
    public Test add(String number, String name, double maxScore, Visibility visibility, String output) {
        Test t = new Test(number, name, maxScore, visibility, output);
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
