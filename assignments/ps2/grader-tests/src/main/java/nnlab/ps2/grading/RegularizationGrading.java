package nnlab.ps2.grading;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import nnlab.grader.GradedTest;
import nnlab.grader.Oracle;
import nnlab.grader.Score;
import nnlab.grader.Student;
import nnlab.grader.Visibility;
import nnlab.grader.score.GradientCheck;
import nnlab.grader.score.Tolerance;
import nnlab.grader.support.Diagnosis;
import nnlab.grader.support.Draws;
import nnlab.ps2.grading.api.Callback;
import nnlab.ps2.grading.api.Dropout;
import nnlab.ps2.grading.api.History;
import nnlab.ps2.grading.api.Layer;
import nnlab.ps2.grading.api.Ps2;
import nnlab.ps2.grading.api.Regularizer;
import nnlab.ps2.grading.api.Rng;
import nnlab.ps2.grading.api.Sequential;

/** Part 2: regularization and dropout (25 points). */
class RegularizationGrading {

    private static final int ENTRIES_PER_BLOCK = 6;
    private static final double[] RATES = {0.25, 0.5, 0.4};
    /** 2.2.3's fit: rows, validation split, epochs, batch size (several batches per epoch) and L2 coefficient. */
    private static final int FIT_ROWS = 12;
    private static final double FIT_SPLIT = 0.25;
    private static final int FIT_EPOCHS = 3;
    private static final int FIT_BATCH = 3;
    private static final double FIT_L2 = 0.01;
    /** Why a self-consistency case failed before checking anything: it pays only for a correct forward pass. */
    static final String FORWARD_FIRST = "not checked: this test compares your gradient with your own loss, so it"
            + " counts only once that loss agrees with the reference; fix";
    static final String ZERO_GRADIENT = "your gradient is zero (or not finite) everywhere: not checked, since a stub"
            + " agrees with itself";

    /** A regularizer's coefficients: l1, l2. */
    private record Coefficients(double l1, double l2) {
        Regularizer of(Ps2 api) {
            return l2 == 0 ? api.l1(l1) : l1 == 0 ? api.l2(l2) : api.l1l2(l1, l2);
        }

        String describe() {
            return l2 == 0 ? "l1(" + l1 + ")" : l1 == 0 ? "l2(" + l2 + ")" : "l1l2(" + l1 + ", " + l2 + ")";
        }
    }

    /**
     * The last two, l1 = 1 and l2 = 1, catch a penalty or gradient that skips its L1 or L2 term for a coefficient other
     * than 0.
     */
    private static final List<Coefficients> COEFFICIENTS = List.of(new Coefficients(0.01, 0),
            new Coefficients(0, 0.02), new Coefficients(0.03, 0.05), new Coefficients(1, 0), new Coefficients(0, 1));

    /** A weight matrix with some entries exactly 0, where L1's gradient must be 0. */
    private static double[][] weights(Random r) {
        double[][] w = Draws.matrix(r, 2 + r.nextInt(3), 2 + r.nextInt(3), 2);
        w[0][0] = 0;
        w[w.length - 1][w[0].length - 1] = 0;
        return w;
    }

    @GradedTest(number = "2.1.1", name = "Regularizer.penalty", points = 4)
    void penalty(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (Coefficients c : COEFFICIENTS) {
            double[][] w = weights(r);
            score.check(c.describe(), () -> {
                double expected = c.of(o).penalty(w);
                double actual = c.of(s).penalty(w);
                diagnosis.match(expected, actual, new Diagnosis.Candidate(Mistake.L2_PENALTY_HALF,
                        o.l1l2(c.l1(), c.l2() / 2).penalty(w)));
                score.close("Regularizer.penalty (§2.1)", c.describe() + ", w = " + Score.show(w), expected, actual,
                        Tolerance.DEFAULT);
            });
        }
    }

    @GradedTest(number = "2.1.2", name = "Regularizer.gradient, including w = 0", points = 4)
    void gradient(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (Coefficients c : COEFFICIENTS) {
            double[][] w = weights(r);
            score.check(c.describe(), () -> {
                double[][] expected = c.of(o).gradient(w);
                double[][] actual = c.of(s).gradient(w);
                double[][] signAtZero = new double[w.length][];
                for (int i = 0; i < w.length; i++) {
                    signAtZero[i] = expected[i].clone();
                    for (int j = 0; j < w[i].length; j++) {
                        if (w[i][j] == 0) {
                            signAtZero[i][j] += c.l1();
                        }
                    }
                }
                diagnosis.match(expected, actual,
                        new Diagnosis.Candidate(Mistake.L2_GRADIENT_NO_FACTOR_2, o.l1l2(c.l1(), c.l2() / 2).gradient(w)),
                        c.l1() == 0 ? null : new Diagnosis.Candidate(Mistake.L1_SIGN_AT_ZERO, signAtZero),
                        c.l1() == 0 ? null : new Diagnosis.Candidate(Mistake.L1_GRADIENT_AS_L2,
                                o.l1l2(0, c.l2() + c.l1() / 2).gradient(w)));
                score.close("Regularizer.gradient (§2.1)", c.describe() + ", w = " + Score.show(w), expected, actual,
                        Tolerance.DEFAULT);
            });
        }
    }

    /** A dense net with a kernel regularizer on every layer. */
    private record Net(int[] sizes, String[] activations, String loss, Coefficients regularizer) {
        int outputs() {
            return sizes[sizes.length - 1];
        }

        Sequential build(Ps2 api, long seed, boolean regularized) {
            Layer[] layers = new Layer[sizes.length - 1];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = regularized ? api.dense(sizes[i], sizes[i + 1], api.activation(activations[i]), seed + i,
                        regularizer.of(api)) : api.dense(sizes[i], sizes[i + 1], api.activation(activations[i]), seed + i);
            }
            Sequential model = api.sequential(layers);
            model.compile(api.sgd(0.1, 0, false), api.loss(loss));
            return model;
        }

        String describe() {
            return Arrays.toString(sizes) + " " + String.join("/", activations) + " + " + loss + ", kernels "
                    + regularizer.describe();
        }
    }

    private static final List<Net> NETS = List.of(
            new Net(new int[] {3, 4, 2}, new String[] {"TANH", "SOFTMAX"}, "CATEGORICAL_CROSSENTROPY",
                    new Coefficients(0, 0.05)),
            new Net(new int[] {4, 3, 1}, new String[] {"SIGMOID", "LINEAR"}, "MSE", new Coefficients(0.02, 0)),
            new Net(new int[] {2, 5, 3}, new String[] {"ELU", "SOFTMAX"}, "CATEGORICAL_CROSSENTROPY",
                    new Coefficients(0.01, 0.03)));

    @GradedTest(number = "2.3.1", name = "Regularized model: gradient against the reference", points = 5,
            visibility = Visibility.HIDDEN)
    void regularizedGradient(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (Net net : NETS) {
            Draws.Batch batch = Draws.batch(r, 2, 5, net.sizes()[0], net.loss(), net.outputs());
            // Random biases too: a penalty on the bias shows only where the bias is not 0.
            double[] theta = Draws.vector(r, net.build(o, batch.seed(), true).parameterCount(), 1);
            score.check(net.describe(), () -> {
                Sequential mo = net.build(o, batch.seed(), true);
                mo.setParameters(theta);
                Sequential ms = net.build(s, batch.seed(), true);
                ms.setParameters(theta);
                double[] expected = mo.gradient(batch.x(), batch.y());
                double[] actual = ms.gradient(batch.x(), batch.y());
                if (!Diagnosis.close(expected, actual, Tolerance.DEFAULT)) {
                    Sequential plain = net.build(o, batch.seed(), false);
                    plain.setParameters(theta);
                    double[] data = plain.gradient(batch.x(), batch.y());
                    double[] penalty = new double[expected.length];
                    double[] onBias = expected.clone();
                    int offset = 0;
                    Regularizer reg = net.regularizer().of(o);
                    for (int i = 0; i + 1 < net.sizes().length; i++) {
                        int in = net.sizes()[i];
                        int out = net.sizes()[i + 1];
                        for (int k = 0; k < in * out; k++) {
                            penalty[offset + k] = expected[offset + k] - data[offset + k];
                        }
                        offset += in * out;
                        double[] bias = Arrays.copyOfRange(mo.parameters(), offset, offset + out);
                        double[] biasPenalty = reg.gradient(new double[][] {bias})[0];
                        for (int k = 0; k < out; k++) {
                            onBias[offset + k] += biasPenalty[k];
                        }
                        offset += out;
                    }
                    double[] averaged = data.clone();
                    for (int k = 0; k < averaged.length; k++) {
                        averaged[k] += penalty[k] / batch.x().length;
                    }
                    diagnosis.match(expected, actual,
                            new Diagnosis.Candidate(Mistake.PENALTY_GRADIENT_MISSING, data),
                            new Diagnosis.Candidate(Mistake.PENALTY_ON_BIAS, onBias),
                            new Diagnosis.Candidate(Mistake.PENALTY_AVERAGED, averaged));
                }
                score.close("Sequential.gradient with kernel regularizers (§2.3)", "", expected, actual,
                        Tolerance.DEFAULT, denseLayout(net.sizes()));
            });
        }
    }

    // The differences are of the student's own regularized loss, counted only where it agrees with the reference's at
    // every θ ± h (GradientCheck's trusted function): the test asks whether the gradient matches the student's own
    // penalised loss, and a loss right at θ and linear around it with the student's own slope would vouch for any
    // gradient.
    @GradedTest(number = "2.3.2", name = "Regularized model: gradient against numerical differences of your loss",
            points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void regularizedGradientCheck(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        for (Net net : List.of(NETS.get(0), NETS.get(2))) {
            Draws.Batch batch = Draws.batch(r, 3, 3, net.sizes()[0], net.loss(), net.outputs());
            score.check(net.describe(), () -> {
                Sequential model = net.build(s, batch.seed(), true);
                Sequential reference = net.build(o, batch.seed(), true);
                double[] theta = model.parameters();
                reference.setParameters(theta.clone());
                score.require(Diagnosis.close(reference.loss(batch.x(), batch.y()), model.loss(batch.x(), batch.y()),
                        Tolerance.DEFAULT), FORWARD_FIRST + " Regularizer.penalty (test 2.1.1).");
                double[] analytic = model.gradient(batch.x(), batch.y());
                score.require(nonZero(analytic), ZERO_GRADIENT);
                GradientCheck.Result result = GradientCheck.check(net.describe(), theta, analytic, p -> {
                    model.setParameters(p);
                    return model.loss(batch.x(), batch.y());
                }, p -> {
                    reference.setParameters(p);
                    return reference.loss(batch.x(), batch.y());
                }, blocks(net.sizes()), ENTRIES_PER_BLOCK, GradientCheck.RELATIVE_TOLERANCE, r);
                score.data("gradient_check_" + net.describe(), result.toData());
                if (!result.passed()) {
                    score.differs("Sequential.gradient with penalties against numerical differences of your own"
                            + " regularized loss (§2.3)", result.summary());
                }
                score.require(result.passed(), "your gradient disagrees with numerical differences of your own"
                        + " regularized loss (§2.3):\n" + result.table());
            });
        }
    }

    /** A dense net's flat parameters as a student reads them: layer by layer, its kernel then its bias. */
    static List<GradientCheck.Block> denseLayout(int[] sizes) {
        List<GradientCheck.Block> layout = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            layout.add(new GradientCheck.Block("layer " + (i + 1) + "'s kernel W" + (i + 1), offset, sizes[i],
                    sizes[i + 1]));
            offset += sizes[i] * sizes[i + 1];
            layout.add(new GradientCheck.Block("layer " + (i + 1) + "'s bias b" + (i + 1), offset, 1, sizes[i + 1]));
            offset += sizes[i + 1];
        }
        return layout;
    }

    static boolean nonZero(double[] gradient) {
        return gradient != null && Arrays.stream(gradient).anyMatch(v -> v != 0 && Double.isFinite(v));
    }

    static List<GradientCheck.Block> blocks(int[] sizes) {
        List<GradientCheck.Block> blocks = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i + 1 < sizes.length; i++) {
            blocks.add(new GradientCheck.Block("W" + (i + 1), offset, sizes[i], sizes[i + 1]));
            offset += sizes[i] * sizes[i + 1];
            blocks.add(new GradientCheck.Block("b" + (i + 1), offset, 1, sizes[i + 1]));
            offset += sizes[i + 1];
        }
        return blocks;
    }

    /** The keep factors of a mask drawn as §2.2 says: 0 when u &lt; rate, else 1/(1 − rate); one draw per entry. */
    static double[] keepFactors(Random draws, int entries, double rate, boolean keepBelowRate) {
        double[] factors = new double[entries];
        for (int i = 0; i < entries; i++) {
            boolean dropped = draws.nextDouble() < rate;
            factors[i] = (dropped != keepBelowRate) ? 0 : 1 / (1 - rate);
        }
        return factors;
    }

    static double[][][][] times(double[][][][] t, double[] factors, double extra) {
        double[] flat = ConvMaths.flatten(t);
        for (int i = 0; i < flat.length; i++) {
            flat[i] *= factors == null ? extra : factors[i] * extra;
        }
        return ConvMaths.unflatten(flat, t.length, t[0].length, t[0][0].length, t[0][0][0].length);
    }

    /** A (batch, h, w, c) input of the Dropout tests. */
    private static double[][][][] input(Random r) {
        return Gen.tensor(r, 1 + r.nextInt(3), 2 + r.nextInt(2), 2 + r.nextInt(2), 1 + r.nextInt(3), 2);
    }

    @GradedTest(number = "2.2.1", name = "Dropout forward: inverted dropout with a seeded mask, identity in prediction",
            points = 3)
    void dropoutForward(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < RATES.length; i++) {
            double rate = RATES[i];
            double[][][][] x = input(r);
            long seed = r.nextLong();
            // Prediction is checked in the same case: alone, its expected value is the input, which a stub returns.
            score.check("rate " + rate + ", training then prediction", () -> {
                double[][][][] expected = o.dropout(rate).forward(x, true, o.random(seed));
                double[][][][] actual = s.dropout(rate).forward(x, true, s.random(seed));
                double[][][][] predicted = s.dropout(rate).forward(x, false, null);
                int n = ConvMaths.flatten(x).length;
                double[] keep = keepFactors(new Random(seed), n, rate, false);
                double[] unscaled = keep.clone();
                for (int k = 0; k < n; k++) {
                    unscaled[k] = keep[k] == 0 ? 0 : 1;
                }
                diagnosis.match(expected, actual,
                        new Diagnosis.Candidate(Mistake.DROPOUT_NOT_SCALED, times(x, unscaled, 1)),
                        new Diagnosis.Candidate(Mistake.DROPOUT_RATE_KEPT,
                                times(x, keepFactors(new Random(seed), n, rate, true), 1)));
                diagnosis.match(x, predicted,
                        new Diagnosis.Candidate(Mistake.DROPOUT_IN_PREDICTION, times(x, null, 1 - rate)),
                        new Diagnosis.Candidate(Mistake.DROPOUT_IN_PREDICTION, times(x, null, 1 / (1 - rate))));
                score.close("Dropout.forward in training (§2.2)", "rate " + rate, expected, actual, Tolerance.DEFAULT);
                score.close("Dropout.forward in prediction (§2.2)", "rate " + rate, x, predicted, Tolerance.DEFAULT);
            });
        }
    }

    @GradedTest(number = "2.2.2", name = "Dropout backward reuses the forward's mask; a dropout net's gradient",
            points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void dropoutBackward(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < 2; i++) {
            double rate = RATES[i];
            double[][][][] x = input(r);
            double[][][][] g = Gen.tensor(r, x.length, x[0].length, x[0][0].length, x[0][0][0].length, 1);
            long seed = r.nextLong();
            score.check("rate " + rate, () -> {
                Dropout dropout = o.dropout(rate);
                dropout.forward(x, true, o.random(seed));
                double[][][][] expected = dropout.backward(g);
                Dropout mine = s.dropout(rate);
                mine.forward(x, true, s.random(seed));
                double[][][][] actual = mine.backward(g);
                int n = ConvMaths.flatten(x).length;
                Random draws = new Random(seed);
                double[] keep = keepFactors(draws, n, rate, false);
                double[] redrawn = keepFactors(draws, n, rate, false);
                double[] unscaled = keep.clone();
                for (int k = 0; k < n; k++) {
                    unscaled[k] = keep[k] == 0 ? 0 : 1;
                }
                diagnosis.match(expected, actual,
                        new Diagnosis.Candidate(Mistake.DROPOUT_BACKWARD_UNSCALED, times(g, unscaled, 1)),
                        new Diagnosis.Candidate(Mistake.DROPOUT_MASK_REDRAWN, times(g, redrawn, 1)),
                        new Diagnosis.Candidate(Mistake.DROPOUT_NOT_SCALED, times(g, unscaled, 1)));
                score.close("Dropout.backward (§2.2)", "rate " + rate, expected, actual, Tolerance.DEFAULT);
            });
        }
        double[][][][] x = Gen.tensor(r, 4, 2, 2, 1, 2);
        double[][] y = Draws.oneHot(r, 4, 3);
        long seed = r.nextLong();
        long maskSeed = r.nextLong();
        score.check("Sequential.gradient in training mode through Flatten, Dense, Dropout(0.5), Dense", () -> {
            double[] expected = dropoutNet(o, seed).gradient(x, y, true, o.random(maskSeed));
            double[] actual = dropoutNet(s, seed).gradient(x, y, true, s.random(maskSeed));
            diagnosis.match(expected, actual, new Diagnosis.Candidate(Mistake.GRADIENT_IN_INFERENCE_MODE,
                    dropoutNet(o, seed).gradient(x, y, false, null)));
            score.close("Sequential.gradient(x, y, true, random) (§2.2, §2.3)", "", expected, actual,
                    Tolerance.DEFAULT);
        });
    }

    @GradedTest(number = "2.2.3", name = "Dropout draws a new mask at every training pass; a fit's exact history with"
            + " Dropout and L2", points = 3, visibility = Visibility.AFTER_DUE_DATE)
    void dropoutPerBatch(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        double rate = RATES[1];
        double[][][][] first = input(r);
        double[][][][] second = Gen.tensor(r, first.length, first[0].length, first[0][0].length, first[0][0][0].length, 2);
        long seed = r.nextLong();
        score.check("rate " + rate + ", two training forward passes of one Dropout drawing from one generator", () -> {
            Rng ro = o.random(seed);
            Dropout reference = o.dropout(rate);
            double[][][][] expectedFirst = reference.forward(first, true, ro);
            double[][][][] expected = reference.forward(second, true, ro);
            Rng rs = s.random(seed);
            Dropout mine = s.dropout(rate);
            double[][][][] actualFirst = mine.forward(first, true, rs);
            double[][][][] actual = mine.forward(second, true, rs);
            if (Diagnosis.close(expectedFirst, actualFirst, Tolerance.DEFAULT)) {
                double[] firstMask = keepFactors(new Random(seed), ConvMaths.flatten(first).length, rate, false);
                diagnosis.match(expected, actual,
                        new Diagnosis.Candidate(Mistake.DROPOUT_MASK_ONCE_PER_FIT, times(second, firstMask, 1)));
            }
            score.close("the first Dropout.forward in training (§2.2)", "rate " + rate, expectedFirst, actualFirst,
                    Tolerance.DEFAULT);
            score.close("the second Dropout.forward in training, with the generator the first left (§2.2)",
                    "rate " + rate, expected, actual, Tolerance.DEFAULT);
        });
        double[][] x = Draws.matrix(r, FIT_ROWS, 4, 2);
        double[][] y = Draws.oneHot(r, FIT_ROWS, 3);
        long modelSeed = r.nextLong();
        long fitSeed = r.nextLong();
        String fit = FIT_ROWS + " rows, validationSplit " + FIT_SPLIT + ", " + FIT_EPOCHS + " epochs, batch "
                + FIT_BATCH;
        double[][][][] netX = Gen.tensor(r, 4, 2, 2, 1, 2);
        double[][] netY = Draws.oneHot(r, 4, 3);
        long maskSeed = r.nextLong();
        score.check("fit of Dense(l2), Dropout(0.5), Dense(l2): " + fit, () -> {
            Sequential mo = regularizedDropoutNet(o, modelSeed, 0.5);
            Sequential ms = regularizedDropoutNet(s, modelSeed, 0.5);
            History ho = mo.fit(x, y, FIT_EPOCHS, FIT_BATCH, fitSeed, FIT_SPLIT, new Callback[0]);
            History hs = ms.fit(x, y, FIT_EPOCHS, FIT_BATCH, fitSeed, FIT_SPLIT, new Callback[0]);
            if (!Diagnosis.close(ho.loss(), hs.loss(), Tolerance.DEFAULT)) {
                // Dropout and the training gradient right on their own, the same fit right without Dropout's draws:
                // what is left is the generator fit hands to gradient.
                diagnosis.nameIf(dropoutPassesAlone(s, o, first, second, seed, rate)
                        && Diagnosis.close(dropoutNet(o, seed).gradient(netX, netY, true, o.random(maskSeed)),
                                dropoutNet(s, seed).gradient(netX, netY, true, s.random(maskSeed)), Tolerance.DEFAULT)
                        && Diagnosis.close(regularizedDropoutNet(o, modelSeed, 0).fit(x, y, FIT_EPOCHS, FIT_BATCH,
                                fitSeed, FIT_SPLIT, new Callback[0]).loss(), regularizedDropoutNet(s, modelSeed, 0).fit(x,
                                y, FIT_EPOCHS, FIT_BATCH, fitSeed, FIT_SPLIT, new Callback[0]).loss(), Tolerance.DEFAULT),
                        Mistake.FIT_RANDOM_NOT_PASSED);
            }
            score.close("History.loss() of a fit with Dropout and L2 (§1.1, §2.2, §2.3)", fit, ho.loss(), hs.loss(),
                    Tolerance.DEFAULT);
            score.close("History.valLoss() of a fit with Dropout and L2 (§1.1, §2.3)", fit, ho.valLoss(),
                    hs.valLoss(), Tolerance.DEFAULT);
            score.close("the parameters after a fit with Dropout and L2 (§2.2)", fit, mo.parameters(),
                    ms.parameters(), Tolerance.DEFAULT, denseLayout(new int[] {4, 6, 3}));
        });
        double[][][][] before = input(r);
        double[][][][] after = Gen.tensor(r, before.length, before[0].length, before[0][0].length,
                before[0][0][0].length, 2);
        long zeroSeed = r.nextLong();
        score.check("Dropout(0) in training draws nothing: Dropout(0), then Dropout(" + rate + "), one generator", () -> {
            Rng ro = o.random(zeroSeed);
            o.dropout(0).forward(before, true, ro);
            double[][][][] expected = o.dropout(rate).forward(after, true, ro);
            Rng rs = s.random(zeroSeed);
            s.dropout(0).forward(before, true, rs);
            double[][][][] actual = s.dropout(rate).forward(after, true, rs);
            Random skipped = new Random(zeroSeed);
            keepFactors(skipped, ConvMaths.flatten(before).length, 0, false);
            diagnosis.match(expected, actual, new Diagnosis.Candidate(Mistake.DROPOUT_RATE_ZERO_DRAWS,
                    times(after, keepFactors(skipped, ConvMaths.flatten(after).length, rate, false), 1)));
            score.close("Dropout(" + rate + ").forward after a Dropout(0) drew from the same generator (§2.2)",
                    "rate " + rate, expected, actual, Tolerance.DEFAULT);
        });
    }

    /** Whether the submission's Dropout gets two training passes and a backward pass right, on 2.2.3's first case. */
    private static boolean dropoutPassesAlone(Ps2 s, Ps2 o, double[][][][] first, double[][][][] second, long seed,
                                              double rate) {
        Dropout reference = o.dropout(rate);
        Dropout mine = s.dropout(rate);
        Rng ro = o.random(seed);
        Rng rs = s.random(seed);
        reference.forward(first, true, ro);
        mine.forward(first, true, rs);
        return Diagnosis.close(reference.forward(second, true, ro), mine.forward(second, true, rs), Tolerance.DEFAULT)
                && Diagnosis.close(reference.backward(first), mine.backward(first), Tolerance.DEFAULT);
    }

    /** Dense(4 → 6, TANH, l2), Dropout(rate), Dense(6 → 3, SOFTMAX, l2), SGD: every batch draws its own masks. */
    private static Sequential regularizedDropoutNet(Ps2 api, long seed, double rate) {
        Sequential model = api.sequential(new Layer[] {api.dense(4, 6, api.activation("TANH"), seed, api.l2(FIT_L2)),
            api.dropout(rate), api.dense(6, 3, api.activation("SOFTMAX"), seed + 1, api.l2(FIT_L2))});
        model.compile(api.sgd(0.1, 0, false), api.loss("CATEGORICAL_CROSSENTROPY"));
        return model;
    }

    private static Sequential dropoutNet(Ps2 api, long seed) {
        Sequential model = api.sequential(new Layer[] {api.flatten(), api.dense(4, 6, api.activation("TANH"), seed),
            api.dropout(0.5), api.dense(6, 3, api.activation("SOFTMAX"), seed + 1)});
        model.compile(api.sgd(0.1, 0, false), api.loss("CATEGORICAL_CROSSENTROPY"));
        return model;
    }
}
