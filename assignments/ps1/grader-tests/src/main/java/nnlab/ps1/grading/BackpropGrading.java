package nnlab.ps1.grading;

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
import nnlab.ps1.grading.api.Dense;
import nnlab.ps1.grading.api.Ps1;
import nnlab.ps1.grading.api.Sequential;

/** Part 3: backpropagation (30 points). */
class BackpropGrading {

    private static final List<String> HIDDEN_ACTIVATIONS = List.of("SIGMOID", "TANH", "RELU", "LEAKY_RELU", "ELU");
    private static final int ENTRIES_PER_BLOCK = 6;
    /** Why a self-consistency case failed before checking anything: it pays only for a correct forward pass. */
    private static final String FORWARD_FIRST = "not checked: this test compares your gradient with your own forward"
            + " pass, so it counts only once that forward pass agrees with the reference; fix";
    private static final String ZERO_GRADIENT = "your gradient is zero (or not finite) everywhere: not checked, since"
            + " a stub agrees with itself";
    /** What 3.2.2 compares, and where to look, for its "what differs" line. */
    private static final String BACKWARD_CHECKED = "Dense.backward's weightGradient and biasGradient against numerical"
            + " differences of your own Dense.forward (§3.2: ∂L/∂W = Xᵀ·∂L/∂Z, ∂L/∂b = column sums of ∂L/∂Z, where"
            + " ∂L/∂Z is the activation's backward of ∂L/∂A)";
    /** What 3.4.2 compares, and where to look, for its "what differs" line. */
    private static final String GRADIENT_CHECKED = "Sequential.gradient against numerical differences of your own"
            + " loss (§3.4: each layer's backward, last to first, from the loss gradient)";
    /** The Dense mistakes whose effect on a whole net's gradient §3.4 recognises. */
    private static final List<Mistake> SEQUENTIAL_MISTAKES = List.of(Mistake.SLIDE_HIDDEN_FORMULA, Mistake.BIAS_AVERAGED,
            Mistake.WEIGHT_GRADIENT_IN_TRANSPOSED_ORDER, Mistake.MISSING_ACTIVATION_DERIVATIVE);

    /** A network: layer sizes, activations, loss. */
    private record Net(int[] sizes, String[] activations, String loss) {
        int outputs() {
            return sizes[sizes.length - 1];
        }
    }

    private static final List<Net> NETS = List.of(
            new Net(new int[] {2, 3, 1}, new String[] {"SIGMOID", "SIGMOID"}, "MSE"),
            new Net(new int[] {4, 5, 3, 1}, new String[] {"TANH", "RELU", "SIGMOID"}, "BINARY_CROSSENTROPY"),
            new Net(new int[] {3, 6, 4}, new String[] {"RELU", "SOFTMAX"}, "CATEGORICAL_CROSSENTROPY"),
            new Net(new int[] {5, 4, 4, 3, 2}, new String[] {"ELU", "LEAKY_RELU", "TANH", "LINEAR"}, "MSE"));

    @GradedTest(number = "3.1.1", name = "Dense forward", points = 7, visibility = Visibility.AFTER_DUE_DATE)
    void forward(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < 5; i++) {
            ForwardCase c;
            do {
                c = ForwardCase.draw(r, i);
            } while (Gen.stubLike(o.dense(c.w(), c.b(), o.activation(c.activation())).forward(c.x()), c.x()));
            ForwardCase fc = c;
            String activation = fc.activation();
            double[][] w = fc.w();
            double[] b = fc.b();
            double[][] x = fc.x();
            int units = b.length;
            String input = "W = " + Score.show(w) + ", b = " + Score.show(b) + ", " + activation + ", x = " + Score.show(x);
            score.check("case " + (i + 1) + " (" + activation + ", batch " + x.length + ")", () -> {
                double[][] expected = o.dense(w, b, o.activation(activation)).forward(x);
                double[][] actual = s.dense(w, b, s.activation(activation)).forward(x);
                diagnosis.match(expected, actual,
                        new Diagnosis.Candidate(Mistake.FORWARD_NO_BIAS,
                                o.dense(w, new double[units], o.activation(activation)).forward(x)),
                        new Diagnosis.Candidate(Mistake.FORWARD_NO_ACTIVATION, o.dense(w, b, o.activation("LINEAR")).forward(x)));
                score.close("Dense.forward (§3.1)", input, expected, actual, Tolerance.DEFAULT);
            });
        }
    }

    /**
     * One case of 3.1.1: case 0 has a batch of one, case 1 one input, case 4 softmax (over at least two units, since
     * softmax over one unit is the constant 1); drawn again while its expected output is stub-like.
     */
    private record ForwardCase(double[][] w, double[] b, double[][] x, String activation) {
        static ForwardCase draw(Random r, int i) {
            int batch = i == 0 ? 1 : 1 + r.nextInt(5);
            int inputs = i == 1 ? 1 : 1 + r.nextInt(4);
            boolean softmax = i == 4;
            int units = softmax ? 2 + r.nextInt(3) : 1 + r.nextInt(4);
            String activation = softmax ? "SOFTMAX" : HIDDEN_ACTIVATIONS.get(r.nextInt(HIDDEN_ACTIVATIONS.size()));
            return new ForwardCase(Draws.matrix(r, inputs, units, 1), Draws.vector(r, units, 0.5), Draws.matrix(r, batch, inputs, 2),
                    activation);
        }
    }

    @GradedTest(number = "3.2.1", name = "Dense backward against the reference", points = 5, visibility = Visibility.HIDDEN)
    void backwardAgainstOracle(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (int i = 0; i < 4; i++) {
            int batch = i == 0 ? 1 : 2 + r.nextInt(4);
            int inputs = 1 + r.nextInt(4);
            int units = 1 + r.nextInt(4);
            String activation = HIDDEN_ACTIVATIONS.get(i % HIDDEN_ACTIVATIONS.size());
            double[][] w = Draws.matrix(r, inputs, units, 1);
            double[] b = Draws.vector(r, units, 0.5);
            double[][] x = Draws.matrix(r, batch, inputs, 2);
            double[][] g = Draws.matrix(r, batch, units, 1);
            score.check("case " + (i + 1) + " (" + activation + ")", () -> {
                Dense ds = s.dense(w, b, s.activation(activation));
                Dense dor = o.dense(w, b, o.activation(activation));
                ds.forward(x);
                double[][] z = o.dense(w, b, o.activation("LINEAR")).forward(x);
                double[][] dz = o.activation(activation).backward(z, g);
                dor.forward(x);
                double[][] dx = dor.backward(g);
                double[][] actualDx = ds.backward(g);
                // The slide's formula drops w_oj: every input receives the plain sum of its units' ∂L/∂Z.
                double[][] slide = new double[batch][inputs];
                for (int row = 0; row < batch; row++) {
                    java.util.Arrays.fill(slide[row], java.util.Arrays.stream(dz[row]).sum());
                }
                Dense linear = o.dense(w, b, o.activation("LINEAR"));
                linear.forward(x);
                diagnosis.match(dx, actualDx, new Diagnosis.Candidate(Mistake.SLIDE_HIDDEN_FORMULA, slide),
                        new Diagnosis.Candidate(Mistake.MISSING_ACTIVATION_DERIVATIVE, linear.backward(g)));
                score.close("∂L/∂X returned by Dense.backward (§3.2)", "", dx, actualDx, Tolerance.DEFAULT);
                double[][] dw = dor.weightGradient();
                double[][] actualDw = ds.weightGradient();
                diagnosis.match(dw, actualDw, new Diagnosis.Candidate(Mistake.TRANSPOSED_WEIGHT_GRADIENT,
                        Diagnosis.transpose(dw)), new Diagnosis.Candidate(Mistake.MISSING_ACTIVATION_DERIVATIVE,
                        linear.weightGradient()), new Diagnosis.Candidate(Mistake.WEIGHT_GRADIENT_AVERAGED,
                        Diagnosis.scale(dw, 1.0 / batch)));
                score.close("weightGradient ∂L/∂W = Xᵀ·∂L/∂Z (§3.2)", "", dw, actualDw, Tolerance.DEFAULT);
                double[] db = dor.biasGradient();
                double[] actualDb = ds.biasGradient();
                diagnosis.match(db, actualDb, new Diagnosis.Candidate(Mistake.BIAS_AVERAGED, Diagnosis.scale(db, 1.0 / batch)));
                score.close("biasGradient = column sums of ∂L/∂Z (§3.2)", "", db, actualDb, Tolerance.DEFAULT);
            });
        }
    }

    // Shown after the due date, table included: a gradient check of the student's own code is the feedback that
    // teaches most, and its random cases are this submission's alone. It compares the student with the student, so a
    // case pays only for real work: a forward pass that agrees with the reference and a gradient that is not zero
    // (stubs returning zeros agree with themselves). Kinks are judged on the reference's function (GradientCheck).
    // The differences are of the student's own forward, but they count only where that forward agrees with the
    // reference's at every θ ± h the check evaluates (GradientCheck's trusted function): the test is about the
    // student's backward matching the student's forward, which only the student's forward can tell, and a forward that
    // is right at θ but bent around it (a Dense remembering its last backward and answering linearly with that slope)
    // fails there instead of vouching for its own gradient.
    @GradedTest(number = "3.2.2", name = "Dense backward against numerical differences of your forward", points = 5,
            visibility = Visibility.AFTER_DUE_DATE)
    void backwardGradientCheck(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        for (int i = 0; i < 2; i++) {
            int batch = 2 + r.nextInt(3);
            int inputs = 2 + r.nextInt(3);
            int units = 2 + r.nextInt(3);
            String activation = i == 0 ? "TANH" : "SIGMOID";
            int caseNumber = i + 1;
            double[][] w = Draws.matrix(r, inputs, units, 1);
            double[] b = Draws.vector(r, units, 0.5);
            double[][] x = Draws.matrix(r, batch, inputs, 2);
            double[][] g = Draws.matrix(r, batch, units, 1);
            score.check("case " + (i + 1) + " (" + activation + ")", () -> {
                Dense dense = s.dense(w, b, s.activation(activation));
                double[][] output = dense.forward(x);
                requireOrDiffer(score, Diagnosis.close(o.dense(w, b, o.activation(activation)).forward(x), output,
                        Tolerance.DEFAULT), "Dense.forward (§3.1), which this test differentiates",
                        "it disagrees with the reference, so the check did not run: fix test 3.1.1 first",
                        FORWARD_FIRST + " Dense.forward (test 3.1.1).");
                dense.backward(g);
                double[] analytic = concat(flatten(dense.weightGradient()), dense.biasGradient());
                requireOrDiffer(score, nonZero(analytic), BACKWARD_CHECKED, "zero (or not finite) everywhere",
                        ZERO_GRADIENT);
                double[] theta = concat(flatten(w), b);
                GradientCheck.Result result = GradientCheck.check("Dense(" + activation + ") parameters", theta, analytic,
                        p -> weightedSum(s.dense(unflatten(p, inputs, units), tail(p, inputs * units),
                                s.activation(activation)).forward(x), g),
                        p -> weightedSum(o.dense(unflatten(p, inputs, units), tail(p, inputs * units),
                                o.activation(activation)).forward(x), g),
                        List.of(new GradientCheck.Block("W", 0, inputs, units),
                                new GradientCheck.Block("b", inputs * units, 1, units)),
                        ENTRIES_PER_BLOCK, GradientCheck.RELATIVE_TOLERANCE, r);
                score.data("gradient_check_" + caseNumber, result.toData());
                if (!result.passed()) {
                    score.differs(BACKWARD_CHECKED, result.summary());
                }
                score.require(result.passed(), "your backward pass disagrees with numerical differences of your own"
                        + " forward pass (§3.2):\n" + result.table());
            });
        }
    }

    @GradedTest(number = "3.3.1", name = "Sequential.predict", points = 5, visibility = Visibility.AFTER_DUE_DATE)
    void predict(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (Net net : NETS.subList(0, 3)) {
            long seed = r.nextLong();
            double[][] x = Draws.matrix(r, 1 + r.nextInt(4), net.sizes()[0], 2);
            score.check(describe(net), () -> {
                double[][] expected = build(o, net, seed).predict(x);
                double[][] actual = build(s, net, seed).predict(x);
                diagnosis.nameIf(!Diagnosis.close(expected, actual, Tolerance.DEFAULT) && otherGlorotLimit(s, o, net, seed),
                        Mistake.GLOROT_LIMIT);
                score.close("Sequential.predict (§3.3)", describe(net) + ", x = " + Score.show(x), expected, actual,
                        Tolerance.DEFAULT);
            });
        }
    }

    /**
     * Whether the student's seeded first layer holds the reference's draws scaled by one factor other than 1: the same
     * random numbers, another limit.
     */
    private static boolean otherGlorotLimit(Ps1 s, Ps1 o, Net net, long seed) {
        double[][] mine = s.dense(net.sizes()[0], net.sizes()[1], s.activation("LINEAR"), seed).weights();
        double[][] right = o.dense(net.sizes()[0], net.sizes()[1], o.activation("LINEAR"), seed).weights();
        if (mine == null || mine.length != right.length || right.length == 0 || right[0][0] == 0) {
            return false;
        }
        double factor = mine[0][0] / right[0][0];
        return !Diagnosis.close(right, mine, Tolerance.DEFAULT)
                && Diagnosis.close(Diagnosis.scale(right, factor), mine, Tolerance.DEFAULT);
    }

    @GradedTest(number = "3.4.1", name = "Sequential.gradient against the reference", points = 4,
            visibility = Visibility.HIDDEN)
    void gradientAgainstOracle(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        Diagnosis diagnosis = new Diagnosis(score);
        for (Net net : NETS) {
            Draws.Batch batch = Draws.batch(r, 2, 5, net.sizes()[0], net.loss(), net.outputs());
            score.check(describe(net), () -> {
                Sequential ms = build(s, net, batch.seed());
                Sequential mo = build(o, net, batch.seed());
                ms.compile(s.sgd(0.1, 0, false), s.loss(net.loss()));
                mo.compile(o.sgd(0.1, 0, false), o.loss(net.loss()));
                double[] expected = mo.gradient(batch.x(), batch.y());
                double[] actual = ms.gradient(batch.x(), batch.y());
                if (!Diagnosis.close(expected, actual, Tolerance.DEFAULT)) {
                    diagnosis.match(expected, actual, SEQUENTIAL_MISTAKES.stream().map(m -> new Diagnosis.Candidate(m,
                            WrongBackprop.gradient(net.sizes(), net.activations(), net.loss(), batch.seed(), batch.x(),
                                    batch.y(), m)))
                            .toArray(Diagnosis.Candidate[]::new));
                }
                score.close("Sequential.gradient (§3.4)", "", expected, actual, Tolerance.DEFAULT, layout(net));
            });
        }
        // §3.4's edge: a model that is not compiled has no loss to differentiate. One case, so that a gradient that
        // only ever throws earns nothing here.
        Net first = NETS.get(0);
        Draws.Batch edge = Draws.batch(r, 2, 5, first.sizes()[0], first.loss(), first.outputs());
        score.check("gradient's edge", () -> OptimizerGrading.requireThrows(score, IllegalStateException.class,
                () -> build(s, first, edge.seed()).gradient(edge.x(), edge.y()),
                "Sequential.gradient (§3.4) on a model that is not compiled"));
    }

    // After the due date, and paying only for real work, for the same reasons as 3.2.2. The differences are of the
    // student's own loss, counted only where it agrees with the reference's loss at every θ ± h (GradientCheck's
    // trusted function): a loss right at θ and linear around it with the student's own slope makes any gradient agree.
    @GradedTest(number = "3.4.2", name = "Sequential.gradient against numerical differences of your loss", points = 4,
            visibility = Visibility.AFTER_DUE_DATE)
    void gradientCheck(@Student Ps1 s, @Oracle Ps1 o, Score score) {
        Random r = score.random();
        for (Net net : NETS.subList(0, 3)) {
            Draws.Batch batch = Draws.batch(r, 3, 3, net.sizes()[0], net.loss(), net.outputs());
            score.check(describe(net), () -> {
                Sequential model = build(s, net, batch.seed());
                Sequential reference = build(o, net, batch.seed());
                model.compile(s.sgd(0.1, 0, false), s.loss(net.loss()));
                reference.compile(o.sgd(0.1, 0, false), o.loss(net.loss()));
                double[] theta = model.parameters();
                reference.setParameters(theta.clone());
                requireOrDiffer(score,
                        Diagnosis.close(reference.predict(batch.x()), model.predict(batch.x()), Tolerance.DEFAULT)
                        && Diagnosis.close(reference.loss(batch.x(), batch.y()), model.loss(batch.x(), batch.y()),
                                Tolerance.DEFAULT),
                        "Sequential.predict (§3.3) and Loss.value (§2.4), which this test differentiates",
                        "they disagree with the reference, so the check did not run: fix tests 3.3.1 and 2.4.2 first",
                        FORWARD_FIRST + " Sequential.predict and Loss.value (tests 3.3.1 and 2.4.2).");
                double[] analytic = model.gradient(batch.x(), batch.y());
                requireOrDiffer(score, nonZero(analytic), GRADIENT_CHECKED, "zero (or not finite) everywhere",
                        ZERO_GRADIENT);
                GradientCheck.Result result = GradientCheck.check(describe(net), theta, analytic, p -> {
                    model.setParameters(p);
                    return model.loss(batch.x(), batch.y());
                }, p -> {
                    reference.setParameters(p);
                    return reference.loss(batch.x(), batch.y());
                }, blocks(net), ENTRIES_PER_BLOCK, GradientCheck.RELATIVE_TOLERANCE, r);
                score.data("gradient_check_" + describe(net), result.toData());
                if (!result.passed()) {
                    score.differs(GRADIENT_CHECKED, result.summary());
                }
                score.require(result.passed(), "your gradient disagrees with numerical differences of your own loss"
                        + " (§3.4):\n" + result.table());
            });
        }
    }

    /** {@link Score#require}, with a "what differs" line for the diagnosis when {@code condition} fails. */
    private static void requireOrDiffer(Score score, boolean condition, String what, String how, String message) {
        if (!condition) {
            score.differs(what, how);
        }
        score.require(condition, message);
    }

    private static boolean nonZero(double[] gradient) {
        return gradient != null && java.util.Arrays.stream(gradient).anyMatch(v -> v != 0 && Double.isFinite(v));
    }

    static Sequential build(Ps1 api, Net net, long seed) {
        Dense[] layers = new Dense[net.sizes().length - 1];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = api.dense(net.sizes()[i], net.sizes()[i + 1], api.activation(net.activations()[i]), seed + i);
        }
        return api.sequential(layers);
    }

    /** The flat gradient's parts as a student reads the network: layer by layer, its kernel then its bias (§3.4). */
    private static List<GradientCheck.Block> layout(Net net) {
        List<GradientCheck.Block> layout = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i + 1 < net.sizes().length; i++) {
            int in = net.sizes()[i];
            int out = net.sizes()[i + 1];
            layout.add(new GradientCheck.Block("layer " + (i + 1) + "'s kernel W" + (i + 1), offset, in, out));
            offset += in * out;
            layout.add(new GradientCheck.Block("layer " + (i + 1) + "'s bias b" + (i + 1), offset, 1, out));
            offset += out;
        }
        return layout;
    }

    private static List<GradientCheck.Block> blocks(Net net) {
        List<GradientCheck.Block> blocks = new ArrayList<>();
        int offset = 0;
        for (int i = 0; i + 1 < net.sizes().length; i++) {
            int in = net.sizes()[i];
            int out = net.sizes()[i + 1];
            blocks.add(new GradientCheck.Block("W" + (i + 1), offset, in, out));
            offset += in * out;
            blocks.add(new GradientCheck.Block("b" + (i + 1), offset, 1, out));
            offset += out;
        }
        return blocks;
    }

    private static String describe(Net net) {
        return java.util.Arrays.toString(net.sizes()) + " " + String.join("/", net.activations()) + " + " + net.loss();
    }

    private static double weightedSum(double[][] a, double[][] g) {
        double total = 0;
        for (int r = 0; r < g.length; r++) {
            for (int c = 0; c < g[r].length; c++) {
                total += a[r][c] * g[r][c];
            }
        }
        return total;
    }

    private static double[] flatten(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static double[][] unflatten(double[] flat, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(flat, i * cols, m[i], 0, cols);
        }
        return m;
    }

    private static double[] tail(double[] flat, int from) {
        return java.util.Arrays.copyOfRange(flat, from, flat.length);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
