package nnlab.grader.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnlab.grader.Disclosure;
import nnlab.grader.Score;
import nnlab.grader.TestStatus;
import nnlab.grader.Text;
import nnlab.grader.Visibility;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;

/**
 * The {@link Grader}'s results while it grades, which {@link #document()} turns into the typed
 * {@link ResultsDocument}: private to the engine, so nothing else builds a results document. Every output text passes
 * through {@link Text#multiline}, so control characters from a submission reach no report raw.
 *
 * <p>Gradescope shows a test's name, score and output under one visibility, so each entry is written with its
 * {@link Disclosure#outcome() outcome's} visibility and an output holding only what is shown as early as the outcome
 * ({@link Disclosure#outcomeText}); the rest is kept in the entry's {@link TestData} (diagnosis, mistakes, details,
 * disclosure), which Gradescope never shows a student and the reports show by the same policy.
 */
final class ResultsBuilder {

    /** One test's entry while it is graded. */
    static final class Entry {
        final String number;
        final String name;
        final double maxScore;
        final Disclosure disclosure;
        double score;
        TestStatus status = TestStatus.FAILED;
        String details;
        String diagnosis = "";
        List<Score.Mistake> mistakes = List.of();
        Long durationMillis;
        TestData.Probes probes;
        final Map<String, Object> attached = new LinkedHashMap<>();

        Entry(String number, String name, double maxScore, Disclosure disclosure, String details) {
            this.number = number;
            this.name = name;
            this.maxScore = maxScore;
            this.disclosure = disclosure;
            this.details = Text.multiline(details);
        }

        /** Replaces the details: the failed cases, what the code printed. */
        void details(String text) {
            this.details = Text.multiline(text);
        }

        /** Records the diagnosis: its value-free text and the named mistakes. */
        void diagnosis(String text, List<Score.Mistake> named) {
            this.diagnosis = text == null ? "" : text;
            this.mistakes = List.copyOf(named);
        }

        /** Records the outcome: the points earned and the status. */
        void outcome(double points, TestStatus earned) {
            this.score = points;
            this.status = earned;
        }

        TestResult toResult() {
            String all = details == null ? "" : details;
            String shown = disclosure.outcomeText(status, all, diagnosis);
            return new TestResult(number + " " + name, number, ResultsDocument.round(score),
                    ResultsDocument.round(maxScore), status, shown, disclosure.outcome().gradescope(),
                    TestData.of(durationMillis, probes, disclosure, mistakes, diagnosis, all, shown, attached));
        }
    }

    private final List<Entry> tests = new ArrayList<>();
    private String output = "";
    private double executionSeconds;
    private final RunData.Builder run = new RunData.Builder();

    /** Returns the total score. */
    double score() {
        return ResultsDocument.round(tests.stream().mapToDouble(t -> t.score).sum());
    }

    /** Returns the total of the tests' max scores. */
    double maxScore() {
        return ResultsDocument.round(tests.stream().mapToDouble(t -> t.maxScore).sum());
    }

    /** Adds an entry whose every part shows as {@code visibility}, failed with no points until its outcome is in. */
    Entry add(String number, String name, double maxScore, Visibility visibility, String details) {
        return add(number, name, maxScore, new Disclosure(visibility, visibility, visibility), details);
    }

    /** Adds an entry shown as {@code disclosure} says, failed with no points until its outcome is recorded. */
    Entry add(String number, String name, double maxScore, Disclosure disclosure, String details) {
        Entry t = new Entry(number, name, maxScore, disclosure, details);
        tests.add(t);
        return t;
    }

    /** Replaces the top-level output text. */
    void output(String text) {
        this.output = Text.multiline(text);
    }

    /** Records how long grading took. */
    void executionSeconds(double seconds) {
        this.executionSeconds = seconds;
    }

    /** Returns what the run records besides the tests: seed, versions, timings, isolation, compilation, …. */
    RunData.Builder run() {
        return run;
    }

    /** Returns the document as written. */
    ResultsDocument document() {
        return new ResultsDocument(score(), ResultsDocument.round(executionSeconds), output, ResultsDocument.SHOWN,
                ResultsDocument.NOT_SHOWN, run.build(), tests.stream().map(Entry::toResult).toList(), List.of());
    }

    /** Writes the document to {@code file} atomically: readers see the old file or the complete new one. */
    void write(Path file) throws IOException {
        document().write(file);
    }
}
