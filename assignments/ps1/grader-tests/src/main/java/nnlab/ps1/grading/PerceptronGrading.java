package nnlab.ps1.grading;

import java.util.Arrays;
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
import nnlab.ps1.grading.api.Perceptron;
import nnlab.ps1.grading.api.Ps1;

/** Part 1: the perceptron (20 points). */
class PerceptronGrading {

    private static final double[][] OR_X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    private static final double[] OR_Y = {0, 1, 1, 1};
    private static final double[] LECTURE_WEIGHTS = {1, -1};
    private static final double LECTURE_BIAS = -0.5;
    /** One value more than {@link #LECTURE_WEIGHTS} has weights: §1.1 requires IllegalArgumentException. */
    private static final double[] LONGER_X = {1, 0, 1};
    private static final Tolerance TRAINING = new Tolerance(1e-9, 1e-6);
    /** Beyond this |h| a naive e^h or e^(−h) overflows. */
    private static final double EXTREME_H = 700;
    /** Probes per probing test: they look for mistakes the fixed cases miss and move no points. */
    private static final int PROBES = 8;
    /** Probes of 1.1.2 draw up to this many features, more than its fixed cases' five. */
    private static final int PROBE_FEATURES = 12;
    /**
     * The bands of h that predict's cases after the first (h = 0 exactly) sample: each checks one side of the
     * threshold p ≥ 0.5, which is h ≥ 0, so a threshold on the wrong quantity (h ≥ 0.5, p &gt; 0.6, …) fails the same
     * cases in every run. Labels name the band, never a value.
     */
    private static final double[][] PREDICT_BANDS = {{0.05, 0.45}, {-0.45, -0.05}, {1, 4}, {-4, -1}, {0.5, 1}};
    private static final String[] PREDICT_LABELS = {"p just above 0.5", "p just below 0.5", "p well above 0.5",
        "p well below 0.5", "h between 0.5 and 1"};
    /** How far past the decision boundary 1.2.1's second input of a case lies, in h. */
    private static final double OPPOSITE_MARGIN = 1;
    /**
     * 1.3.1's cases (y, p), the lecture's and the extremes; (0, 1) and (1, 1) have the errors 1 and 0 that a constant
     * returns, so those cases also check the companion (y, COMPANION_P).
     */
    private static final double[][] SQUARED_ERROR_CASES = {{0, 0.3775}, {1, 0.1824}, {1, 0.6225}, {0, 1}, {1, 1}};
    private static final double COMPANION_P = 0.3775;

    @GradedTest(number = "1.1.1", name = "Weighted sum and probability: the lecture's OR example", points = 2)
    void lectureExample(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        for (double[] x : OR_X) {
            String input = "x = " + Arrays.toString(x) + " with w = [1, -1], b = -0.5 (§1.1)";
            score.check("x = " + Arrays.toString(x), () -> {
                Perceptron ps = s.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS);
                Perceptron po = o.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS);
                score.close("weightedSum", input, po.weightedSum(x), ps.weightedSum(x));
                score.close("probability", input, po.probability(x), ps.probability(x));
            });
        }
    }

    @GradedTest(number = "1.1.2", name = "Weighted sum and probability: random inputs and |h| = 1000", points = 3,
            visibility = Visibility.AFTER_DUE_DATE)
    void randomWeightedSums(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < 8; i++) {
            int n = 1 + r.nextInt(5);
            double[] w = Draws.vector(r, n, 2);
            double b = Draws.vector(r, 1, 1)[0];
            double[] x = Draws.vector(r, n, 3);
            if (i >= 6) {
                // Push h to ±1000: a naive 1 / (1 + exp(-h)) overflows to give NaN or 0/0 here.
                double h = i == 6 ? 1000 : -1000;
                Arrays.fill(w, 0);
                w[0] = 1;
                b = 0;
                x[0] = h;
            }
            double[] weights = w;
            double bias = b;
            String input = "w = " + Arrays.toString(w) + ", b = " + bias + ", x = " + Arrays.toString(x);
            score.check("case " + (i + 1), () -> {
                Perceptron ps = s.perceptron(weights, bias);
                Perceptron po = o.perceptron(weights, bias);
                diagnosis.match(po.weightedSum(x), ps.weightedSum(x),
                        new Diagnosis.Candidate(Mistake.PERCEPTRON_NO_BIAS, po.weightedSum(x) - bias));
                score.close("weightedSum (§1.1)", input, po.weightedSum(x), ps.weightedSum(x));
                double p = ps.probability(x);
                diagnosis.nameIf(Double.isNaN(p) && Math.abs(po.weightedSum(x)) >= EXTREME_H, Mistake.SIGMOID_OVERFLOW);
                score.close("probability (§1.1)", input, po.probability(x), p);
            });
        }
        // §1.1's argument check, on an x that a sum over the weights alone would silently accept: one value too many.
        score.check("x longer than the weights", () -> OptimizerGrading.requireIllegalArgument(score,
                () -> s.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS).weightedSum(LONGER_X),
                "Perceptron.weightedSum (§1.1) with an x that has more values than there are weights"));
        Random probe = score.probeRandom();
        for (int i = 0; i < PROBES; i++) {
            int n = 1 + probe.nextInt(PROBE_FEATURES);
            double[] w = Draws.vector(probe, n, 2);
            double b = Draws.vector(probe, 1, 1)[0];
            double[] x = Draws.vector(probe, n, 3);
            score.probe("probe " + (i + 1) + ", " + n + " features", () -> {
                Perceptron ps = s.perceptron(w, b);
                Perceptron po = o.perceptron(w, b);
                score.close("weightedSum (§1.1)", "", po.weightedSum(x), ps.weightedSum(x));
                score.close("probability (§1.1)", "", po.probability(x), ps.probability(x));
            });
        }
    }

    // Every case predicts a pair of inputs with opposite labels (the second on the other side of the boundary), so a
    // predict that returns a constant passes none.
    @GradedTest(number = "1.2.1", name = "Prediction ŷ, including p = 0.5 exactly", points = 3,
            visibility = Visibility.AFTER_DUE_DATE)
    void predict(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        boolean[] failedAtHalf = new boolean[1];
        boolean[] failedOnH = new boolean[1];
        for (int i = 0; i <= PREDICT_BANDS.length; i++) {
            double[] w = Draws.vector(r, 3, 2);
            double[] x = i == 0 ? new double[3] : Draws.vector(r, 3, 2);
            double b = i == 0 ? 0 : inBand(r, PREDICT_BANDS[i - 1]) - dot(w, x);
            double[] opposite = oppositeSide(o.perceptron(w, b), w, b, x);
            boolean atHalf = i == 0;
            // The first band has 0 < h < 0.5: p is above ½ while h is below it, so a threshold on h predicts 0 there.
            boolean hBelowHalf = i == 1;
            score.check(atHalf ? "p = 0.5" : PREDICT_LABELS[i - 1], () -> {
                for (double[] input : new double[][] {x, opposite}) {
                    String shown = "w = " + Arrays.toString(w) + ", b = " + b + ", x = " + Arrays.toString(input);
                    int expected = o.perceptron(w, b).predict(input);
                    int actual = s.perceptron(w, b).predict(input);
                    boolean half = atHalf && input == x;
                    failedAtHalf[0] |= half && actual == 0;
                    failedOnH[0] |= hBelowHalf && input == x && actual != expected;
                    if (actual != expected && probabilityAgrees(s, o, w, b, input)) {
                        score.differs("Perceptron.predict (§1.2)", "the other class than your own probability gives"
                                + " (p ≥ 0.5 predicts 1)");
                    }
                    score.require(expected == actual, "predict (§1.2)" + (score.hidden() ? "" : " for " + shown)
                            + " returned " + actual + (score.hidden() ? ", which is wrong" : " but should return " + expected)
                            + (half ? " (p ≥ 0.5 predicts 1)" : ""));
                }
            });
        }
        diagnosis.nameIf(failedOnH[0], Mistake.PREDICT_THRESHOLDS_H);
        diagnosis.nameIf(failedAtHalf[0] && !failedOnH[0], Mistake.PREDICT_STRICT);
        Random probe = score.probeRandom();
        for (int i = 0; i < PROBES; i++) {
            double[] w = Draws.vector(probe, 3, 2);
            double b = Draws.vector(probe, 1, 1)[0];
            double[] x = Draws.vector(probe, 3, 2);
            score.probe("probe " + (i + 1), () -> score.require(o.perceptron(w, b).predict(x)
                    == s.perceptron(w, b).predict(x), "predict (§1.2) disagrees with the reference"));
        }
    }

    /**
     * Whether the student's probability (§1.1) agrees with the reference's at {@code x}: then a wrong prediction there
     * lies in predict itself. A probability that throws counts as disagreeing.
     */
    private static boolean probabilityAgrees(Ps1 s, Ps1 o, double[] w, double b, double[] x) {
        try {
            return Diagnosis.close(o.perceptron(w, b).probability(x), s.perceptron(w, b).probability(x),
                    Tolerance.DEFAULT);
        } catch (StudentException e) {
            return false;
        }
    }

    private static double inBand(Random r, double[] band) {
        return band[0] + (band[1] - band[0]) * r.nextDouble();
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Returns x moved along w until the reference's h = w·x + b has the other sign, by at least OPPOSITE_MARGIN. */
    private static double[] oppositeSide(Perceptron reference, double[] w, double b, double[] x) {
        double h = reference.weightedSum(x);
        double target = h >= 0 ? -(h + OPPOSITE_MARGIN) : -h + OPPOSITE_MARGIN;
        double step = (target - h) / Arrays.stream(w).map(v -> v * v).sum();
        double[] moved = x.clone();
        for (int k = 0; k < w.length; k++) {
            moved[k] += step * w[k];
        }
        return moved;
    }

    @GradedTest(number = "1.3.1", name = "Squared error", points = 3)
    void squaredError(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Diagnosis diagnosis = new Diagnosis(score);
        for (double[] c : SQUARED_ERROR_CASES) {
            score.check("y = " + c[0] + ", p = " + c[1], () -> {
                double expected = o.squaredError(c[0], c[1]);
                double actual = s.squaredError(c[0], c[1]);
                diagnosis.match(expected, actual, new Diagnosis.Candidate(Mistake.SQUARED_ERROR_HALF, expected / 2));
                score.close("squaredError (§1.3)", "y = " + c[0] + ", p = " + c[1], expected, actual);
                if (expected == 0 || expected == 1) {
                    score.close("squaredError (§1.3)", "y = " + c[0] + ", p = " + COMPANION_P,
                            o.squaredError(c[0], COMPANION_P), s.squaredError(c[0], COMPANION_P));
                }
            });
        }
    }

    @GradedTest(number = "1.4.1", name = "Gradient by the chain rule", points = 5, visibility = Visibility.HIDDEN)
    void gradient(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < 6; i++) {
            // Case 1 has a single feature.
            int n = i == 0 ? 1 : 1 + r.nextInt(4);
            double[] w = Draws.vector(r, n, 2);
            double b = Draws.vector(r, 1, 1)[0];
            double[] x = Draws.vector(r, n, 2);
            double y = r.nextBoolean() ? 1 : 0;
            score.check("case " + (i + 1), () -> {
                Perceptron ps = s.perceptron(w, b);
                Perceptron po = o.perceptron(w, b);
                double[] expected = po.gradient(x, y);
                double[] actual = ps.gradient(x, y);
                double p = po.probability(x);
                diagnosis.match(expected, actual,
                        new Diagnosis.Candidate(Mistake.PERCEPTRON_NO_FACTOR_2, Diagnosis.scale(expected, 0.5)),
                        new Diagnosis.Candidate(Mistake.GRADIENT_SIGN, Diagnosis.scale(expected, -1)),
                        new Diagnosis.Candidate(Mistake.PERCEPTRON_NO_SIGMOID_DERIVATIVE,
                                Diagnosis.scale(expected, 1 / (p * (1 - p)))));
                score.close("gradient (§1.4)", "", expected, actual, Tolerance.DEFAULT);
                score.close("weights after gradient (gradient must change nothing)", "", w, ps.weights(), Tolerance.DEFAULT);
            });
        }
    }

    @GradedTest(number = "1.5.1", name = "One gradient-descent update", points = 2, visibility = Visibility.AFTER_DUE_DATE)
    void update(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < 4; i++) {
            double[] w = Draws.vector(r, 3, 2);
            double b = Draws.vector(r, 1, 1)[0];
            double[] g = Draws.vector(r, 4, 1);
            double eta = 0.05 + r.nextDouble();
            String input = "w = " + Arrays.toString(w) + ", b = " + b + ", g = " + Arrays.toString(g) + ", η = " + eta;
            score.check("case " + (i + 1), () -> {
                Perceptron ps = s.perceptron(w, b);
                Perceptron po = o.perceptron(w, b);
                ps.update(g, eta);
                po.update(g, eta);
                Perceptron ascent = o.perceptron(w, b);
                ascent.update(Diagnosis.scale(g, -1), eta);
                diagnosis.match(po.weights(), ps.weights(), new Diagnosis.Candidate(Mistake.UPDATE_SIGN, ascent.weights()));
                diagnosis.nameIf(Diagnosis.close(po.weights(), ps.weights(), Tolerance.DEFAULT) && ps.bias() == b
                        && po.bias() != b, Mistake.BIAS_NOT_UPDATED);
                score.close("weights after update (§1.5)", input, po.weights(), ps.weights(), Tolerance.DEFAULT);
                score.close("bias after update (§1.5)", input, po.bias(), ps.bias());
            });
        }
    }

    @GradedTest(number = "1.5.2", name = "Training on OR from the lecture's start", points = 2)
    void trainOr(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Diagnosis diagnosis = new Diagnosis(score);
        for (double eta : new double[] {0.5, 2.0}) {
            String input = "OR, w = [1, -1], b = -0.5, η = " + eta + ", 25 epochs";
            score.check("η = " + eta, () -> {
                Perceptron ps = s.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS);
                Perceptron po = o.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS);
                double[] expected = po.train(OR_X, OR_Y, eta, 25);
                double[] actual = ps.train(OR_X, OR_Y, eta, 25);
                diagnosis.match(expected, actual, new Diagnosis.Candidate(Mistake.PERCEPTRON_LOSS_DURING_EPOCH,
                        lossDuringEpoch(o.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS), eta, 25)),
                        new Diagnosis.Candidate(Mistake.PERCEPTRON_LOSS_SUM, Diagnosis.scale(expected, OR_X.length)));
                boolean inTrain = !Diagnosis.close(expected, actual, TRAINING) && stepPartsAgree(s, o, eta);
                score.close(inTrain ? "Perceptron.train (§1.5): loss history" : "train's loss history (§1.5)", input,
                        expected, actual, TRAINING);
                score.close(inTrain ? "Perceptron.train (§1.5): weights after training" : "weights after training (§1.5)",
                        input, po.weights(), ps.weights(), TRAINING);
            });
        }
        // §1.5's edges, which the runs above never reach: no epochs at all, and a negative number of epochs
        // (rejected). One case, so that a train that only ever throws earns nothing here.
        score.check("train's edges", () -> {
            double[] history = s.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS).train(OR_X, OR_Y, 0.5, 0);
            OptimizerGrading.requireEmpty(score, history, "Perceptron.train (§1.5) with epochs = 0");
            OptimizerGrading.requireIllegalArgument(score, () -> s.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS)
                    .train(OR_X, OR_Y, 0.5, -1), "Perceptron.train (§1.5) with epochs < 0");
        });
    }

    /**
     * Whether the student's parts of one training step agree with the reference's at the lecture's start on every OR
     * row: probability (§1.1), squaredError (§1.3), gradient (§1.4) and update (§1.5) with learning rate {@code eta}.
     * When they do, a loss history that still differs is wrong in train itself, and its comparisons may say so; a part
     * that throws counts as disagreeing.
     */
    private static boolean stepPartsAgree(Ps1 s, Ps1 o, double eta) {
        try {
            for (int i = 0; i < OR_X.length; i++) {
                Perceptron ps = s.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS);
                Perceptron po = o.perceptron(LECTURE_WEIGHTS, LECTURE_BIAS);
                double p = po.probability(OR_X[i]);
                double[] g = po.gradient(OR_X[i], OR_Y[i]);
                if (!Diagnosis.close(p, ps.probability(OR_X[i]), TRAINING)
                        || !Diagnosis.close(o.squaredError(OR_Y[i], p), s.squaredError(OR_Y[i], p), TRAINING)
                        || !Diagnosis.close(g, ps.gradient(OR_X[i], OR_Y[i]), TRAINING)) {
                    return false;
                }
                ps.update(g, eta);
                po.update(g, eta);
                if (!Diagnosis.close(po.weights(), ps.weights(), TRAINING)
                        || !Diagnosis.close(po.bias(), ps.bias(), TRAINING)) {
                    return false;
                }
            }
            return true;
        } catch (StudentException e) {
            return false;
        }
    }

    /** The loss history of a train that sums each row's error just before that row's update. */
    private static double[] lossDuringEpoch(Perceptron p, double eta, int epochs) {
        double[] history = new double[epochs];
        for (int epoch = 0; epoch < epochs; epoch++) {
            double total = 0;
            for (int i = 0; i < OR_X.length; i++) {
                double d = OR_Y[i] - p.probability(OR_X[i]);
                total += d * d;
                p.update(p.gradient(OR_X[i], OR_Y[i]), eta);
            }
            history[epoch] = total / OR_X.length;
        }
        return history;
    }
}
