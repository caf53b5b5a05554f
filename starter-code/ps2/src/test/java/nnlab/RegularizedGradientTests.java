package nnlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §2.3: one linear unit with l2(0.1), x = [1, 2], y = 1, W = [0.5, −1], b = 0, MSE. */
@DisplayName("Part 2 — the regularized loss and its gradient (§2.3)")
class RegularizedGradientTests {

    private static final double TOLERANCE = 1e-12;

    private static Sequential model() {
        Sequential model = new Sequential(new Dense(Matrix.of(new double[][] {{0.5}, {-1}}), new double[] {0},
                Activation.LINEAR, Regularizer.l2(0.1)));
        model.compile(new Sgd(0.1), Loss.MSE);
        return model;
    }

    private static final Matrix X = Matrix.of(new double[][] {{1, 2}});
    private static final Matrix Y = Matrix.of(new double[][] {{1}});

    @Test
    void theLossAddsThePenaltyOnce() {
        assertEquals(6.375, model().loss(X, Y), TOLERANCE, "6.25 + 0.1·(0.25 + 1) (handout §2.3)");
    }

    @Test
    void theGradientAddsTwoLambdaWToTheWeightsOnly() {
        assertArrayEquals(new double[] {-4.9, -10.2, -5}, model().gradient(X, Y), TOLERANCE,
                "∂L/∂W = Xᵀ·∂L/∂Z + 2λW, ∂L/∂b without a penalty (handout §2.3)");
    }
}
