package nnlab.ps1.grading;

import java.util.List;
import java.util.Random;

import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.Score;
import nnlab.grader.Student;
import nnlab.grader.StudentException;
import nnlab.grader.Visibility;
import nnlab.grader.score.Tolerance;
import nnlab.grader.support.Diagnosis;
import nnlab.grader.support.Draws;
import nnlab.ps1.grading.api.Activation;
import nnlab.ps1.grading.api.Loss;
import nnlab.ps1.grading.api.Ps1;

/** Part 2: activations and losses (20 points). */
class ActivationLossGrading {

    private static final List<String> ELEMENTWISE = List.of("LINEAR", "SIGMOID", "TANH", "RELU", "LEAKY_RELU", "ELU");
    private static final List<String> LOSSES = List.of("MSE", "BINARY_CROSSENTROPY", "CATEGORICAL_CROSSENTROPY");
    /** 2.4.2's batches with several outputs per row: the reduction over the last axis shows only there. */
    private static final int SEVERAL_ROWS = 3;
    private static final int SEVERAL_COLUMNS = 4;
    /** The lecture's leaky slope is 0.1; 0.01 is the common mistake (another library's default). */
    private static final double WRONG_LEAKY_SLOPE = 0.01;
    /** Beyond this |z| a naive exponential overflows. */
    private static final double EXTREME_Z = 700;
    /** The overflow traps among the hard z: far beyond {@link #EXTREME_Z}. */
    private static final double EXTREME = 1000;
    /**
     * The fewest entries of a hard z: a zero and both extremes each need their own, and at least one random entry
     * must remain for the activation's shape between them (the tests draw 4 to 6 rows, so a column vector qualifies).
     */
    private static final int HARD_Z_ENTRIES = 4;
    /** Keras's clipping bound of the cross-entropies. */
    private static final double CLIP = 1e-7;
    /**
     * §2.4's shape check: yTrue, and predictions with one row more and with one column more. Loops over yTrue's shape
     * alone accept both without a word (fewer rows or columns would throw some other exception by themselves).
     */
    private static final double[][] SHAPE_Y = {{1, 0, 0}, {0, 1, 0}};
    private static final double[][] MORE_ROWS_P = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}};
    private static final double[][] MORE_COLUMNS_P = {{0.6, 0.2, 0.1, 0.1}, {0.1, 0.7, 0.1, 0.1}};

    /**
     * LINEAR's forward returns z and its backward gradOutput: exactly what a stub returning its input does. So the
     * LINEAR case pays only once some other activation of the submission does something else with the same input.
     */
    private static void requireNotIdentityEverywhere(Ps1 s, String name, double[][] input,
                                                     java.util.function.BiFunction<Activation, double[][], double[][]> f) {
        if (!name.equals("LINEAR")) {
            return;
        }
        for (String other : ELEMENTWISE) {
            if (other.equals(name)) {
                continue;
            }
            try {
                if (!Diagnosis.close(input, f.apply(s.activation(other), input), Tolerance.DEFAULT)) {
                    return;
                }
            } catch (StudentException e) {
                // Not implemented (or broken): try the next activation.
            }
        }
        throw new AssertionError("not counted yet: LINEAR returns its input unchanged, and so does every other"
                + " activation of yours (or they throw); this case counts once another activation is implemented");
    }

    /**
     * Returns random z of {@code rows} × {@code cols} (at least {@link #HARD_Z_ENTRIES} entries) with an exact zero (the
     * kink), entries of ±1000 (overflow traps) and random ones, so every activation meets all three whatever the
     * cases' seed draws.
     */
    private static double[][] hardZ(Random r, int rows, int cols) {
        if (rows * cols < HARD_Z_ENTRIES) {
            throw new IllegalArgumentException("hardZ needs " + HARD_Z_ENTRIES + " entries for a zero, both"
                    + " extremes and a random one, got " + rows + " × " + cols);
        }
        double[][] z = Draws.matrix(r, rows, cols, 4);
        z[0][0] = 0;
        z[rows - 1][cols - 1] = EXTREME;
        z[rows / 2][0] = -EXTREME;
        return z;
    }

    @GradedTest(number = "2.1.1", name = "Activations forward (all but softmax)", points = 5,
            visibility = Visibility.AFTER_DUE_DATE)
    void forward(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (String name : ELEMENTWISE) {
            double[][] z = hardZ(r, 4 + r.nextInt(3), 1 + r.nextInt(4));
            score.check(name, () -> {
                requireNotIdentityEverywhere(s, name, z, (a, m) -> a.forward(m));
                double[][] expected = o.activation(name).forward(z);
                double[][] actual = s.activation(name).forward(z);
                if (name.equals("LEAKY_RELU")) {
                    diagnosis.match(expected, actual, new Diagnosis.Candidate(Mistake.LEAKY_SLOPE,
                            Diagnosis.map(z, (v, unused) -> v > 0 ? v : WRONG_LEAKY_SLOPE * v, z)));
                }
                score.close(name + ".forward (§2.1)", "z = " + Score.show(z), expected, actual, Tolerance.DEFAULT);
            });
        }
    }

    @GradedTest(number = "2.2.1", name = "Activation derivatives (backward), kinks included", points = 5,
            visibility = Visibility.HIDDEN)
    void backward(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (String name : ELEMENTWISE) {
            int rows = 4 + r.nextInt(3);
            int cols = 1 + r.nextInt(4);
            double[][] z = hardZ(r, rows, cols);
            double[][] g = Draws.matrix(r, rows, cols, 2);
            score.check(name, () -> {
                requireNotIdentityEverywhere(s, name, g, (a, m) -> a.backward(z, m));
                double[][] expected = o.activation(name).backward(z, g);
                double[][] actual = s.activation(name).backward(z, g);
                diagnosis.nameIf(overflowsAtExtremes(z, expected, actual), Mistake.ACTIVATION_OVERFLOW);
                diagnosis.match(expected, actual, backwardMistakes(name, o, z, g));
                score.close(name + ".backward (§2.2)", "", expected, actual, Tolerance.DEFAULT);
            });
        }
        // §2.2: z and gradOutput of another shape, in one dimension only (a check that needs both to differ lets
        // them through). One case, so that a backward that only ever throws earns nothing here.
        score.check("gradOutput of another shape than z", () -> {
            for (String name : ELEMENTWISE) {
                OptimizerGrading.requireIllegalArgument(score, () -> s.activation(name).backward(SHAPE_Y,
                        MORE_COLUMNS_P), name + ".backward (§2.2) with a gradOutput of more columns than z");
                OptimizerGrading.requireIllegalArgument(score, () -> s.activation(name).backward(SHAPE_Y,
                        MORE_ROWS_P), name + ".backward (§2.2) with a gradOutput of more rows than z");
            }
        });
    }

    @GradedTest(number = "2.3.1", name = "Softmax forward and backward, stable for |z| = 1000", points = 4,
            visibility = Visibility.AFTER_DUE_DATE)
    void softmax(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Activation student = s.activation("SOFTMAX");
        Activation oracle = o.activation("SOFTMAX");
        Diagnosis diagnosis = new Diagnosis(score);
        double[][] plain = Draws.matrix(r, 3, 4, 3);
        double[][] large = {{1000, 999, -1000}, {-1000, -1001, -999}};
        double[][] oneRow = Draws.matrix(r, 1, 5, 2);
        score.check("forward", () -> score.close("SOFTMAX.forward (§2.3)", "z = " + Score.show(plain),
                oracle.forward(plain), student.forward(plain), Tolerance.DEFAULT));
        score.check("forward, |z| = 1000", () -> {
            double[][] actual = student.forward(large);
            diagnosis.nameIf(Diagnosis.nonFinite(actual), Mistake.SOFTMAX_NO_SHIFT);
            score.close("SOFTMAX.forward (§2.3, subtract the row maximum)", "z = " + Score.show(large),
                    oracle.forward(large), actual, Tolerance.DEFAULT);
        });
        double[][] g = Draws.matrix(r, 3, 4, 1);
        score.check("backward", () -> {
            double[][] expected = oracle.backward(plain, g);
            double[][] actual = student.backward(plain, g);
            double[][] softmax = oracle.forward(plain);
            diagnosis.match(expected, actual, new Diagnosis.Candidate(Mistake.SOFTMAX_DIAGONAL,
                    Diagnosis.map(softmax, (v, gv) -> v * (1 - v) * gv, g)));
            score.close("SOFTMAX.backward (§2.3)", "z = " + Score.show(plain) + ", gradOutput = " + Score.show(g),
                    expected, actual, Tolerance.DEFAULT);
        });
        double[][] g1 = Draws.matrix(r, 1, 5, 1);
        score.check("backward, one row", () -> score.close("SOFTMAX.backward (§2.3)", "z = " + Score.show(oneRow)
                + ", gradOutput = " + Score.show(g1), oracle.backward(oneRow, g1), student.backward(oneRow, g1),
                Tolerance.DEFAULT));
    }

    @GradedTest(number = "2.4.1", name = "Loss values: the lecture's cross-entropy table", points = 1)
    void lectureTable(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        double[][] lectureY = {{0}, {0}, {1}, {1}};
        double[][] lectureP = {{0.1}, {0.9}, {0.1}, {0.9}};
        Diagnosis diagnosis = new Diagnosis(score);
        score.check("BINARY_CROSSENTROPY, lecture table", () -> {
            double expected = o.loss("BINARY_CROSSENTROPY").value(lectureY, lectureP);
            double actual = s.loss("BINARY_CROSSENTROPY").value(lectureY, lectureP);
            diagnosis.match(expected, actual, reductionMistakes("BINARY_CROSSENTROPY", lectureY, expected));
            score.close("BINARY_CROSSENTROPY.value (§2.4)", "yTrue = " + Score.show(lectureY) + ", yPred = "
                    + Score.show(lectureP), expected, actual);
        });
        // The handout's clipped values: a prediction of exactly 0 or 1 costs −log(1e-7) = 16.1181, not ∞.
        double[][] certainY = {{1, 0}, {0, 1}};
        double[][] certainP = {{0, 1}, {1, 0}};
        for (String name : List.of("BINARY_CROSSENTROPY", "CATEGORICAL_CROSSENTROPY")) {
            score.check(name + " at predictions of exactly 0 and 1", () -> {
                double expected = o.loss(name).value(certainY, certainP);
                double actual = s.loss(name).value(certainY, certainP);
                diagnosis.nameIf(!Double.isFinite(actual), Mistake.CROSSENTROPY_NOT_CLIPPED);
                score.close(name + ".value (§2.4, clipped predictions)", "yTrue = " + Score.show(certainY)
                        + ", yPred = " + Score.show(certainP), expected, actual);
            });
        }
    }

    @GradedTest(number = "2.4.2", name = "Loss values: random batches of every loss", points = 2,
            visibility = Visibility.AFTER_DUE_DATE)
    void values(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (String name : LOSSES) {
            int rows = 1 + r.nextInt(4);
            int cols = 1 + r.nextInt(3);
            double[][] y = name.equals("CATEGORICAL_CROSSENTROPY") ? Draws.oneHot(r, rows, cols + 1) : Draws.binary(r, rows, cols);
            double[][] p = name.equals("CATEGORICAL_CROSSENTROPY") ? Gen.distributions(r, rows, cols + 1)
                    : Gen.probabilities(r, rows, cols);
            score.check(name, () -> {
                double expected = o.loss(name).value(y, p);
                double actual = s.loss(name).value(y, p);
                diagnosis.match(expected, actual, reductionMistakes(name, y, expected));
                score.close(name + ".value (§2.4)", "yTrue = " + Score.show(y) + ", yPred = " + Score.show(p), expected,
                        actual);
            });
        }
        // On purpose, not by the draw: several columns, so that a mean over the rows of each row's sum (Keras averages
        // over the last axis first, then over the batch) loses points for every loss.
        for (String name : LOSSES) {
            boolean categorical = name.equals("CATEGORICAL_CROSSENTROPY");
            double[][] y = categorical ? Draws.oneHot(r, SEVERAL_ROWS, SEVERAL_COLUMNS)
                    : Draws.binary(r, SEVERAL_ROWS, SEVERAL_COLUMNS);
            double[][] p = categorical ? Gen.distributions(r, SEVERAL_ROWS, SEVERAL_COLUMNS)
                    : Gen.probabilities(r, SEVERAL_ROWS, SEVERAL_COLUMNS);
            score.check(name + ", " + SEVERAL_ROWS + " rows × " + SEVERAL_COLUMNS + " columns", () -> {
                double expected = o.loss(name).value(y, p);
                double actual = s.loss(name).value(y, p);
                Diagnosis.Candidate[] reductions = reductionMistakes(name, y, expected);
                diagnosis.match(expected, actual, reductions[0], reductions[1], categorical ? null
                        : new Diagnosis.Candidate(Mistake.MEAN_OVER_ROWS_ONLY, expected * SEVERAL_COLUMNS));
                score.close(name + ".value (§2.4)", "yTrue = " + Score.show(y) + ", yPred = " + Score.show(p), expected,
                        actual);
            });
        }
        score.check("yPred of another shape than yTrue", () -> requireShapeCheck(score, "value (§2.4)",
                (loss, p) -> s.loss(loss).value(SHAPE_Y, p)));
    }

    /**
     * Requires every loss's {@code method} (called as {@code call}) to throw IllegalArgumentException for predictions
     * with more rows or more columns than yTrue, as §2.4 and §2.5 say. One case, so that a method that only
     * ever throws earns nothing here.
     */
    private static void requireShapeCheck(Score score, String method,
                                          java.util.function.BiConsumer<String, double[][]> call) {
        for (String name : LOSSES) {
            OptimizerGrading.requireIllegalArgument(score, () -> call.accept(name, MORE_ROWS_P),
                    name + "." + method + " with a yPred of more rows than yTrue");
            OptimizerGrading.requireIllegalArgument(score, () -> call.accept(name, MORE_COLUMNS_P),
                    name + "." + method + " with a yPred of more columns than yTrue");
        }
    }

    @GradedTest(number = "2.5.1", name = "Loss gradients, clipped predictions included", points = 3,
            visibility = Visibility.HIDDEN)
    void gradients(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (String name : LOSSES) {
            int rows = 1 + r.nextInt(4);
            int cols = 2 + r.nextInt(3);
            double[][] y = name.equals("CATEGORICAL_CROSSENTROPY") ? Draws.oneHot(r, rows, cols) : Draws.binary(r, rows, cols);
            double[][] p = name.equals("CATEGORICAL_CROSSENTROPY") ? Gen.distributions(r, rows, cols)
                    : Gen.probabilities(r, rows, cols);
            score.check(name, () -> {
                double[][] expected = o.loss(name).gradient(y, p);
                double[][] actual = s.loss(name).gradient(y, p);
                Diagnosis.Candidate[] reductions = reductionMistakes(name, y, expected);
                // A gradient of the sum is named as a loss that sums only when the loss value sums too: with a right
                // value, the mistake is the gradient's own missing 1/N.
                if (Diagnosis.close(reductions[0].output(), actual, Tolerance.DEFAULT)
                        && Diagnosis.close(o.loss(name).value(y, p), s.loss(name).value(y, p), Tolerance.DEFAULT)) {
                    reductions[0] = new Diagnosis.Candidate(Mistake.LOSS_GRADIENT_NO_MEAN, reductions[0].output());
                }
                diagnosis.match(expected, actual, reductions[0], reductions[1],
                        new Diagnosis.Candidate(Mistake.GRADIENT_SIGN, Diagnosis.scale(expected, -1)),
                        name.equals("MSE") ? new Diagnosis.Candidate(Mistake.LOSS_GRADIENT_HALF,
                                Diagnosis.scale(expected, 0.5)) : null);
                score.close(name + ".gradient (§2.5)", "", expected, actual, Tolerance.DEFAULT);
            });
        }
        double[][] y = {{1, 0}, {0, 1}};
        double[][] clipped = {{1.0, 0.0}, {0.3, 0.7}};
        score.check("BINARY_CROSSENTROPY at p = 0 and 1", () -> {
            double[][] expected = o.loss("BINARY_CROSSENTROPY").gradient(y, clipped);
            double[][] actual = s.loss("BINARY_CROSSENTROPY").gradient(y, clipped);
            diagnosis.nameIf(Diagnosis.nonFinite(actual), Mistake.CROSSENTROPY_NOT_CLIPPED);
            diagnosis.match(expected, actual, new Diagnosis.Candidate(Mistake.BCE_GRADIENT_CLIPPED,
                    Diagnosis.scale(Diagnosis.map(y, (t, q) -> {
                        double c = Math.min(Math.max(q, CLIP), 1 - CLIP);
                        return -t / c + (1 - t) / (1 - c);
                    }, clipped), 1.0 / (y.length * y[0].length))));
            score.close("BINARY_CROSSENTROPY.gradient (§2.5, clipped predictions)", "", expected, actual,
                    Tolerance.DEFAULT);
        });
        double[][] oneHot = {{0, 1, 0}, {1, 0, 0}};
        double[][] certain = {{0.0, 1.0, 0.0}, {0.2, 0.5, 0.3}};
        score.check("CATEGORICAL_CROSSENTROPY at p = 0 and 1", () -> {
            double[][] expected = o.loss("CATEGORICAL_CROSSENTROPY").gradient(oneHot, certain);
            double[][] actual = s.loss("CATEGORICAL_CROSSENTROPY").gradient(oneHot, certain);
            diagnosis.nameIf(Diagnosis.nonFinite(actual), Mistake.CROSSENTROPY_NOT_CLIPPED);
            score.close("CATEGORICAL_CROSSENTROPY.gradient (§2.5, clipped predictions)", "", expected, actual,
                    Tolerance.DEFAULT);
        });
        score.check("yPred of another shape than yTrue", () -> requireShapeCheck(score, "gradient (§2.5)",
                (loss, p) -> s.loss(loss).gradient(SHAPE_Y, p)));
    }

    /** What a sum instead of a mean, and (for CCE) a mean over every element, would give; scaled from the expected. */
    private static Diagnosis.Candidate[] reductionMistakes(String loss, double[][] y, Object expected) {
        double rows = y.length;
        double elements = rows * y[0].length;
        boolean categorical = loss.equals("CATEGORICAL_CROSSENTROPY");
        double sumFactor = categorical ? rows : elements;
        Diagnosis.Candidate sum = new Diagnosis.Candidate(Mistake.LOSS_NO_MEAN, scaled(expected, sumFactor));
        Diagnosis.Candidate overElements = categorical
                ? new Diagnosis.Candidate(Mistake.CCE_MEAN_OVER_ELEMENTS, scaled(expected, rows / elements)) : null;
        return new Diagnosis.Candidate[] {sum, overElements};
    }

    private static Object scaled(Object value, double factor) {
        return value instanceof Double d ? Double.valueOf(d * factor) : Diagnosis.scale((double[][]) value, factor);
    }

    /** The outputs of the typical wrong derivatives of one activation, computed from z and gradOutput. */
    private static Diagnosis.Candidate[] backwardMistakes(String name, Ps1 o, double[][] z, double[][] g) {
        double[][] a = o.activation(name).forward(z);
        Diagnosis.Candidate passThrough = name.equals("LINEAR") ? null
                : new Diagnosis.Candidate(Mistake.MISSING_ACTIVATION_DERIVATIVE, g);
        Diagnosis.Candidate specific = switch (name) {
            case "RELU" -> new Diagnosis.Candidate(Mistake.RELU_KINK, Diagnosis.map(z, (v, gv) -> v >= 0 ? gv : 0, g));
            case "LEAKY_RELU" -> new Diagnosis.Candidate(Mistake.LEAKY_SLOPE,
                    Diagnosis.map(z, (v, gv) -> v > 0 ? gv : WRONG_LEAKY_SLOPE * gv, g));
            case "TANH" -> new Diagnosis.Candidate(Mistake.TANH_DERIVATIVE, Diagnosis.map(a, (t, gv) -> (1 - t) * gv, g));
            case "ELU" -> new Diagnosis.Candidate(Mistake.ELU_DERIVATIVE,
                    Diagnosis.map(z, (v, gv) -> v >= 0 ? gv : Math.expm1(v) * gv, g));
            default -> null;
        };
        // φ′ at the output: backward handed a = φ(z) where z belongs.
        Diagnosis.Candidate atOutput = name.equals("SIGMOID") || name.equals("TANH")
                ? new Diagnosis.Candidate(Mistake.DERIVATIVE_AT_OUTPUT, o.activation(name).backward(a, g)) : null;
        return new Diagnosis.Candidate[] {specific, passThrough, atOutput};
    }

    /** Whether the student's result is NaN or infinite only where |z| is extreme and the expected one is finite. */
    private static boolean overflowsAtExtremes(double[][] z, double[][] expected, double[][] actual) {
        if (actual == null || actual.length != z.length) {
            return false;
        }
        boolean overflow = false;
        for (int r = 0; r < z.length; r++) {
            for (int c = 0; c < z[r].length && c < actual[r].length; c++) {
                if (!Double.isFinite(actual[r][c]) && Double.isFinite(expected[r][c])) {
                    if (Math.abs(z[r][c]) < EXTREME_Z) {
                        return false;
                    }
                    overflow = true;
                }
            }
        }
        return overflow;
    }
}
