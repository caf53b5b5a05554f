package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** §3.1–3.2: a dense layer's forward pass, its three gradients, its initialisation and its call order. */
class ReferenceDenseTests {

    /** W = [[1, 2], [3, 4], [5, 6]]: 3 inputs, 2 units. */
    private static final Matrix W = Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
    private static final double[] B = {0.5, -1};
    /** A batch of two samples. */
    private static final Matrix X = Matrix.of(new double[][] {{1, 0, -1}, {2, 1, 0}});

    @Nested
    class ForwardByHand {

        @Test
        void linearIsXTimesWPlusB() {
            // XW = [[1 − 5, 2 − 6], [2 + 3, 4 + 4]] = [[−4, −4], [5, 8]]; + b = [[−3.5, −5], [5.5, 7]].
            Matrix a = new Dense(W, B, Activation.LINEAR).forward(X);
            assertArrayEquals(new double[] {-3.5, -5}, a.row(0));
            assertArrayEquals(new double[] {5.5, 7}, a.row(1));
        }

        @Test
        void appliesTheActivationAfterTheBias() {
            Matrix a = new Dense(W, B, Activation.RELU).forward(X);
            assertArrayEquals(new double[] {0, 0}, a.row(0));
            assertArrayEquals(new double[] {5.5, 7}, a.row(1));
        }

        @Test
        void rejectsABatchWithTheWrongNumberOfColumns() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Dense(W, B, Activation.LINEAR).forward(Matrix.zeros(2, 2)));
            assertThat(e.getMessage(), containsString("takes 3 inputs but x is 2×2"));
        }
    }

    @Nested
    class BackwardByHand {

        /** G = ∂L/∂A = [[1, 0], [0, 2]]. */
        private final Matrix g = Matrix.of(new double[][] {{1, 0}, {0, 2}});

        @Test
        void weightGradientIsXTransposeTimesUpstream() {
            // Xᵀ·G = [[1, 2], [0, 1], [−1, 0]]·[[1, 0], [0, 2]] = [[1, 4], [0, 2], [−1, 0]].
            Dense layer = new Dense(W, B, Activation.LINEAR);
            layer.forward(X);
            layer.backward(g);
            assertEquals(Matrix.of(new double[][] {{1, 4}, {0, 2}, {-1, 0}}), layer.weightGradient());
        }

        @Test
        void inputGradientIsUpstreamTimesWTranspose() {
            // G·Wᵀ = [[1, 0], [0, 2]]·[[1, 3, 5], [2, 4, 6]] = [[1, 3, 5], [4, 8, 12]].
            Dense layer = new Dense(W, B, Activation.LINEAR);
            layer.forward(X);
            assertEquals(Matrix.of(new double[][] {{1, 3, 5}, {4, 8, 12}}), layer.backward(g));
        }

        @Test
        void biasGradientIsSummedOverTheBatchNotAveraged() {
            // Four samples, G all ones: column sums (4, 4); a mean would give (1, 1).
            Dense layer = new Dense(W, B, Activation.LINEAR);
            layer.forward(Matrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 1, 1}}));
            layer.backward(Matrix.of(new double[][] {{1, 1}, {1, 1}, {1, 1}, {1, 1}}));
            assertArrayEquals(new double[] {4, 4}, layer.biasGradient());
        }

        @Test
        void goesThroughTheActivationDerivativeFirst() {
            // RELU: Z = [[−3.5, −5], [5.5, 7]], so ∂L/∂Z = G ⊙ [[0, 0], [1, 1]] = [[0, 0], [0, 2]];
            // ∂L/∂b = (0, 2), ∂L/∂W = Xᵀ·∂L/∂Z = [[0, 4], [0, 2], [0, 0]].
            Dense layer = new Dense(W, B, Activation.RELU);
            layer.forward(X);
            layer.backward(g);
            assertArrayEquals(new double[] {0, 2}, layer.biasGradient());
            assertEquals(Matrix.of(new double[][] {{0, 4}, {0, 2}, {0, 0}}), layer.weightGradient());
        }
    }

    @Nested
    class BackwardAgreesWithCentredDifferences {

        private static final int BATCH = 4;
        private static final int INPUTS = 3;
        private static final int UNITS = 5;

        /** L = Σ G ⊙ φ(XW + b), so ∂L/∂A = G; evaluated with a fresh layer so no state carries over. */
        private double loss(Matrix x, Matrix w, double[] b, Activation activation, Matrix g) {
            return new Dense(w, b, activation).forward(x).times(g).sum();
        }

        @ParameterizedTest
        @EnumSource(Activation.class)
        void forWeightsBiasAndInput(Activation activation) {
            Random random = new Random(100 + activation.ordinal());
            Matrix x = FiniteDifferences.uniform(random, BATCH, INPUTS, -1, 1);
            Matrix w = FiniteDifferences.uniform(random, INPUTS, UNITS, -1, 1);
            double[] b = FiniteDifferences.uniform(random, 1, UNITS, -1, 1).row(0);
            Matrix g = FiniteDifferences.uniform(random, BATCH, UNITS, -1, 1);
            // Resample until no pre-activation sits within the margin of a kink.
            while (nearKink(x.multiply(w).plusRowVector(b))) {
                x = FiniteDifferences.uniform(random, BATCH, INPUTS, -1, 1);
            }
            Matrix xFixed = x;

            Dense layer = new Dense(w, b, activation);
            layer.forward(x);
            Matrix dx = layer.backward(g);

            FiniteDifferences.assertAgree(activation + " ∂L/∂W", FiniteDifferences.flatten(layer.weightGradient()),
                    FiniteDifferences.gradient(flat -> loss(xFixed, FiniteDifferences.unflatten(flat, INPUTS, UNITS), b,
                            activation, g), FiniteDifferences.flatten(w)));
            FiniteDifferences.assertAgree(activation + " ∂L/∂b", layer.biasGradient(),
                    FiniteDifferences.gradient(flat -> loss(xFixed, w, flat, activation, g), b));
            FiniteDifferences.assertAgree(activation + " ∂L/∂X", FiniteDifferences.flatten(dx),
                    FiniteDifferences.gradient(flat -> loss(FiniteDifferences.unflatten(flat, BATCH, INPUTS), w, b,
                            activation, g), FiniteDifferences.flatten(x)));
        }

        private boolean nearKink(Matrix z) {
            for (double[] row : z.toArray()) {
                for (double v : row) {
                    if (Math.abs(v) < FiniteDifferences.KINK_MARGIN) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    @Nested
    class GlorotInitialisation {

        @Test
        void drawsFromTheDocumentedStreamWithinTheLimit() {
            // limit = √(6 / (4 + 3)) = 0.9258201; weight (i, j) is the (3i + j)-th draw, mapped to (2u − 1)·limit.
            double limit = Math.sqrt(6.0 / 7);
            Random random = new Random(42);
            Dense layer = new Dense(4, 3, Activation.TANH, 42);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 3; j++) {
                    double w = layer.weights().get(i, j);
                    assertEquals((2 * random.nextDouble() - 1) * limit, w);
                    assertThat(Math.abs(w), lessThanOrEqualTo(limit));
                }
            }
            assertArrayEquals(new double[3], layer.bias());
        }

        @Test
        void isDeterministicPerSeed() {
            assertEquals(new Dense(5, 4, Activation.RELU, 7).weights(), new Dense(5, 4, Activation.RELU, 7).weights());
            assertNotEquals(new Dense(5, 4, Activation.RELU, 7).weights(), new Dense(5, 4, Activation.RELU, 8).weights());
        }
    }

    @Nested
    class CallOrderAndArguments {

        @Test
        void backwardBeforeForwardSaysWhatToDo() {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Dense(W, B, Activation.LINEAR).backward(Matrix.zeros(2, 2)));
            assertThat(e.getMessage(), containsString("call forward(x) first"));
        }

        @Test
        void gradientsBeforeBackwardSayWhatToDo() {
            Dense layer = new Dense(W, B, Activation.LINEAR);
            layer.forward(X);
            IllegalStateException e = assertThrows(IllegalStateException.class, layer::weightGradient);
            assertThat(e.getMessage(), containsString("backward(gradOutput)"));
            assertThrows(IllegalStateException.class, layer::biasGradient);
        }

        @Test
        void biasMustHaveOneValuePerUnit() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new Dense(W, new double[] {1, 2, 3}, Activation.LINEAR));
            assertThat(e.getMessage(), containsString("one per unit"));
        }

        @Test
        void sizesMustBePositive() {
            assertThrows(IllegalArgumentException.class, () -> new Dense(0, 3, Activation.LINEAR, 1));
            assertThrows(IllegalArgumentException.class, () -> new Dense(3, 0, Activation.LINEAR, 1));
        }

        @Test
        void biasIsCopiedInAndOut() {
            double[] b = B.clone();
            Dense layer = new Dense(W, b, Activation.LINEAR);
            b[0] = 99;
            layer.bias()[1] = 99;
            assertArrayEquals(B, layer.bias());
        }
    }
}
