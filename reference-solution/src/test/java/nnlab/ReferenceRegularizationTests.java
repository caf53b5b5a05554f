package nnlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Problem set 2 §2: L1/L2 kernel regularizers, inverted dropout, and the model gradient that includes both. */
class ReferenceRegularizationTests {

    /** Worked values are exact sums of a few products; only the last bits may differ. */
    private static final double ROUNDING = 1e-12;

    private static final Matrix W = Matrix.of(new double[][] {{0.5, -2}, {0, 1.5}});

    @Nested
    class Penalties {

        @Test
        void l1AndL2ByHand() {
            assertEquals(0.01 * (0.5 + 2 + 0 + 1.5), Regularizer.l1(0.01).penalty(W), ROUNDING);
            assertEquals(0.01 * (0.25 + 4 + 0 + 2.25), Regularizer.l2(0.01).penalty(W), ROUNDING);
            assertEquals(0.1 * 4 + 0.2 * 6.5, Regularizer.l1l2(0.1, 0.2).penalty(W), ROUNDING);
        }

        @Test
        void gradientsByHandWithL1ZeroAtZero() {
            assertEquals(Matrix.of(new double[][] {{0.01, -0.01}, {0, 0.01}}), Regularizer.l1(0.01).gradient(W));
            assertEquals(Matrix.of(new double[][] {{0.01, -0.04}, {0, 0.03}}), Regularizer.l2(0.01).gradient(W));
            assertEquals(0.0, Regularizer.l1(0.5).gradient(Matrix.zeros(1, 1)).get(0, 0), 0.0);
        }

        @Test
        void gradientsAgreeWithCentredDifferencesAwayFromZero() {
            Matrix w = FiniteDifferences.uniformAwayFromKink(new Random(6), 3, 4, -1, 1);
            for (Regularizer regularizer : new Regularizer[] {Regularizer.l1(0.03), Regularizer.l2(0.07),
                    Regularizer.l1l2(0.02, 0.05)}) {
                double[] numerical = FiniteDifferences.gradient(
                        v -> regularizer.penalty(FiniteDifferences.unflatten(v, 3, 4)), FiniteDifferences.flatten(w));
                FiniteDifferences.assertAgree(regularizer.toString(),
                        FiniteDifferences.flatten(regularizer.gradient(w)), numerical);
            }
        }

        @Test
        void negativeOrInfiniteCoefficientsAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(-0.1));
            assertThrows(IllegalArgumentException.class, () -> Regularizer.l1(Double.POSITIVE_INFINITY));
            assertThrows(IllegalArgumentException.class, () -> Regularizer.l1l2(Double.NaN, 0));
        }

        @Test
        void aDenseLayerPenalisesItsWeightsButNotItsBias() {
            Dense dense = new Dense(W, new double[] {3, -4}, Activation.LINEAR, Regularizer.l2(0.5));
            assertEquals(0.5 * 6.5, dense.penalty(), ROUNDING);
            assertArrayEquals(new double[] {0.5, -2, 0, 1.5, 0, 0}, dense.penaltyGradient(), ROUNDING);
            assertEquals(0, new Dense(W, new double[] {3, -4}, Activation.LINEAR).penalty());
        }
    }

    @Nested
    class InvertedDropout {

        @Test
        void trainingDropsWhereTheDrawIsBelowTheRateAndScalesTheRest() {
            Tensor x = LayerChecks.gaussian(new Random(1), 3, 5);
            double rate = 0.4;
            Tensor out = new Dropout(rate).forward(x, true, new Random(9));
            Random draws = new Random(9);
            double[] in = x.values();
            double[] actual = out.values();
            for (int i = 0; i < in.length; i++) {
                double expected = draws.nextDouble() < rate ? 0 : in[i] / (1 - rate);
                assertEquals(expected, actual[i], 0.0, "element " + i);
            }
        }

        @Test
        void theSameSeedGivesTheSameMask() {
            Tensor x = LayerChecks.gaussian(new Random(2), 4, 2, 2, 3);
            Dropout dropout = new Dropout(0.5);
            assertEquals(dropout.forward(x, true, new Random(5)), dropout.forward(x, true, new Random(5)));
            assertNotEquals(dropout.forward(x, true, new Random(5)), dropout.forward(x, true, new Random(6)));
        }

        @Test
        void predictionIsTheIdentityAndDrawsNothing() {
            Tensor x = LayerChecks.gaussian(new Random(3), 2, 4);
            Random random = new Random(4);
            Dropout dropout = new Dropout(0.3);
            assertSame(x, dropout.forward(x, false, random));
            assertEquals(new Random(4).nextDouble(), random.nextDouble(), 0.0, "prediction drew from the generator");
            Tensor g = LayerChecks.gaussian(new Random(5), 2, 4);
            assertEquals(g, dropout.backward(g));
        }

        @Test
        void rateZeroDrawsNothingEvenInTraining() {
            Tensor x = LayerChecks.gaussian(new Random(3), 2, 4);
            Random random = new Random(4);
            assertEquals(x, new Dropout(0).forward(x, true, random));
            assertEquals(new Random(4).nextDouble(), random.nextDouble(), 0.0, "rate 0 drew from the generator");
        }

        @Test
        void backwardAgreesWithCentredDifferencesUnderTheSameMask() {
            Random random = new Random(7);
            Tensor x = LayerChecks.gaussian(random, 2, 3, 3, 2);
            Tensor r = LayerChecks.gaussian(random, 2, 3, 3, 2);
            LayerChecks.assertBackwardAgrees("Dropout", new Dropout(0.35), x, r, true, 11);
        }

        @Test
        void ratesOutsideZeroToOneAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new Dropout(1));
            assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1));
            assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN));
        }
    }

    @Nested
    class ModelGradient {

        private Sequential regularisedNet() {
            Sequential net = new Sequential(
                    new Dense(4, 6, Activation.TANH, 1, Regularizer.l2(0.05)),
                    new Dropout(0.3),
                    new Dense(6, 3, Activation.SOFTMAX, 2, Regularizer.l1(0.02)));
            net.compile(new Sgd(0.1), Loss.CATEGORICAL_CROSSENTROPY);
            return net;
        }

        private Matrix oneHot(Random random, int rows, int classes) {
            double[][] y = new double[rows][classes];
            for (double[] row : y) {
                row[random.nextInt(classes)] = 1;
            }
            return Matrix.of(y);
        }

        @Test
        void lossAddsEveryPenaltyToTheDataLoss() {
            Sequential net = regularisedNet();
            Random random = new Random(8);
            Tensor x = LayerChecks.gaussian(random, 5, 4);
            Matrix y = oneHot(random, 5, 3);
            double data = Loss.CATEGORICAL_CROSSENTROPY.value(y, net.predict(x).toMatrix());
            double penalties = net.stack().get(0).penalty() + net.stack().get(2).penalty();
            assertEquals(data + penalties, net.loss(x, y), ROUNDING);
            assertEquals(net.loss(x, y), net.loss(x.toMatrix(), y), 0.0);
        }

        @Test
        void trainingGradientIsTheDerivativeOfTheTrainingLossUnderTheSameSeed() {
            Sequential net = regularisedNet();
            Random random = new Random(9);
            Tensor x = LayerChecks.gaussian(random, 5, 4);
            Matrix y = oneHot(random, 5, 3);
            double[] analytic = net.gradient(x, y, true, new Random(21));
            double[] original = net.parameters();
            double[] numerical = FiniteDifferences.gradient(p -> {
                net.setParameters(p);
                return net.loss(x, y, true, new Random(21));
            }, original);
            net.setParameters(original);
            FiniteDifferences.assertAgree("training gradient with dropout and penalties", analytic, numerical);
        }

        @Test
        void problemSetOnesGradientIsThePredictionModeGradient() {
            Sequential net = regularisedNet();
            Random random = new Random(10);
            Tensor x = LayerChecks.gaussian(random, 4, 4);
            Matrix y = oneHot(random, 4, 3);
            assertArrayEquals(net.gradient(x, y, false, null), net.gradient(x.toMatrix(), y), 0.0);
        }
    }
}
