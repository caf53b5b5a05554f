package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** §3.3–3.4: the forward pass through a stack of layers, the flat parameter layout, and backprop end to end. */
class ReferenceSequentialTests {

    /** Expected values below are computed from the formulas in double precision; only the last bits may differ. */
    private static final double ROUNDING = 1e-12;

    /**
     * The slide's hidden-layer gradient misses the factor w_oⱼ; with the weights below the two differ by far more
     * than this, so the assertion that they differ is meaningful.
     */
    private static final double SLIDE_MISTAKE_GAP = 1e-3;

    /** The lecture's 2-3-1 net: W (2 × 3) with a column per hidden unit, b, then w_o (3 × 1) and b_o. */
    private static final double[][] W1 = {{0.5, -1, 0.25}, {-0.5, 0.75, 1}};
    private static final double[] B1 = {0.1, -0.2, 0.3};
    private static final double[][] W2 = {{1.5}, {-2}, {0.5}};
    private static final double[] B2 = {-0.1};
    private static final double[] X = {0.8, -0.4};
    private static final double Y = 1;

    private static Sequential lectureNet() {
        return new Sequential(new Dense(Matrix.of(W1), B1, Activation.SIGMOID),
                new Dense(Matrix.of(W2), B2, Activation.SIGMOID));
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** h_j = σ(w₁ⱼX₁ + w₂ⱼX₂ + b_j), straight from the lecture. */
    private static double[] hidden() {
        double[] h = new double[3];
        for (int j = 0; j < 3; j++) {
            h[j] = sigmoid(W1[0][j] * X[0] + W1[1][j] * X[1] + B1[j]);
        }
        return h;
    }

    /** p = σ(b_o + Σⱼ w_oⱼ h_j). */
    private static double output(double[] h) {
        double o = B2[0];
        for (int j = 0; j < 3; j++) {
            o += W2[j][0] * h[j];
        }
        return sigmoid(o);
    }

    @Nested
    class TheLectureNet {

        @Test
        void predictIsTheLecturesForwardPass() {
            Matrix p = lectureNet().predict(Matrix.rowVector(X));
            assertEquals("1×1", p.shape());
            assertThat(p.get(0, 0), closeTo(output(hidden()), ROUNDING));
        }

        @Test
        void gradientFollowsTheChainRuleIncludingTheOutputWeight() {
            // With l = (y − p)² (MSE over one element), δ = ∂l/∂o = 2(p − y)·p(1 − p):
            //   ∂l/∂w_oⱼ = δ·h_j, ∂l/∂b_o = δ,
            //   ∂l/∂wᵢⱼ = δ·w_oⱼ·h_j(1 − h_j)·Xᵢ, ∂l/∂b_j = δ·w_oⱼ·h_j(1 − h_j).
            double[] h = hidden();
            double p = output(h);
            double delta = 2 * (p - Y) * p * (1 - p);
            double[] expected = new double[13];
            for (int j = 0; j < 3; j++) {
                double hiddenDelta = delta * W2[j][0] * h[j] * (1 - h[j]);
                expected[j] = hiddenDelta * X[0];
                expected[3 + j] = hiddenDelta * X[1];
                expected[6 + j] = hiddenDelta;
                expected[9 + j] = delta * h[j];
            }
            expected[12] = delta;

            Sequential net = lectureNet();
            net.compile(new Sgd(0.1), Loss.MSE);
            double[] g = net.gradient(Matrix.rowVector(X), Matrix.rowVector(new double[] {Y}));
            assertArrayEquals(expected, g, ROUNDING);

            // The slide's version, δ·h_j(1 − h_j)·X₁ without w_oⱼ, is what a copied formula would produce.
            double slide = delta * h[0] * (1 - h[0]) * X[0];
            assertThat(g[0], not(closeTo(slide, SLIDE_MISTAKE_GAP)));
        }

        @Test
        void parametersAreLaidOutLayerByLayerWeightsRowMajorThenBias() {
            assertArrayEquals(new double[] {0.5, -1, 0.25, -0.5, 0.75, 1, 0.1, -0.2, 0.3, 1.5, -2, 0.5, -0.1},
                    lectureNet().parameters());
            assertEquals(13, lectureNet().parameterCount());
        }

        @Test
        void setParametersUsesTheSameLayout() {
            Sequential net = lectureNet();
            double[] flat = new double[13];
            for (int i = 0; i < flat.length; i++) {
                flat[i] = i;
            }
            net.setParameters(flat);
            assertEquals(Matrix.of(new double[][] {{0, 1, 2}, {3, 4, 5}}), net.layers().get(0).weights());
            assertArrayEquals(new double[] {6, 7, 8}, net.layers().get(0).bias());
            assertEquals(Matrix.columnVector(new double[] {9, 10, 11}), net.layers().get(1).weights());
            assertArrayEquals(new double[] {12}, net.layers().get(1).bias());
            assertArrayEquals(flat, net.parameters());
        }

        @Test
        void setParametersRejectsTheWrongLength() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lectureNet().setParameters(new double[12]));
            assertThat(e.getMessage(), containsString("Got 12 parameters but this model has 13"));
        }
    }

    @Nested
    class OutputLayerShortcuts {

        @Test
        void softmaxWithCategoricalCrossEntropyGivesSMinusYOverRows() {
            // ∂L/∂z of the last layer is (s − y)/n, so its bias gradient is Σ_rows (s − y)/n.
            Random random = new Random(8);
            Sequential net = new Sequential(new Dense(4, 5, Activation.TANH, 1), new Dense(5, 3, Activation.SOFTMAX, 2));
            net.compile(new Sgd(0.1), Loss.CATEGORICAL_CROSSENTROPY);
            Matrix x = FiniteDifferences.uniform(random, 6, 4, -1, 1);
            Matrix y = Matrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
            double[] expected = net.predict(x).minus(y).scale(1.0 / 6).columnSums();
            double[] g = net.gradient(x, y);
            assertArrayEquals(expected, Arrays.copyOfRange(g, g.length - 3, g.length), ROUNDING);
        }

        @Test
        void sigmoidWithBinaryCrossEntropyGivesPMinusYOverElements() {
            // ∂L/∂z = (p − y)/(n·k) for the element-wise mean over n rows and k outputs.
            Random random = new Random(9);
            Sequential net = new Sequential(new Dense(3, 4, Activation.ELU, 1), new Dense(4, 2, Activation.SIGMOID, 2));
            net.compile(new Sgd(0.1), Loss.BINARY_CROSSENTROPY);
            Matrix x = FiniteDifferences.uniform(random, 5, 3, -1, 1);
            Matrix y = Matrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}, {0, 0}, {1, 0}});
            double[] expected = net.predict(x).minus(y).scale(1.0 / 10).columnSums();
            double[] g = net.gradient(x, y);
            assertArrayEquals(expected, Arrays.copyOfRange(g, g.length - 2, g.length), ROUNDING);
        }
    }

    /** Depths of 1–3 hidden layers, every activation, each output/loss pairing of the course's table. */
    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("4-5 tanh-1 linear, MSE", new int[] {4, 5, 1},
                        new Activation[] {Activation.TANH, Activation.LINEAR}, Loss.MSE),
                Arguments.of("4-6 elu-5 leaky-3 softmax, CCE", new int[] {4, 6, 5, 3},
                        new Activation[] {Activation.ELU, Activation.LEAKY_RELU, Activation.SOFTMAX},
                        Loss.CATEGORICAL_CROSSENTROPY),
                Arguments.of("4-5 sigmoid-4 tanh-3 relu-1 sigmoid, BCE", new int[] {4, 5, 4, 3, 1},
                        new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.SIGMOID},
                        Loss.BINARY_CROSSENTROPY),
                Arguments.of("3-4 leaky-2 sigmoid, BCE multilabel", new int[] {3, 4, 2},
                        new Activation[] {Activation.LEAKY_RELU, Activation.SIGMOID}, Loss.BINARY_CROSSENTROPY),
                Arguments.of("3-4 elu-4 tanh-3 relu-2 linear, MSE", new int[] {3, 4, 4, 3, 2},
                        new Activation[] {Activation.ELU, Activation.TANH, Activation.RELU, Activation.LINEAR}, Loss.MSE),
                Arguments.of("5-8 relu-4 softmax, CCE", new int[] {5, 8, 4},
                        new Activation[] {Activation.RELU, Activation.SOFTMAX}, Loss.CATEGORICAL_CROSSENTROPY));
    }

    @Nested
    class GradientAgreesWithCentredDifferences {

        private static final int BATCH = 5;

        @ParameterizedTest(name = "{0}")
        @MethodSource("nnlab.ReferenceSequentialTests#networks")
        void forEveryParameter(String name, int[] sizes, Activation[] activations, Loss loss) {
            Random random = new Random(name.hashCode());
            Dense[] layers = new Dense[activations.length];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = new Dense(sizes[i], sizes[i + 1], activations[i], random.nextLong());
            }
            Sequential net = new Sequential(layers);
            net.compile(new Sgd(0.1), loss);
            // Small random biases, so ReLU units are not all on the same side at x = 0.
            double[] theta = net.parameters();
            for (int i = 0; i < theta.length; i++) {
                theta[i] += 0.1 * random.nextGaussian();
            }
            net.setParameters(theta);
            Matrix x = FiniteDifferences.uniform(random, BATCH, sizes[0], -1, 1);
            while (nearKink(net, x)) {
                x = FiniteDifferences.uniform(random, BATCH, sizes[0], -1, 1);
            }
            Matrix y = targets(random, loss, sizes[sizes.length - 1]);
            Matrix xFixed = x;

            double[] analytic = net.gradient(x, y);
            assertArrayEquals(theta, net.parameters(), "gradient must not change the parameters");
            double[] numerical = FiniteDifferences.gradient(flat -> {
                net.setParameters(flat);
                return net.loss(xFixed, y);
            }, theta);
            FiniteDifferences.assertAgree(name, analytic, numerical);
        }

        private Matrix targets(Random random, Loss loss, int outputs) {
            double[][] y = new double[BATCH][outputs];
            for (double[] row : y) {
                if (loss == Loss.CATEGORICAL_CROSSENTROPY) {
                    row[random.nextInt(outputs)] = 1;
                } else {
                    for (int c = 0; c < outputs; c++) {
                        row[c] = loss == Loss.MSE ? random.nextGaussian() : random.nextInt(2);
                    }
                }
            }
            return Matrix.of(y);
        }

        /** Whether any pre-activation of any layer lies within the kink margin for the batch {@code x}. */
        private boolean nearKink(Sequential net, Matrix x) {
            Matrix a = x;
            for (Dense layer : net.layers()) {
                Matrix z = a.multiply(layer.weights()).plusRowVector(layer.bias());
                for (double[] row : z.toArray()) {
                    for (double v : row) {
                        if (Math.abs(v) < FiniteDifferences.KINK_MARGIN) {
                            return true;
                        }
                    }
                }
                a = layer.activation().forward(z);
            }
            return false;
        }
    }

    @Nested
    class CallOrderAndConstruction {

        @Test
        void predictWorksBeforeCompile() {
            assertEquals("1×1", lectureNet().predict(Matrix.rowVector(X)).shape());
        }

        @Test
        void lossAndGradientNeedCompileFirst() {
            Matrix x = Matrix.rowVector(X);
            Matrix y = Matrix.rowVector(new double[] {Y});
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> lectureNet().gradient(x, y));
            assertThat(e.getMessage(), containsString("call compile(optimizer, loss) first"));
            assertThrows(IllegalStateException.class, () -> lectureNet().loss(x, y));
            assertThrows(IllegalStateException.class, () -> lectureNet().fit(x, y, 1, 1, 1));
        }

        @Test
        void neighbouringLayersMustFit() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sequential(
                    new Dense(2, 3, Activation.RELU, 1), new Dense(4, 1, Activation.SIGMOID, 2)));
            assertThat(e.getMessage(), containsString("Layer 1 takes 4 inputs but layer 0 has 3 units"));
            assertThrows(IllegalArgumentException.class, Sequential::new);
        }

        @Test
        void lossIsTheCompiledLossOfThePrediction() {
            // One sample, MSE: (1 − p)².
            Sequential net = lectureNet();
            net.compile(new Sgd(0.1), Loss.MSE);
            double p = output(hidden());
            assertThat(net.loss(Matrix.rowVector(X), Matrix.rowVector(new double[] {Y})),
                    closeTo((Y - p) * (Y - p), ROUNDING));
        }
    }

    @Nested
    class Accuracy {

        private Sequential identity(int width) {
            double[][] w = new double[width][width];
            for (int i = 0; i < width; i++) {
                w[i][i] = 1;
            }
            return new Sequential(new Dense(Matrix.of(w), new double[width], Activation.LINEAR));
        }

        @Test
        void oneOutputThresholdsAtOneHalfInclusive() {
            // Predictions 0.5, 0.49, 0.9, 0.1 → classes 1, 0, 1, 0 against labels 1, 1, 1, 1: 2 of 4 right.
            Matrix x = Matrix.columnVector(new double[] {0.5, 0.49, 0.9, 0.1});
            assertEquals(0.5, identity(1).accuracy(x, Matrix.columnVector(new double[] {1, 1, 1, 1})));
        }

        @Test
        void severalOutputsCompareTheArgmaxWithTheOneHotRow() {
            // Argmax rows: 2, 0, 1 against one-hot 2, 1, 1: 2 of 3 right.
            Matrix x = Matrix.of(new double[][] {{0.1, 0.2, 0.7}, {0.5, 0.3, 0.2}, {0.2, 0.6, 0.2}});
            Matrix y = Matrix.of(new double[][] {{0, 0, 1}, {0, 1, 0}, {0, 1, 0}});
            assertEquals(2.0 / 3, identity(3).accuracy(x, y), ROUNDING);
        }
    }
}
