package nnlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §2.2: the handout's example, rate 0.5 and draws 0.7, 0.2, 0.9, 0.5. */
@DisplayName("Part 2 — dropout (§2.2)")
class DropoutTests {

    private static final double TOLERANCE = 1e-12;
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
        assertArrayEquals(new double[] {2, 0, 6, 8}, y.values(), TOLERANCE,
                "kept units are divided by 1 − rate; u = 0.5 is not < 0.5, so it is kept (handout §2.2)");
    }

    @Test
    void backwardReusesTheForwardMask() {
        Dropout dropout = new Dropout(0.5);
        dropout.forward(X, true, scripted());
        Tensor g = dropout.backward(Tensor.of(new int[] {1, 4}, new double[] {1, 1, 1, 1}));
        assertArrayEquals(new double[] {2, 0, 2, 2}, g.values(), TOLERANCE,
                "the gradient goes through the same mask with the same factor 1/(1 − rate) (handout §2.2)");
    }

    @Test
    void predictionIsTheIdentity() {
        assertArrayEquals(X.values(), new Dropout(0.5).forward(X, false, null).values(), TOLERANCE,
                "outside training Dropout returns its input (handout §2.2)");
    }
}
