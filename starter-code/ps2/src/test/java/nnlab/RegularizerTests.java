package nnlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §2.1: the handout's table for W = [[0.5, −1], [0, 2]]. */
@DisplayName("Part 2 — L1 and L2 penalties (§2.1)")
class RegularizerTests {

    private static final double TOLERANCE = 1e-12;
    private static final Matrix W = Matrix.of(new double[][] {{0.5, -1}, {0, 2}});

    @Test
    void l2PenaltyHasNoHalf() {
        assertEquals(0.0525, Regularizer.l2(0.01).penalty(W), TOLERANCE, "l2(0.01): 0.01·Σw² (handout §2.1)");
    }

    @Test
    void l2GradientIsTwoLambdaW() {
        Expect.near("Regularizer.l2(0.01).gradient", "2λW", new double[][] {{0.01, -0.02}, {0, 0.04}},
                "handout §2.1", TOLERANCE, Regularizer.l2(0.01).gradient(W));
    }

    @Test
    void l1PenaltySumsAbsoluteValues() {
        assertEquals(0.035, Regularizer.l1(0.01).penalty(W), TOLERANCE, "l1(0.01): 0.01·Σ|w| (handout §2.1)");
    }

    @Test
    void l1GradientIsZeroWhereTheWeightIsZero() {
        Expect.near("Regularizer.l1(0.01).gradient", "λ·sign(W) with sign(0) = 0",
                new double[][] {{0.01, -0.01}, {0, 0.01}}, "handout §2.1", TOLERANCE, Regularizer.l1(0.01).gradient(W));
    }

    @Test
    void l1l2AddsBoth() {
        assertEquals(0.0875, Regularizer.l1l2(0.01, 0.01).penalty(W), TOLERANCE, "handout §2.1");
        Expect.near("Regularizer.l1l2(0.01, 0.01).gradient", "λ₁·sign(W) + 2λ₂W",
                new double[][] {{0.02, -0.03}, {0, 0.05}}, "handout §2.1", TOLERANCE,
                Regularizer.l1l2(0.01, 0.01).gradient(W));
    }
}
