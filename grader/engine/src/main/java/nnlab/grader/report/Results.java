package nnlab.grader.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import nnlab.grader.Disclosure;
import nnlab.grader.Score;
import nnlab.grader.Text;
import nnlab.grader.Visibility;

/**
 * A Gradescope {@code results.json} under construction, which {@link #document()} turns into the typed
 * {@link ResultsDocument}: tests with score, max_score, status, output and visibility, the top-level score and
 * output, and the extra data. Every output text passes through {@link Text#multiline}, so control characters from a
 * submission reach no report raw. Written atomically (temp file, then rename).
 *
 * <p>Gradescope shows a test's name, score and output under one visibility, so each entry is written with its
 * {@link Disclosure#outcome() outcome's} visibility and an output holding only the parts shown as early as the outcome
 * (see {@link Test#textFor(Disclosure.Reader)}); the rest is kept in the entry's {@link TestData} (diagnosis,
 * mistakes, details, disclosure), which Gradescope never shows a student and the HTML report shows by the same policy.
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
        String status = TestResult.FAILED;
        String output;
        String diagnosis = "";
        List<Score.Mistake> mistakes = List.of();
        Long durationMillis;
        TestData.Probes probes;
        final Map<String, Object> attached = new LinkedHashMap<>();

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

        /** Returns the data the test attached (tables, curves, accuracies), by name; callers add to it. */
        public Map<String, Object> attached() {
            return attached;
        }

        /** Records how long the test ran. */
        public void durationMillis(long millis) {
            this.durationMillis = millis;
        }

        /** Records the test's per-run probes; null when none ran. */
        public void probes(TestData.Probes record) {
            this.probes = record;
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

        /** Returns the entry as written. */
        public TestResult toResult() {
            // Gradescope shows the output to whoever sees the entry, i.e. from the outcome's visibility on.
            String shown = textFor(readerOf(disclosure.outcome()));
            String details = output == null ? "" : output;
            Map<String, JsonNode> data = new LinkedHashMap<>();
            attached.forEach((k, v) -> data.put(k, ResultsDocument.JSON.valueToTree(v)));
            TestData extra = new TestData(durationMillis, probes,
                    disclosure.equals(Disclosure.VISIBLE) ? null : TestData.Shown.of(disclosure), mistakes, diagnosis,
                    details.equals(shown) ? null : details, data);
            return new TestResult(number + " " + name, number, ResultsDocument.round(score),
                    ResultsDocument.round(maxScore), status, shown, disclosure.outcome().gradescope(), extra);
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

    private final List<Test> tests = new ArrayList<>();
    private String output = "";
    private double executionSeconds;
    private final RunData.Builder run = new RunData.Builder();

    /** Returns the tests, in report order. */
    public List<Test> tests() {
        return tests;
    }

    /** Returns the total score. */
    public double score() {
        return ResultsDocument.round(tests.stream().mapToDouble(t -> t.score).sum());
    }

    /** Returns the total of the tests' max scores. */
    public double maxScore() {
        return ResultsDocument.round(tests.stream().mapToDouble(t -> t.maxScore).sum());
    }

    /** Returns the top-level output text. */
    public String output() {
        return output;
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

    /** Returns what the run records besides the tests: seed, versions, timings, isolation, compilation, …. */
    public RunData.Builder run() {
        return run;
    }

    /** Returns the document as written. */
    public ResultsDocument document() {
        return new ResultsDocument(score(), ResultsDocument.round(executionSeconds), output, ResultsDocument.SHOWN,
                ResultsDocument.NOT_SHOWN, run.build(), tests.stream().map(Test::toResult).toList(), List.of());
    }

    /** Writes the document to {@code file} atomically: readers see the old file or the complete new one. */
    public void write(Path file) throws IOException {
        document().write(file);
    }

    /** Returns a terminal summary: one line per test and the total. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        for (Test t : tests) {
            sb.append(String.format(Locale.ROOT, "%-6s %-7s %6.2f / %-6.2f %s%n", t.number, t.status,
                    ResultsDocument.round(t.score), ResultsDocument.round(t.maxScore), t.name));
        }
        sb.append(String.format(Locale.ROOT, "Total: %.2f / %.2f%n", score(), maxScore()));
        return sb.toString();
    }
}
