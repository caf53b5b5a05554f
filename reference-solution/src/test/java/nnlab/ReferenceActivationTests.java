package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** §2.1–2.3: activations forward and backward, their kinks, softmax, and stability at extreme inputs. */
class ReferenceActivationTests {

    /** Expected values below were computed from the formulas in double precision; only the last bits may differ. */
    private static final double ROUNDING = 1e-12;

    /** A probability row sums to 1 up to the rounding of a handful of additions. */
    private static final double SUM_ROUNDING = 1e-12;

    /** One row covering both sides of every kink and the kink itself. */
    private static final Matrix Z = Matrix.rowVector(new double[] {-2, -0.5, 0, 0.5, 2});

    private static void assertRow(double[] expected, Matrix actual) {
        assertEquals(1, actual.rows());
        assertArrayEquals(expected, actual.row(0), ROUNDING);
    }

    private static void assertAllFinite(Matrix m) {
        for (double[] row : m.toArray()) {
            for (double v : row) {
                assertTrue(Double.isFinite(v), () -> "not finite: " + m);
            }
        }
    }

    @Nested
    class ForwardByHand {

        @Test
        void linearIsTheIdentity() {
            assertRow(new double[] {-2, -0.5, 0, 0.5, 2}, Activation.LINEAR.forward(Z));
        }

        @Test
        void sigmoid() {
            // 1/(1 + e²) = 1/8.389056 = 0.1192029; 1/(1 + e^0.5) = 0.3775407; σ(0) = 1/2; σ(z) = 1 − σ(−z).
            assertRow(new double[] {0.11920292202211755, 0.3775406687981454, 0.5, 0.6224593312018546,
                0.8807970779778823}, Activation.SIGMOID.forward(Z));
        }

        @Test
        void tanh() {
            // tanh 0.5 = (e − 1)/(e + 1) = 1.7182818/3.7182818 = 0.4621172; tanh 2 = (e⁴ − 1)/(e⁴ + 1) = 0.9640276.
            assertRow(new double[] {-0.9640275800758169, -0.46211715726000974, 0, 0.46211715726000974,
                0.9640275800758169}, Activation.TANH.forward(Z));
        }

        @Test
        void reluIsMaxOfZeroAndZ() {
            assertRow(new double[] {0, 0, 0, 0.5, 2}, Activation.RELU.forward(Z));
        }

        @Test
        void leakyReluIsMaxOfATenthOfZAndZ() {
            // max(0.1·z, z): −2 → −0.2, −0.5 → −0.05.
            assertRow(new double[] {-0.2, -0.05, 0, 0.5, 2}, Activation.LEAKY_RELU.forward(Z));
        }

        @Test
        void eluIsExpMinusOneBelowZero() {
            // e⁻² − 1 = 0.1353353 − 1 = −0.8646647; e^−0.5 − 1 = 0.6065307 − 1 = −0.3934693.
            assertRow(new double[] {-0.8646647167633873, -0.3934693402873666, 0, 0.5, 2}, Activation.ELU.forward(Z));
        }

        @Test
        void softmaxNormalisesEachRowSeparately() {
            // Row (1, 2, 3): e^k / (e + e² + e³) = (2.71828, 7.38906, 20.08554) / 30.19287; row (0, 0, 0): 1/3 each.
            Matrix s = Activation.SOFTMAX.forward(Matrix.of(new double[][] {{1, 2, 3}, {0, 0, 0}}));
            assertArrayEquals(new double[] {0.09003057317038046, 0.24472847105479767, 0.6652409557748219}, s.row(0),
                    ROUNDING);
            assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, s.row(1), ROUNDING);
        }

        @Test
        void softmaxIgnoresAConstantAddedToARow() {
            Matrix s = Activation.SOFTMAX.forward(Matrix.of(new double[][] {{1, 2, 3}, {101, 102, 103}}));
            assertArrayEquals(s.row(0), s.row(1), ROUNDING);
        }

        @ParameterizedTest
        @EnumSource(Activation.class)
        void keepsTheShapeAndLeavesTheInputAlone(Activation activation) {
            Matrix z = Matrix.of(new double[][] {{-1, 0.5, 2}, {3, -4, 0.25}});
            Matrix before = Matrix.of(z.toArray());
            Matrix a = activation.forward(z);
            assertEquals("2×3", a.shape());
            assertEquals(before, z);
        }
    }

    @Nested
    class BackwardAgreesWithCentredDifferences {

        /**
         * Checks ∂L/∂Z for L = Σ G ⊙ φ(Z) with a random upstream gradient G: then ∂L/∂A = G, and each entry of the
         * numerical gradient moves one z (for SOFTMAX the whole row's output changes, as it should).
         */
        @ParameterizedTest
        @EnumSource(Activation.class)
        void atRandomPointsAwayFromKinks(Activation activation) {
            Random random = new Random(2024 + activation.ordinal());
            int rows = 3;
            int cols = 4;
            Matrix z = FiniteDifferences.uniformAwayFromKink(random, rows, cols, -3, 3);
            Matrix g = FiniteDifferences.uniform(random, rows, cols, -2, 2);
            double[] analytic = FiniteDifferences.flatten(activation.backward(z, g));
            double[] numerical = FiniteDifferences.gradient(
                    flat -> activation.forward(FiniteDifferences.unflatten(flat, rows, cols)).times(g).sum(),
                    FiniteDifferences.flatten(z));
            FiniteDifferences.assertAgree(activation.name(), analytic, numerical);
        }

        @Test
        void byHandAtChosenPoints() {
            // σ′(2) = σ(2)(1 − σ(2)) = 0.8807971·0.1192029 = 0.1049936; tanh′(−0.5) = 1 − 0.4621172² = 0.7864477;
            // ELU′(−1) = e⁻¹ = 0.3678794. Each times an upstream gradient of 2.
            Matrix two = Matrix.rowVector(new double[] {2});
            assertThat(Activation.SIGMOID.backward(Matrix.rowVector(new double[] {2}), two).get(0, 0),
                    closeTo(2 * 0.10499358540350662, ROUNDING));
            assertThat(Activation.TANH.backward(Matrix.rowVector(new double[] {-0.5}), two).get(0, 0),
                    closeTo(2 * 0.7864477329659274, ROUNDING));
            assertThat(Activation.ELU.backward(Matrix.rowVector(new double[] {-1}), two).get(0, 0),
                    closeTo(2 * 0.36787944117144233, ROUNDING));
            assertThat(Activation.SIGMOID.backward(Matrix.rowVector(new double[] {0}), two).get(0, 0),
                    closeTo(2 * 0.25, ROUNDING));
        }

        @Test
        void rejectsAnUpstreamGradientOfAnotherShape() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Activation.TANH.backward(Matrix.zeros(2, 3), Matrix.zeros(3, 2)));
            assertThat(e.getMessage(), containsString("2×3"));
            assertThat(e.getMessage(), containsString("3×2"));
        }
    }

    @Nested
    class DerivativeAtTheKink {

        private final Matrix ones = Matrix.rowVector(new double[] {1, 1, 1, 1, 1});

        @Test
        void reluIsZeroAtZero() {
            // φ′ on (−2, −0.5, 0, 0.5, 2): the kink z = 0 takes the left slope 0.
            assertRow(new double[] {0, 0, 0, 1, 1}, Activation.RELU.backward(Z, ones));
        }

        @Test
        void leakyReluIsATenthAtZero() {
            assertRow(new double[] {0.1, 0.1, 0.1, 1, 1}, Activation.LEAKY_RELU.backward(Z, ones));
        }

        @Test
        void eluIsOneAtZero() {
            // With α = 1 both one-sided slopes at 0 are 1, so ELU is smooth there.
            assertEquals(1.0, Activation.ELU.backward(Z, ones).get(0, 2));
        }
    }

    @Nested
    class SoftmaxRows {

        @Test
        void sumToOneAndArePositive() {
            Matrix s = Activation.SOFTMAX.forward(FiniteDifferences.uniform(new Random(5), 6, 7, -10, 10));
            for (double[] row : s.toArray()) {
                double total = 0;
                for (double v : row) {
                    assertTrue(v > 0);
                    total += v;
                }
                assertThat(total, closeTo(1, SUM_ROUNDING));
            }
        }

        @Test
        void backwardOfAConstantUpstreamGradientIsZero() {
            // Adding c to every ∂L/∂s of a row changes L by c·Σs = c, a constant, so ∂L/∂z does not change:
            // s ⊙ (g − g·s) with g = c·1 gives s ⊙ (c − c) = 0.
            Matrix z = Matrix.of(new double[][] {{0.3, -1.2, 2.0}});
            Matrix dz = Activation.SOFTMAX.backward(z, Matrix.rowVector(new double[] {5, 5, 5}));
            assertArrayEquals(new double[] {0, 0, 0}, dz.row(0), ROUNDING);
        }

        @Test
        void backwardOfOneHotIsSTimesIndicatorMinusS() {
            // ∂s_k/∂z_j = s_k(δ_kj − s_j); with g = e_k this row is s_k(e_k − s): for z = (1, 2, 3), k = 2:
            // s₂·(−s₀, −s₁, 1 − s₂) = 0.6652410·(−0.0900306, −0.2447285, 0.3347590).
            Matrix z = Matrix.rowVector(new double[] {1, 2, 3});
            double s0 = 0.09003057317038046;
            double s1 = 0.24472847105479767;
            double s2 = 0.6652409557748219;
            Matrix dz = Activation.SOFTMAX.backward(z, Matrix.rowVector(new double[] {0, 0, 1}));
            assertArrayEquals(new double[] {-s2 * s0, -s2 * s1, s2 * (1 - s2)}, dz.row(0), ROUNDING);
        }
    }

    @Nested
    class NumericalStability {

        private final Matrix extremes = Matrix.rowVector(new double[] {-1e3, 1e3, -1e308, 1e308,
            -Double.MAX_VALUE, Double.MAX_VALUE});

        @Test
        void sigmoidSaturatesToZeroAndOne() {
            assertRow(new double[] {0, 1, 0, 1, 0, 1}, Activation.SIGMOID.forward(extremes));
        }

        @Test
        void tanhSaturatesToMinusOneAndOne() {
            assertRow(new double[] {-1, 1, -1, 1, -1, 1}, Activation.TANH.forward(extremes));
        }

        @Test
        void eluSaturatesToMinusAlpha() {
            assertRow(new double[] {-1, 1e3, -1, 1e308, -1, Double.MAX_VALUE}, Activation.ELU.forward(extremes));
        }

        @ParameterizedTest
        @EnumSource(Activation.class)
        void everyBackwardStaysFinite(Activation activation) {
            Matrix ones = Matrix.rowVector(new double[] {1, 1, 1, 1, 1, 1});
            assertAllFinite(activation.backward(extremes, ones));
        }

        @Test
        void softmaxAtLogitsOfAThousand() {
            // A naive e^1000 overflows to ∞ and ∞/∞ is NaN; shifting by the row maximum keeps every e^x ≤ 1.
            Matrix s = Activation.SOFTMAX.forward(Matrix.of(new double[][] {
                {1e3, -1e3, 0}, {1e3, 1e3, 1e3}, {-1e3, -1e3, -1e3}, {1e3, 1e3 - Math.log(3), -1e3}}));
            assertArrayEquals(new double[] {1, 0, 0}, s.row(0), ROUNDING);
            assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, s.row(1), ROUNDING);
            assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3}, s.row(2), ROUNDING);
            // e^0 : e^−ln 3 = 1 : 1/3, so 3/4 and 1/4.
            assertArrayEquals(new double[] {0.75, 0.25, 0}, s.row(3), ROUNDING);
        }

        @Test
        void softmaxAtTheEdgesOfTheDoubleRange() {
            Matrix s = Activation.SOFTMAX.forward(Matrix.of(new double[][] {
                {1e308, -1e308}, {1e308, 1e308}, {-Double.MAX_VALUE, -Double.MAX_VALUE}}));
            assertArrayEquals(new double[] {1, 0}, s.row(0), ROUNDING);
            assertArrayEquals(new double[] {0.5, 0.5}, s.row(1), ROUNDING);
            assertArrayEquals(new double[] {0.5, 0.5}, s.row(2), ROUNDING);
        }

        @Test
        void softmaxBackwardAtLogitsOfAThousandIsFinite() {
            Matrix z = Matrix.of(new double[][] {{1e3, -1e3, 0}, {1e3, 1e3, 1e3}});
            assertAllFinite(Activation.SOFTMAX.backward(z, Matrix.of(new double[][] {{1, -2, 3}, {-1, 0, 1}})));
        }
    }
}
