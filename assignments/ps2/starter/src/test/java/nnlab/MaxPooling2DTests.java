package nnlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §3.3: the handout's 4 × 4 example with ties, pool 2, strides 2. */
@DisplayName("Part 3 — MaxPooling2D (§3.3)")
class MaxPooling2DTests {

    private static final double TOLERANCE = 1e-12;
    private static final Tensor X = Tensor.of(new int[] {1, 4, 4, 1},
            new double[] {1, 3, 3, 0, 2, 3, 1, 1, 0, 0, 5, 5, 0, 0, 2, 5});

    @Test
    void forwardTakesEachWindowsMaximum() {
        assertArrayEquals(new double[] {3, 3, 0, 5}, new MaxPooling2D(2).forward(X, false, null).values(), TOLERANCE,
                "handout §3.3");
    }

    @Test
    void backwardSendsEachGradientToTheFirstMaximumOfItsWindow() {
        MaxPooling2D pool = new MaxPooling2D(2);
        pool.forward(X, false, null);
        Tensor dx = pool.backward(Tensor.of(new int[] {1, 2, 2, 1}, new double[] {1, 2, 3, 4}));
        assertArrayEquals(new double[] {0, 1, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0}, dx.values(), TOLERANCE,
                "ties: the first maximum in row-major window order gets the whole gradient (handout §3.3)");
    }
}
