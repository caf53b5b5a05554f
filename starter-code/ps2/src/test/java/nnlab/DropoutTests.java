package nnlab;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §2.2: the handout's example, rate 0.5 and draws 0.7, 0.2, 0.9, 0.5. */
@DisplayName("Part 2 — dropout (§2.2)")
class DropoutTests {

    private static final double TOLERANCE = 1e-12;
    /** Positions in a (batch, features) tensor. */
    private static final String ROW_AXES = "(b, k)";
    private static final Tensor X = Tensor.of(new int[] {1, 4}, new double[] {1, 2, 3, 4});

    /** A generator that returns the handout's draws, in order. */
    private static Random scripted() {
        return new Random() {
            private final double[] draws = {0.7, 0.2, 0.9, 0.5};
            private int next;

            @Override
            public double nextDouble() {
                return draws[next++ % draws.length];
            }
        };
    }

    @Test
    void trainingDropsWhereTheDrawIsBelowTheRateAndScalesTheRest() {
        Tensor y = new Dropout(0.5).forward(X, true, scripted());
        Expect.near("Dropout(0.5).forward in training", "y", new int[] {1, 4}, new double[] {2, 0, 6, 8}, ROW_AXES,
                "handout §2.2: kept units are divided by 1 − rate; u = 0.5 is not < 0.5, so it is kept", TOLERANCE, y);
    }

    @Test
    void backwardReusesTheForwardMask() {
        Dropout dropout = new Dropout(0.5);
        dropout.forward(X, true, scripted());
        Tensor g = dropout.backward(Tensor.of(new int[] {1, 4}, new double[] {1, 1, 1, 1}));
        Expect.near("Dropout(0.5).backward", "∂L/∂x", new int[] {1, 4}, new double[] {2, 0, 2, 2}, ROW_AXES,
                "handout §2.2: the gradient goes through the same mask with the same factor 1/(1 − rate)", TOLERANCE, g);
    }

    @Test
    void predictionIsTheIdentity() {
        Expect.near("Dropout(0.5).forward in prediction", "x", new int[] {1, 4}, X.values(), ROW_AXES,
                "handout §2.2: outside training Dropout returns its input", TOLERANCE,
                new Dropout(0.5).forward(X, false, null));
    }
}
