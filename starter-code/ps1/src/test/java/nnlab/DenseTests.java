package nnlab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Part 3: one LEAKY_RELU layer worked by hand. W = [[1, −1], [2, 0.5]] (inputs × units), b = (0.5, −1),
 * X = [[1, 2], [0, −1]], so Z = XW + b = [[5.5, −1], [−1.5, −1.5]] and φ′(Z) = [[1, 0.1], [0.1, 0.1]].
 */
@DisplayName("Part 3 — a dense layer by hand")
class DenseTests {

    /** Every value here is a short sum of products of exact decimals. */
    private static final double ARITHMETIC_TOLERANCE = 1e-12;

    private static final Matrix X = Matrix.of(new double[][] {{1, 2}, {0, -1}});

    private static Dense layer() {
        return new Dense(Matrix.of(new double[][] {{1, -1}, {2, 0.5}}), new double[] {0.5, -1}, Activation.LEAKY_RELU);
    }

    @Nested
    @DisplayName("forward (§3.1)")
    class Forward {

        @Test
        void forwardAppliesTheActivationToXwPlusB() {
            Expect.near("Dense.forward for X=[[1, 2], [0, −1]]", "φ(XW + b) = leaky([[5.5, −1], [−1.5, −1.5]])",
                    new double[][] {{5.5, -0.1}, {-0.15, -0.15}}, "handout §3.1, Z = XW + b with b added to every row",
                    ARITHMETIC_TOLERANCE, layer().forward(X));
        }
    }

    @Nested
    @DisplayName("backward (§3.2)")
    class Backward {

        @Test
        void backwardReturnsInputGradientAndStoresParameterGradients() {
            Dense dense = layer();
            dense.forward(X);
            // ∂L/∂A = [[1, 0], [0, 2]] so ∂L/∂Z = ∂L/∂A ⊙ φ′(Z) = [[1, 0], [0, 0.2]].
            Matrix inputGradient = dense.backward(Matrix.of(new double[][] {{1, 0}, {0, 2}}));
            Expect.near("Dense.backward's return value", "∂L/∂X = ∂L/∂Z·Wᵀ", new double[][] {{1, 2}, {-0.2, 0.1}},
                    "handout §3.2, ∂L/∂Z = φ′(Z) ⊙ ∂L/∂A first", ARITHMETIC_TOLERANCE, inputGradient);
            Expect.near("Dense.weightGradient after backward", "∂L/∂W = Xᵀ·∂L/∂Z", new double[][] {{1, 0}, {2, -0.2}},
                    "handout §3.2", ARITHMETIC_TOLERANCE, dense.weightGradient());
            Expect.near("Dense.biasGradient after backward", "∂L/∂b = column sums of ∂L/∂Z", new double[] {1, 0.2},
                    "handout §3.2", ARITHMETIC_TOLERANCE, dense.biasGradient());
        }
    }
}
