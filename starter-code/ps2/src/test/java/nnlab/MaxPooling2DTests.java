package nnlab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §3.3: the handout's 4 × 4 example with ties, pool 2, strides 2. */
@DisplayName("Part 3 — MaxPooling2D (§3.3)")
class MaxPooling2DTests {

    private static final double TOLERANCE = 1e-12;
    private static final String IMAGE_AXES = "(b, i, j, c)";
    private static final Tensor X = Tensor.of(new int[] {1, 4, 4, 1},
            new double[] {1, 3, 3, 0, 2, 3, 1, 1, 0, 0, 5, 5, 0, 0, 2, 5});

    @Test
    void forwardTakesEachWindowsMaximum() {
        Expect.near("MaxPooling2D(2).forward", "y", new int[] {1, 2, 2, 1}, new double[] {3, 3, 0, 5}, IMAGE_AXES,
                "handout §3.3, the maximum of each 2 × 2 window", TOLERANCE, new MaxPooling2D(2).forward(X, false, null));
    }

    @Test
    void backwardSendsEachGradientToTheFirstMaximumOfItsWindow() {
        MaxPooling2D pool = new MaxPooling2D(2);
        pool.forward(X, false, null);
        Tensor dx = pool.backward(Tensor.of(new int[] {1, 2, 2, 1}, new double[] {1, 2, 3, 4}));
        Expect.near("MaxPooling2D(2).backward", "∂L/∂x", new int[] {1, 4, 4, 1},
                new double[] {0, 1, 2, 0, 0, 0, 0, 0, 3, 0, 4, 0, 0, 0, 0, 0}, IMAGE_AXES, "handout §3.3: with ties the"
                + " first maximum in row-major window order gets the whole gradient", TOLERANCE, dx);
    }
}
