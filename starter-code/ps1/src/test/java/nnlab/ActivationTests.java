package nnlab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Part 2: the activations of the lecture, their derivatives (kinks included) and a stable softmax. */
@DisplayName("Part 2 — activations")
class ActivationTests {

    /** For constants written out to ten decimals. */
    private static final double TEN_DIGIT_TOLERANCE = 1e-9;
    /** A softmax row must sum to 1 up to rounding. */
    private static final double ROW_SUM_TOLERANCE = 1e-12;
    /** Step of the centered differences that check backward against forward. */
    private static final double FINITE_DIFFERENCE_STEP = 1e-5;
    /** Centered differences with that step agree with the exact derivative to about this much. */
    private static final double FINITE_DIFFERENCE_TOLERANCE = 1e-8;

    private static final Matrix Z = Matrix.of(new double[][] {{-2, 0, 3}});

    @Nested
    @DisplayName("forward (§2.1, §2.3)")
    class Forward {

        @Test
        void linearSigmoidAndTanhMatchTheirDefinitions() {
            String what = " .forward for z=(-2, 0, 3)";
            Expect.near("LINEAR" + what, "φ(z) = z", new double[][] {{-2, 0, 3}}, "handout §2.1",
                    TEN_DIGIT_TOLERANCE, Activation.LINEAR.forward(Z));
            Expect.near("SIGMOID" + what, "σ(z) = 1/(1+e^-z)", new double[][] {{0.1192029220, 0.5, 0.9525741268}},
                    "handout §2.1", TEN_DIGIT_TOLERANCE, Activation.SIGMOID.forward(Z));
            Expect.near("TANH" + what, "tanh z", new double[][] {{-0.9640275801, 0, 0.9950547537}}, "handout §2.1",
                    TEN_DIGIT_TOLERANCE, Activation.TANH.forward(Z));
        }

        @Test
        void reluLeakyReluAndEluMatchTheLecture() {
            String what = " .forward for z=(-2, 0, 3)";
            Expect.near("RELU" + what, "max(0, z)", new double[][] {{0, 0, 3}}, "handout §2.1", TEN_DIGIT_TOLERANCE,
                    Activation.RELU.forward(Z));
            Expect.near("LEAKY_RELU" + what, "max(0.1·z, z)", new double[][] {{-0.2, 0, 3}}, "handout §2.1",
                    TEN_DIGIT_TOLERANCE, Activation.LEAKY_RELU.forward(Z));
            Expect.near("ELU" + what, "z for z ≥ 0, e^z − 1 otherwise", new double[][] {{-0.8646647168, 0, 3}},
                    "handout §2.1, α = 1", TEN_DIGIT_TOLERANCE, Activation.ELU.forward(Z));
        }

        @Test
        void softmaxRowsSumToOneEvenForHugeInputs() {
            Matrix z = Matrix.of(new double[][] {{1, 2, 3}, {1000, -1000, 0}, {-1000, -1000, -1000}});
            Matrix s = Activation.SOFTMAX.forward(z);
            Expect.near("SOFTMAX.forward for rows (1,2,3), (1000,−1000,0), (−1000,−1000,−1000)",
                    "e^zᵢ / Σⱼ e^zⱼ per row",
                    new double[][] {{0.0900305732, 0.2447284711, 0.6652409558}, {1, 0, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}},
                    "handout §2.3: subtract the row maximum before exponentiating, or e^1000 overflows",
                    TEN_DIGIT_TOLERANCE, s);
            for (int r = 0; r < z.rows(); r++) {
                Expect.near("SOFTMAX.forward row " + r + " sum", "Σ softmax(z)ᵢ", 1.0, "handout §2.3",
                        ROW_SUM_TOLERANCE, Matrix.rowVector(s.row(r)).sum());
            }
        }
    }

    @Nested
    @DisplayName("backward (§2.2)")
    class Backward {

        @Test
        void piecewiseDerivativesScaleGradOutputWithTheKinkConvention() {
            Matrix z = Matrix.of(new double[][] {{-1, 0, 2}});
            Matrix g = Matrix.of(new double[][] {{2, 3, 4}});
            String what = " .backward for z=(-1, 0, 2), ∂L/∂a=(2, 3, 4)";
            Expect.near("RELU" + what, "φ′(z) ⊙ ∂L/∂a with φ′(0) = 0", new double[][] {{0, 0, 4}},
                    "handout §2.2, the derivative at the kink is 0 for RELU", TEN_DIGIT_TOLERANCE,
                    Activation.RELU.backward(z, g));
            Expect.near("LEAKY_RELU" + what, "φ′(z) ⊙ ∂L/∂a with φ′(0) = 0.1", new double[][] {{0.2, 0.3, 4}},
                    "handout §2.2, the derivative at the kink is 0.1 for LEAKY_RELU", TEN_DIGIT_TOLERANCE,
                    Activation.LEAKY_RELU.backward(z, g));
            Expect.near("ELU" + what, "φ′(z) = e^z for z < 0, else 1, times ∂L/∂a",
                    new double[][] {{2 * 0.3678794412, 3, 4}}, "handout §2.2", TEN_DIGIT_TOLERANCE,
                    Activation.ELU.backward(z, g));
        }

        @Test
        void smoothDerivativesAtZero() {
            Matrix zero = Matrix.of(new double[][] {{0}});
            Matrix one = Matrix.of(new double[][] {{1}});
            Expect.near("SIGMOID.backward at z=0", "σ(0)(1 − σ(0))", new double[][] {{0.25}}, "handout §2.2",
                    TEN_DIGIT_TOLERANCE, Activation.SIGMOID.backward(zero, one));
            Expect.near("TANH.backward at z=0", "1 − tanh²(0)", new double[][] {{1}}, "handout §2.2",
                    TEN_DIGIT_TOLERANCE, Activation.TANH.backward(zero, one));
            Expect.near("LINEAR.backward at z=0", "∂L/∂a unchanged", new double[][] {{1}}, "handout §2.2",
                    TEN_DIGIT_TOLERANCE, Activation.LINEAR.backward(zero, one));
        }

        @Test
        void softmaxBackwardMatchesFiniteDifferencesOfForward() {
            double[] z = {0.5, -1, 2};
            double[] g = {1, -2, 0.5};
            double[] numeric = new double[z.length];
            for (int i = 0; i < z.length; i++) {
                double[] up = z.clone();
                double[] down = z.clone();
                up[i] += FINITE_DIFFERENCE_STEP;
                down[i] -= FINITE_DIFFERENCE_STEP;
                numeric[i] = (weighted(up, g) - weighted(down, g)) / (2 * FINITE_DIFFERENCE_STEP);
            }
            Matrix analytic = Activation.SOFTMAX.backward(Matrix.rowVector(z), Matrix.rowVector(g));
            Expect.near("SOFTMAX.backward for z=(0.5, −1, 2), ∂L/∂a=(1, −2, 0.5)",
                    "∂(g·softmax(z))/∂z by centered differences", new double[][] {numeric},
                    "handout §2.2, per row s ⊙ (g − g·s)", FINITE_DIFFERENCE_TOLERANCE, analytic);
        }

        private double weighted(double[] z, double[] g) {
            return Activation.SOFTMAX.forward(Matrix.rowVector(z)).times(Matrix.rowVector(g)).sum();
        }
    }
}
