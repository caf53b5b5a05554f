package nnlab.ps2.grading;

import java.util.ArrayList;
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
import nnlab.ps2.grading.api.Conv2D;
import nnlab.ps2.grading.api.Layer;
import nnlab.ps2.grading.api.MaxPooling2D;
import nnlab.ps2.grading.api.Ps2;
import nnlab.ps2.grading.api.Sequential;

/** Part 3: convolution and pooling (40 points). */
class ConvGrading {

    private static final int ENTRIES_PER_BLOCK = 6;
    /** Small integers in pooling inputs: most windows then hold a tie. */
    private static final int TIE_LEVELS = 1;

    /** One Conv2D case's geometry: input (batch, h, w, cin), kernel kh × kw, filters, stride, padding, activation. */
    record Geometry(int batch, int h, int w, int cin, int kh, int kw, int filters, int stride, boolean same,
                    String activation) {
        String describe() {
            return "x " + batch + "×" + h + "×" + w + "×" + cin + ", kernel " + kh + "×" + kw + "×" + cin + "×"
                    + filters + ", strides " + stride + ", " + (same ? "SAME" : "VALID") + ", " + activation;
        }

        ConvMaths.Conv conv() {
            return ConvMaths.Conv.of(stride, stride, same);
        }
    }

    /** VALID cases: strides 1 to 3, several channels and filters, a non-square kernel. */
    static final List<Geometry> VALID = List.of(
            new Geometry(1, 4, 4, 1, 3, 3, 1, 1, false, "LINEAR"),
            new Geometry(2, 5, 5, 2, 2, 2, 3, 1, false, "RELU"),
            new Geometry(2, 6, 5, 1, 3, 2, 2, 2, false, "TANH"),
            new Geometry(1, 7, 7, 3, 3, 3, 2, 3, false, "SIGMOID"),
            // Softmax over each pixel's filters, Keras's last axis: the one activation that mixes entries.
            new Geometry(2, 4, 4, 2, 2, 2, 3, 1, false, "SOFTMAX"));

    /** SAME cases: each has an odd total padding on at least one axis, so where the extra row goes matters. */
    static final List<Geometry> SAME = List.of(
            new Geometry(1, 4, 4, 1, 2, 2, 1, 1, true, "LINEAR"),
            new Geometry(2, 5, 6, 2, 3, 3, 2, 2, true, "TANH"),
            new Geometry(1, 6, 6, 1, 4, 4, 2, 1, true, "LINEAR"),
            new Geometry(2, 7, 5, 3, 3, 3, 2, 3, true, "RELU"));

    /** A drawn case: the input, the kernel and bias, and the gradient arriving from above. */
    record Drawn(double[][][][] x, double[][][][] kernel, double[] bias) {
        static Drawn of(Random r, Geometry g) {
            return new Drawn(Gen.tensor(r, g.batch(), g.h(), g.w(), g.cin(), 2),
                    Gen.tensor(r, g.kh(), g.kw(), g.cin(), g.filters(), 1), Draws.vector(r, g.filters(), 0.5));
        }
    }

    static Conv2D layer(Ps2 api, Geometry g, Drawn d) {
        return api.conv2d(d.kernel(), d.bias(), g.stride(), api.padding(g.same() ? "SAME" : "VALID"),
                api.activation(g.activation()));
    }

    /** φ applied as Conv2D applies it: to the (batch·oh·ow) × filters matrix of Z, with the reference's Activation. */
    static double[][][][] activate(double[][][][] z, String activation) {
        return reshape(nnlab.Activation.valueOf(activation).forward(nnlab.Matrix.of(rows(z))).toArray(), z);
    }

    /** φ applied to each image's whole (oh·ow·filters) row of Z: a softmax over the wrong axis. */
    static double[][][][] activatePerImage(double[][][][] z, String activation) {
        int perImage = z[0].length * z[0][0].length * z[0][0][0].length;
        double[] flat = ConvMaths.flatten(z);
        double[][] images = new double[z.length][perImage];
        for (int b = 0; b < z.length; b++) {
            System.arraycopy(flat, b * perImage, images[b], 0, perImage);
        }
        return reshape(nnlab.Activation.valueOf(activation).forward(nnlab.Matrix.of(images)).toArray(), z);
    }

    /** ∂L/∂Z from ∂L/∂A, with the reference's Activation. */
    static double[][][][] activationBackward(double[][][][] z, double[][][][] g, String activation) {
        return reshape(nnlab.Activation.valueOf(activation).backward(nnlab.Matrix.of(rows(z)), nnlab.Matrix.of(rows(g)))
                .toArray(), z);
    }

    private static double[][] rows(double[][][][] t) {
        int channels = t[0][0][0].length;
        double[] flat = ConvMaths.flatten(t);
        double[][] m = new double[flat.length / channels][channels];
        for (int i = 0; i < m.length; i++) {
            System.arraycopy(flat, i * channels, m[i], 0, channels);
        }
        return m;
    }

    private static double[][][][] reshape(double[][] m, double[][][][] like) {
        double[] flat = java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
        return ConvMaths.unflatten(flat, like.length, like[0].length, like[0][0].length, like[0][0][0].length);
    }

    private static void forwardCases(Ps2 s, Ps2 o, Score score, List<Geometry> geometries) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (Geometry g : geometries) {
            Drawn d = Drawn.of(r, g);
            score.check(g.describe(), () -> {
                double[][][][] expected = layer(o, g, d).forward(d.x(), false, null);
                double[][][][] actual = layer(s, g, d).forward(d.x(), false, null);
                if (!Diagnosis.close(expected, actual, Tolerance.DEFAULT)) {
                    double[][][][] z = ConvMaths.conv(d.x(), d.kernel(), d.bias(), g.conv());
                    diagnosis.match(expected, actual,
                            new Diagnosis.Candidate(Mistake.CONV_FLIPPED_KERNEL, activate(ConvMaths.conv(d.x(),
                                    d.kernel(), d.bias(), g.conv().flippedKernel()), g.activation())),
                            g.same() ? new Diagnosis.Candidate(Mistake.SAME_PADDING_TOP_LEFT, activate(ConvMaths.conv(
                                    d.x(), d.kernel(), d.bias(), g.conv().paddingTopLeft()), g.activation())) : null,
                            new Diagnosis.Candidate(Mistake.CONV_NO_BIAS, activate(ConvMaths.conv(d.x(), d.kernel(),
                                    new double[g.filters()], g.conv()), g.activation())),
                            new Diagnosis.Candidate(Mistake.CONV_NO_ACTIVATION, z),
                            g.activation().equals("SOFTMAX") ? new Diagnosis.Candidate(Mistake.CONV_SOFTMAX_AXIS,
                                    activatePerImage(z, g.activation())) : null);
                }
                score.close("Conv2D.forward (§3.1)", g.describe(), expected, actual, Tolerance.DEFAULT);
            });
        }
    }

    @GradedTest(number = "3.1.1", name = "Conv2D forward: VALID padding and strides", points = 5)
    void forwardValid(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        forwardCases(s, o, score, VALID);
    }

    @GradedTest(number = "3.1.2", name = "Conv2D forward: SAME padding (extra row and column at the bottom and right)",
            points = 6, visibility = Visibility.AFTER_DUE_DATE)
    void forwardSame(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        forwardCases(s, o, score, SAME);
    }

    @GradedTest(number = "3.2.1", name = "Conv2D backward against the reference", points = 7,
            visibility = Visibility.HIDDEN)
    void backwardAgainstOracle(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        List<Geometry> cases = List.of(VALID.get(1), VALID.get(2), VALID.get(3), SAME.get(1), SAME.get(2), SAME.get(3));
        for (Geometry g : cases) {
            Drawn d = Drawn.of(r, g);
            double[][][][] z = ConvMaths.conv(d.x(), d.kernel(), d.bias(), g.conv());
            double[][][][] gradOut = Gen.tensor(r, z.length, z[0].length, z[0][0].length, z[0][0][0].length, 1);
            score.check(g.describe(), () -> {
                Conv2D ref = layer(o, g, d);
                double[][][][] output = ref.forward(d.x(), false, null);
                double[][][][] dx = ref.backward(gradOut);
                Conv2D mine = layer(s, g, d);
                // A kernel flipped only in backward is its own mistake: the whole layer is not a convolution then.
                Mistake flipped = Diagnosis.close(output, mine.forward(d.x(), false, null), Tolerance.DEFAULT)
                        ? Mistake.CONV_BACKWARD_FLIPPED_KERNEL : Mistake.CONV_FLIPPED_KERNEL;
                double[][][][] actualDx = mine.backward(gradOut);
                double[][][][] actualDk = mine.kernelGradient();
                double[] actualDb = mine.biasGradient();
                double[][][][] dz = activationBackward(z, gradOut, g.activation());
                List<Diagnosis.Candidate> dxCandidates = new ArrayList<>();
                List<Diagnosis.Candidate> dkCandidates = new ArrayList<>();
                for (Object[] variant : new Object[][] {
                    {Mistake.CONV_STRIDE_IGNORED_BACKWARD, g.conv().strideIgnoredInBackward(), dz},
                    {flipped, g.conv().flippedKernel(), dz},
                    {Mistake.SAME_PADDING_TOP_LEFT, g.conv().paddingTopLeft(), dz},
                    {Mistake.CONV_MISSING_ACTIVATION_DERIVATIVE, g.conv(), gradOut}}) {
                    ConvMaths.ConvGradients wrong = ConvMaths.convBackward(d.x(), d.kernel(), (double[][][][]) variant[2],
                            (ConvMaths.Conv) variant[1]);
                    dxCandidates.add(new Diagnosis.Candidate((Mistake) variant[0], wrong.dx()));
                    dkCandidates.add(new Diagnosis.Candidate((Mistake) variant[0], wrong.dKernel()));
                }
                diagnosis.match(dx, actualDx, dxCandidates.toArray(Diagnosis.Candidate[]::new));
                double[][][][] dk = ref.kernelGradient();
                diagnosis.match(dk, actualDk, dkCandidates.toArray(Diagnosis.Candidate[]::new));
                double[] db = ref.biasGradient();
                int positions = z.length * z[0].length * z[0][0].length;
                diagnosis.match(db, actualDb,
                        new Diagnosis.Candidate(Mistake.CONV_BIAS_GRADIENT_AVERAGED, Diagnosis.scale(db, 1.0 / positions)),
                        new Diagnosis.Candidate(Mistake.CONV_BIAS_GRADIENT_AVERAGED, Diagnosis.scale(db, 1.0 / z.length)));
                score.close("∂L/∂X returned by Conv2D.backward (§3.2)", "", dx, actualDx, Tolerance.DEFAULT);
                score.close("kernelGradient (§3.2), as (kh, kw, inChannels, filters)", "", dk, actualDk,
                        Tolerance.DEFAULT);
                score.close("biasGradient (§3.2)", "", db, actualDb, Tolerance.DEFAULT);
            });
        }
        // fit calls backward once per batch on the same layer: each call's gradients replace the last call's.
        Geometry g = VALID.get(1);
        Drawn d = Drawn.of(r, g);
        double[][][][] z = ConvMaths.conv(d.x(), d.kernel(), d.bias(), g.conv());
        double[][][][] first = Gen.tensor(r, z.length, z[0].length, z[0][0].length, z[0][0][0].length, 1);
        double[][][][] second = Gen.tensor(r, z.length, z[0].length, z[0][0].length, z[0][0][0].length, 1);
        score.check(g.describe() + ", two forward and backward passes on one layer", () -> {
            Conv2D ref = layer(o, g, d);
            Conv2D mine = layer(s, g, d);
            for (double[][][][] gradOut : List.of(first, second)) {
                ref.forward(d.x(), false, null);
                ref.backward(gradOut);
                mine.forward(d.x(), false, null);
                mine.backward(gradOut);
            }
            double[][][][] dk = ref.kernelGradient();
            double[][][][] actualDk = mine.kernelGradient();
            Conv2D once = layer(o, g, d);
            once.forward(d.x(), false, null);
            once.backward(first);
            double[][][][] summed = ConvMaths.unflatten(add(ConvMaths.flatten(dk), ConvMaths.flatten(
                    once.kernelGradient())), dk.length, dk[0].length, dk[0][0].length, dk[0][0][0].length);
            diagnosis.match(dk, actualDk, new Diagnosis.Candidate(Mistake.CONV_GRADIENT_ACCUMULATED, summed));
            score.close("kernelGradient after the second backward (§3.2)", "", dk, actualDk, Tolerance.DEFAULT);
            score.close("biasGradient after the second backward (§3.2)", "", ref.biasGradient(), mine.biasGradient(),
                    Tolerance.DEFAULT);
        });
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += b[i];
        }
        return out;
    }

    // After the due date and paying only for real work, as problem set 1's own-forward checks. The differences are of
    // the student's own forward, counted only where it agrees with the reference's at every θ ± h and x ± h
    // (GradientCheck's trusted function): the point is the student's backward against the student's forward, and a
    // forward right at θ but linear around it with the student's own slope would vouch for any backward.
    @GradedTest(number = "3.2.2", name = "Conv2D backward against numerical differences of your forward", points = 5,
            visibility = Visibility.AFTER_DUE_DATE)
    void backwardGradientCheck(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        for (Geometry g : List.of(SAME.get(1), VALID.get(2))) {
            Drawn d = Drawn.of(r, g);
            double[][][][] z = ConvMaths.conv(d.x(), d.kernel(), d.bias(), g.conv());
            double[][][][] gradOut = Gen.tensor(r, z.length, z[0].length, z[0][0].length, z[0][0][0].length, 1);
            score.check(g.describe(), () -> {
                Conv2D mine = layer(s, g, d);
                double[][][][] output = mine.forward(d.x(), false, null);
                score.require(Diagnosis.close(layer(o, g, d).forward(d.x(), false, null), output, Tolerance.DEFAULT),
                        RegularizationGrading.FORWARD_FIRST.replace("your own loss", "your own forward pass")
                                .replace("that loss", "that forward pass") + " Conv2D.forward (tests 3.1.1 and 3.1.2).");
                double[][][][] dx = mine.backward(gradOut);
                double[] analytic = mine.parameterGradient();
                score.require(RegularizationGrading.nonZero(analytic), RegularizationGrading.ZERO_GRADIENT);
                double[] theta = mine.parameters();
                Conv2D reference = layer(o, g, d);
                int kernelRows = g.kh() * g.kw() * g.cin();
                GradientCheck.Result parameters = GradientCheck.check("Conv2D kernel and bias", theta, analytic, p -> {
                    mine.setParameters(p);
                    return ConvMaths.weightedSum(mine.forward(d.x(), false, null), gradOut);
                }, p -> {
                    reference.setParameters(p);
                    return ConvMaths.weightedSum(reference.forward(d.x(), false, null), gradOut);
                }, List.of(new GradientCheck.Block("kernel", 0, kernelRows, g.filters()),
                        new GradientCheck.Block("bias", kernelRows * g.filters(), 1, g.filters())),
                        ENTRIES_PER_BLOCK, GradientCheck.RELATIVE_TOLERANCE, r);
                mine.setParameters(theta);
                reference.setParameters(theta);
                double[][][][] x = d.x();
                GradientCheck.Result input = GradientCheck.check("Conv2D input", ConvMaths.flatten(x),
                        ConvMaths.flatten(dx),
                        p -> ConvMaths.weightedSum(mine.forward(like(p, x), false, null), gradOut),
                        p -> ConvMaths.weightedSum(reference.forward(like(p, x), false, null), gradOut),
                        List.of(new GradientCheck.Block("x", 0, g.batch() * g.h() * g.w(), g.cin())),
                        ENTRIES_PER_BLOCK, GradientCheck.RELATIVE_TOLERANCE, r);
                score.data("gradient_check_" + g.describe(), parameters.toData());
                score.data("gradient_check_input_" + g.describe(), input.toData());
                if (!parameters.passed() || !input.passed()) {
                    score.differs("Conv2D.backward against numerical differences of your own Conv2D.forward (§3.2)",
                            String.join("; ", List.of(parameters.summary(), input.summary()).stream()
                                    .filter(line -> !line.isEmpty()).toList()));
                }
                score.require(parameters.passed() && input.passed(), "your backward pass disagrees with numerical"
                        + " differences of your own forward pass (§3.2):\n" + parameters.table() + "\n" + input.table());
            });
        }
    }

    private static double[][][][] like(double[] flat, double[][][][] shape) {
        return ConvMaths.unflatten(flat, shape.length, shape[0].length, shape[0][0].length, shape[0][0][0].length);
    }

    /** Pooling cases: pool size and strides, including overlapping windows (strides &lt; pool size). */
    private static final int[][] POOLS = {{2, 2}, {3, 2}, {2, 1}};

    @GradedTest(number = "3.3.1", name = "MaxPooling2D forward", points = 4)
    void poolForward(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int[] pool : POOLS) {
            double[][][][] x = Gen.tensor(r, 1 + r.nextInt(2), 5 + r.nextInt(2), 4 + r.nextInt(3), 1 + r.nextInt(2), 2);
            score.check("pool " + pool[0] + ", strides " + pool[1], () -> {
                double[][][][] expected = o.maxPooling2d(pool[0], pool[1]).forward(x, false, null);
                double[][][][] actual = s.maxPooling2d(pool[0], pool[1]).forward(x, false, null);
                diagnosis.match(expected, actual, pool[1] == 1 ? null : new Diagnosis.Candidate(
                        Mistake.POOL_STRIDE_IGNORED, ConvMaths.maxPool(x, pool[0], pool[0], 1, 1)));
                score.close("MaxPooling2D.forward (§3.3) with pool " + pool[0] + ", strides " + pool[1], "x = "
                        + Score.show(ConvMaths.flatten(x)), expected, actual, Tolerance.DEFAULT);
            });
        }
    }

    @GradedTest(number = "3.3.2", name = "MaxPooling2D backward: ties and overlapping windows", points = 6,
            visibility = Visibility.AFTER_DUE_DATE)
    void poolBackward(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < POOLS.length; i++) {
            int[] pool = POOLS[i];
            // Never square: taller than wide in the even cases, wider than tall in the odd ones, so that a gradient
            // sized or laid out with the rows and the columns mixed up fails (§3.3 takes any h × w).
            int longSide = 5 + r.nextInt(2);
            int shortSide = 3 + r.nextInt(2);
            double[][][][] x = Gen.tiedTensor(r, 1 + r.nextInt(2), i % 2 == 0 ? longSide : shortSide,
                    i % 2 == 0 ? shortSide : longSide, 1 + r.nextInt(2), TIE_LEVELS);
            double[][][][] y = ConvMaths.maxPool(x, pool[0], pool[0], pool[1], pool[1]);
            double[][][][] g = Gen.tensor(r, y.length, y[0].length, y[0][0].length, y[0][0][0].length, 1);
            score.check("pool " + pool[0] + ", strides " + pool[1] + ", with ties", () -> {
                MaxPooling2D ref = o.maxPooling2d(pool[0], pool[1]);
                ref.forward(x, false, null);
                double[][][][] expected = ref.backward(g);
                MaxPooling2D mine = s.maxPooling2d(pool[0], pool[1]);
                mine.forward(x, false, null);
                double[][][][] actual = mine.backward(g);
                diagnosis.match(expected, actual,
                        new Diagnosis.Candidate(Mistake.POOL_GRADIENT_EVERY_MAXIMUM, ConvMaths.maxPoolBackward(x, g,
                                pool[0], pool[0], pool[1], pool[1], ConvMaths.Ties.EVERY)),
                        new Diagnosis.Candidate(Mistake.POOL_GRADIENT_LAST_MAXIMUM, ConvMaths.maxPoolBackward(x, g,
                                pool[0], pool[0], pool[1], pool[1], ConvMaths.Ties.LAST)),
                        pool[1] < pool[0] ? new Diagnosis.Candidate(Mistake.POOL_GRADIENT_OVERWRITTEN,
                                ConvMaths.maxPoolBackward(x, g, pool[0], pool[0], pool[1], pool[1],
                                        ConvMaths.Ties.OVERWRITE)) : null);
                score.close("MaxPooling2D.backward (§3.3) with pool " + pool[0] + ", strides " + pool[1], "x = "
                        + Score.show(ConvMaths.flatten(x)), expected, actual, Tolerance.DEFAULT);
            });
        }
    }

    /** The convolutional nets of 3.4.1. */
    static Sequential cnn(Ps2 api, int which, long seed) {
        Sequential model;
        if (which == 0) {
            model = api.sequential(new Layer[] {
                api.conv2d(1, 2, 3, 1, api.padding("SAME"), api.activation("RELU"), seed),
                api.maxPooling2d(2, 2), api.flatten(),
                api.dense(8, 3, api.activation("SOFTMAX"), seed + 1)});
            model.compile(api.sgd(0.1, 0, false), api.loss("CATEGORICAL_CROSSENTROPY"));
        } else {
            model = api.sequential(new Layer[] {
                api.conv2d(2, 3, 2, 2, api.padding("VALID"), api.activation("TANH"), seed),
                api.flatten(), api.dense(12, 1, api.activation("SIGMOID"), seed + 1)});
            model.compile(api.sgd(0.1, 0, false), api.loss("BINARY_CROSSENTROPY"));
        }
        return model;
    }

    @GradedTest(number = "3.4.1", name = "A CNN's gradient through Conv2D, MaxPooling2D, Flatten and Dense", points = 7,
            visibility = Visibility.AFTER_DUE_DATE)
    void cnnGradient(@Student Ps2 s, @Oracle Ps2 o, Score score) {
        Random r = score.random();
        for (int which = 0; which < 2; which++) {
            int net = which;
            long seed = r.nextLong();
            double[][][][] x = net == 0 ? Gen.tensor(r, 3, 4, 4, 1, 2) : Gen.tensor(r, 3, 5, 5, 2, 2);
            double[][] y = net == 0 ? Draws.oneHot(r, 3, 3) : new double[][] {{1}, {0}, {1}};
            score.check(net == 0 ? "Conv2D(SAME, RELU), MaxPooling2D(2), Flatten, Dense(SOFTMAX)"
                    : "Conv2D(VALID, strides 2, TANH), Flatten, Dense(SIGMOID)", () -> {
                        double[] expected = cnn(o, net, seed).gradient(x, y, true, o.random(seed));
                        double[] actual = cnn(s, net, seed).gradient(x, y, true, s.random(seed));
                        score.close("Sequential.gradient through a CNN (§3.4)", "", expected, actual,
                                Tolerance.DEFAULT);
                    });
        }
    }
}
