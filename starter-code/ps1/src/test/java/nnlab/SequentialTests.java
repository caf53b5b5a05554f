package nnlab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Parts 3 and 4: the lecture's 2-3-1 network (sigmoid hidden layer, sigmoid output) and training end to end. */
@DisplayName("Part 3–4 — the sequential model")
class SequentialTests {

    /** predict is compared with the lecture's formulas evaluated in plain doubles. */
    private static final double FORWARD_TOLERANCE = 1e-12;
    /** Step of the centered differences (the design's gradient check). */
    private static final double FINITE_DIFFERENCE_STEP = 1e-5;
    /** Absolute part of the gradient check's tolerance. */
    private static final double GRADIENT_ABSOLUTE_TOLERANCE = 1e-8;
    /** Relative part of the gradient check's tolerance. */
    private static final double GRADIENT_RELATIVE_TOLERANCE = 1e-6;
    /** The reported loss of the last epoch is the model's loss after training, computed the same way. */
    private static final double SAME_COMPUTATION_TOLERANCE = 1e-12;
    /** For values that must not move at all. */
    private static final double UNCHANGED = 0;
    private static final long FIT_SEED = 7;

    private static final double[][] HIDDEN_W = {{0.5, -1, 0.25}, {1, 0.5, -0.5}};
    private static final double[] HIDDEN_B = {0, 0.1, -0.2};
    private static final double[] OUTPUT_W = {1, -2, 0.5};
    private static final double OUTPUT_B = 0.3;
    private static final Matrix X = Matrix.of(new double[][] {{1, 0}, {0.5, 1}});
    private static final Matrix Y = Matrix.of(new double[][] {{1}, {0}});

    private static Sequential lectureNet() {
        return new Sequential(
                new Dense(Matrix.of(HIDDEN_W), HIDDEN_B, Activation.SIGMOID),
                new Dense(Matrix.columnVector(OUTPUT_W), new double[] {OUTPUT_B}, Activation.SIGMOID));
    }

    /** The lecture's scalar formulas: h_j = σ(w₁ⱼX₁ + w₂ⱼX₂ + b_j), o = b_o + Σⱼ w_oⱼ·h_j, p = σ(o). */
    private static double lectureProbability(double x1, double x2) {
        double o = OUTPUT_B;
        for (int j = 0; j < OUTPUT_W.length; j++) {
            o += OUTPUT_W[j] * sigma(HIDDEN_W[0][j] * x1 + HIDDEN_W[1][j] * x2 + HIDDEN_B[j]);
        }
        return sigma(o);
    }

    private static double sigma(double h) {
        return 1 / (1 + Math.exp(-h));
    }

    @Nested
    @DisplayName("forward and gradient (§3.3–3.4)")
    class ForwardAndGradient {

        @Test
        void predictFeedsTheBatchThroughEveryLayer() {
            Expect.near("Sequential.predict for the lecture net, X=[[1, 0], [0.5, 1]]",
                    "p = σ(b_o + Σⱼ w_oⱼ·σ(w₁ⱼX₁ + w₂ⱼX₂ + b_j)) per row",
                    new double[][] {{lectureProbability(1, 0)}, {lectureProbability(0.5, 1)}},
                    "handout §3.3, each layer's output is the next layer's input", FORWARD_TOLERANCE,
                    lectureNet().predict(X));
        }

        @Test
        void gradientMatchesCenteredDifferencesOfTheLoss() {
            Sequential model = lectureNet();
            model.compile(new Sgd(), Loss.MSE);
            double[] parameters = model.parameters();
            double[] analytic = model.gradient(X, Y);
            Expect.near("Sequential.parameters after gradient()", "unchanged parameters", parameters,
                    "handout §3.4: gradient changes no parameter", UNCHANGED, model.parameters());
            Expect.equal("Sequential.gradient(...).length", "one entry per parameter", parameters.length,
                    "handout §3.4, same layout as parameters()", analytic.length);
            for (int i = 0; i < parameters.length; i++) {
                double numeric = centeredDifference(model, parameters, i);
                double allowed = GRADIENT_ABSOLUTE_TOLERANCE
                        + GRADIENT_RELATIVE_TOLERANCE * Math.max(Math.abs(analytic[i]), Math.abs(numeric));
                Expect.near("Sequential.gradient entry " + i + " (" + describe(i) + ")",
                        "(loss(θ + h) − loss(θ − h)) / 2h", numeric,
                        "handout §3.2–3.4: ∂L/∂W = Xᵀ·∂L/∂Z; a hidden weight's chain passes through w_oⱼ, "
                                + "the factor the slide forgets", allowed, analytic[i]);
            }
        }

        private double centeredDifference(Sequential model, double[] parameters, int i) {
            double[] shifted = parameters.clone();
            shifted[i] = parameters[i] + FINITE_DIFFERENCE_STEP;
            model.setParameters(shifted);
            double up = model.loss(X, Y);
            shifted[i] = parameters[i] - FINITE_DIFFERENCE_STEP;
            model.setParameters(shifted);
            double down = model.loss(X, Y);
            model.setParameters(parameters);
            return (up - down) / (2 * FINITE_DIFFERENCE_STEP);
        }

        private String describe(int i) {
            int hiddenWeights = HIDDEN_W.length * HIDDEN_B.length;
            int hiddenCount = hiddenWeights + HIDDEN_B.length;
            if (i < hiddenWeights) {
                return "hidden weight w" + (i / HIDDEN_B.length + 1) + "," + (i % HIDDEN_B.length + 1);
            }
            if (i < hiddenCount) {
                return "hidden bias b" + (i - hiddenWeights + 1);
            }
            int j = i - hiddenCount;
            return j < OUTPUT_W.length ? "output weight w_o" + (j + 1) : "output bias b_o";
        }
    }

    @Nested
    @DisplayName("fit (§4.6)")
    class Fit {

        @Test
        void fitReturnsOneLossPerEpochEndingAtTheTrainedLoss() {
            Sequential model = lectureNet();
            model.compile(new Sgd(0.1), Loss.MSE);
            int epochs = 3;
            double[] history = model.fit(X, Y, epochs, 1, FIT_SEED);
            Expect.equal("Sequential.fit(epochs=3).length", "one loss per epoch", epochs, "handout §4.6",
                    history.length);
            Expect.near("Sequential.fit's last reported loss", "loss(x, y) of the trained model", model.loss(X, Y),
                    "handout §4.6: an epoch reports the loss on the whole training set after its last update",
                    SAME_COMPUTATION_TOLERANCE, history[epochs - 1]);
        }

        @Test
        void trainingOnXorDecreasesTheLoss() {
            Dataset xor = Dataset.xor();
            Sequential model = new Sequential(
                    new Dense(2, 4, Activation.TANH, 1),
                    new Dense(4, 1, Activation.SIGMOID, 2));
            model.compile(new Adam(0.05), Loss.BINARY_CROSSENTROPY);
            int epochs = 300;
            double[] history = model.fit(xor.x(), xor.y(), epochs, 4, FIT_SEED);
            Expect.that("Sequential.fit on XOR (2-4-1, Adam η=0.05, 300 epochs)",
                    "the last epoch's loss below half the first's", "handout §4.6 with §3.4 and §4.5",
                    history[epochs - 1] < history[0] / 2,
                    Expect.show(history[0]) + " → " + Expect.show(history[epochs - 1]));
        }
    }
}
