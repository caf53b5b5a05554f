package nnlab.grader.course;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.ResultsDocument.LeaderboardEntry;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;

/**
 * The leaderboard quantities of a submission: the held-out accuracy of each Part 5 training recipe (the tests that
 * record {@link TestData#TEST_ACCURACY}), in Gradescope's {@code leaderboard} format — a name, a value and a sort
 * order, higher first — and their mean, by which the batch page ranks submissions.
 */
final class Leaderboard {

    private static final double ACCURACY_SCALE = 1e4;

    private Leaderboard() {
    }

    /**
     * Returns {@code results} with Gradescope's top-level leaderboard set from its training tests; results without a
     * recorded accuracy (a refused submission) come back unchanged.
     */
    static ResultsDocument addTo(ResultsDocument results) {
        List<LeaderboardEntry> board = new ArrayList<>();
        for (TestResult t : results.tests()) {
            double accuracy = t.extraData().number(TestData.TEST_ACCURACY);
            if (!Double.isNaN(accuracy)) {
                board.add(new LeaderboardEntry(shortName(t) + " accuracy", fourDigits(accuracy),
                        LeaderboardEntry.HIGHER_FIRST));
            }
        }
        OptionalDouble mean = mean(results);
        if (mean.isEmpty()) {
            return results;
        }
        board.add(0, new LeaderboardEntry("Mean held-out accuracy", fourDigits(mean.getAsDouble()),
                LeaderboardEntry.HIGHER_FIRST));
        return results.withLeaderboard(board);
    }

    /** Returns the mean held-out accuracy of the training tests of {@code results}; empty when none recorded one. */
    static OptionalDouble mean(ResultsDocument results) {
        return results.tests().stream().mapToDouble(t -> t.extraData().number(TestData.TEST_ACCURACY))
                .filter(a -> !Double.isNaN(a)).average();
    }

    /** Accuracies to four digits: one test sample in a few thousand, finer than any test set here resolves. */
    private static double fourDigits(double v) {
        return Math.round(v * ACCURACY_SCALE) / ACCURACY_SCALE;
    }

    /** "Breast cancer" from "5.1.1 Breast cancer: held-out accuracy with the recipe". */
    private static String shortName(TestResult test) {
        String name = test.title().isEmpty() ? test.number().isEmpty() ? "test" : test.number() : test.title().trim();
        int colon = name.indexOf(':');
        return colon > 0 ? name.substring(0, colon) : name;
    }
}
