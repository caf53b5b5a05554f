package nnlab.grader.support;

import nnlab.grader.score.Tolerance;

/**
 * The grader's one definition of classification accuracy, computed on the trusted side from a model's raw predictions
 * and labels that never pass through student code: a student's own {@code accuracy} is a number its code reports
 * about itself, and a verdict never rests on one (grader/README.md, "Never trust the code's own report").
 *
 * <p>A row is right when, for one output column, the prediction thresholded at 0.5 ({@code p ≥ 0.5} is class 1)
 * equals the label; for several columns, when the first largest prediction sits where the label's first largest
 * entry does (argmax, ties to the lowest index) — the reference's {@code Sequential.accuracy}. The rule is restated
 * here, not called, on purpose: the engine grades any assignment and depends on no reference solution, so the two
 * {@code argmax} loops are one rule written on both sides of that boundary, and ps1's {@code AccuracyDefinitionTests}
 * keeps them equal (thresholds and ties included).
 */
public final class Accuracy {

    /** The probability at and above which one sigmoid output means class 1. */
    public static final double THRESHOLD = 0.5;

    private Accuracy() {
    }

    /**
     * Returns the fraction of rows of {@code predictions} that agree with {@code labels}.
     *
     * @throws IllegalArgumentException when {@link #problem} finds the predictions unusable
     */
    public static double of(double[][] predictions, double[][] labels) {
        String problem = problem(predictions, labels);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int correct = 0;
        for (int r = 0; r < labels.length; r++) {
            if (labels[r].length == 1) {
                correct += (predictions[r][0] >= THRESHOLD ? 1.0 : 0.0) == labels[r][0] ? 1 : 0;
            } else {
                correct += argmax(predictions[r]) == argmax(labels[r]) ? 1 : 0;
            }
        }
        return (double) correct / labels.length;
    }

    /**
     * Returns why {@code predictions} cannot be scored against {@code labels} — missing, another shape, or a value
     * that is not finite (NaN or infinite: no class can be read from it) — in words for a student; null when they can.
     * Never shows a prediction or a label.
     */
    public static String problem(double[][] predictions, double[][] labels) {
        String expectedShape = labels.length + " × " + (labels.length == 0 ? 0 : labels[0].length);
        if (predictions == null) {
            return "predict returned null instead of a " + expectedShape + " matrix";
        }
        if (predictions.length != labels.length) {
            return "predict returned " + predictions.length + " rows for " + labels.length + " inputs (expected a "
                    + expectedShape + " matrix, one row per input)";
        }
        for (int r = 0; r < predictions.length; r++) {
            if (predictions[r] == null || predictions[r].length != labels[r].length) {
                return "predict returned " + (predictions[r] == null ? "no" : predictions[r].length) + " columns in row "
                        + r + " (expected a " + expectedShape + " matrix, one column per output unit)";
            }
            for (int c = 0; c < predictions[r].length; c++) {
                if (!Double.isFinite(predictions[r][c])) {
                    return "predict returned " + predictions[r][c] + " at [" + r + "][" + c + "]: no class can be read"
                            + " from a value that is not finite (look for 0/0, log of 0 or exp overflowing in training)";
                }
            }
        }
        return null;
    }

    /**
     * Returns how many rows of {@code actual} differ from {@code expected} (the same shape) in some entry beyond
     * {@code tolerance}: how far a model's own predictions stray from those of the network its reported parameters
     * define.
     */
    public static int disagreeingRows(double[][] expected, double[][] actual, Tolerance tolerance) {
        int rows = 0;
        for (int r = 0; r < expected.length; r++) {
            for (int c = 0; c < expected[r].length; c++) {
                if (!tolerance.accepts(expected[r][c], actual[r][c])) {
                    rows++;
                    break;
                }
            }
        }
        return rows;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
