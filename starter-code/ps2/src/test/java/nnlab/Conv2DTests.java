package nnlab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * §3.1–§3.2: the handout's 4 × 4 image x = 1 … 16 row by row, kernel K = [[1, 0], [2, −1]], bias 0.5, LINEAR.
 */
@DisplayName("Part 3 — Conv2D")
class Conv2DTests {

    private static final double TOLERANCE = 1e-12;
    private static final String IMAGE_AXES = "(b, i, j, c)";

    private static Tensor image() {
        double[] values = new double[16];
        for (int i = 0; i < 16; i++) {
            values[i] = i + 1;
        }
        return Tensor.of(new int[] {1, 4, 4, 1}, values);
    }

    private static Conv2D layer(int strides, Padding padding) {
        return new Conv2D(Tensor.of(new int[] {2, 2, 1, 1}, new double[] {1, 0, 2, -1}), new double[] {0.5}, strides,
                padding, Activation.LINEAR);
    }

    @Nested
    @DisplayName("forward (§3.1)")
    class Forward {

        @Test
        void validStridesOneIsACrossCorrelation() {
            Expect.near("Conv2D.forward, VALID, strides 1", "z", new int[] {1, 3, 3, 1},
                    new double[] {5.5, 7.5, 9.5, 13.5, 15.5, 17.5, 21.5, 23.5, 25.5}, IMAGE_AXES,
                    "handout §3.1: z[0, 0] = 1·1 + 2·0 + 5·2 + 6·(−1) + 0.5 = 5.5, the kernel is not flipped", TOLERANCE,
                    layer(1, Padding.VALID).forward(image(), false, null));
        }

        @Test
        void validStridesTwoSkipsEveryOtherWindow() {
            Expect.near("Conv2D.forward, VALID, strides 2", "z", new int[] {1, 2, 2, 1},
                    new double[] {5.5, 9.5, 21.5, 25.5}, IMAGE_AXES,
                    "handout §3.1: windows start at rows and columns 0 and 2", TOLERANCE,
                    layer(2, Padding.VALID).forward(image(), false, null));
        }

        @Test
        void samePutsTheExtraPaddingAtTheBottomAndRight() {
            Expect.near("Conv2D.forward, SAME, strides 1", "z", new int[] {1, 4, 4, 1},
                    new double[] {5.5, 7.5, 9.5, 20.5, 13.5, 15.5, 17.5, 32.5, 21.5, 23.5, 25.5, 44.5, 13.5, 14.5,
                        15.5, 16.5}, IMAGE_AXES, "handout §3.1: SAME gives ⌈4/1⌉ = 4 outputs, one row and one column of"
                    + " zeros at the bottom and right", TOLERANCE, layer(1, Padding.SAME).forward(image(), false, null));
        }
    }

    @Nested
    @DisplayName("backward (§3.2)")
    class Backward {

        @Test
        void stridesTwoSendsEachGradientBackToTheInputsItsWindowRead() {
            Conv2D conv = layer(2, Padding.VALID);
            conv.forward(image(), false, null);
            Tensor dx = conv.backward(Tensor.of(new int[] {1, 2, 2, 1}, new double[] {1, -1, 2, 0.5}));
            Expect.near("Conv2D.backward's return value", "∂L/∂x", new int[] {1, 4, 4, 1},
                    new double[] {1, 0, -1, 0, 2, -1, -2, 1, 2, 0, 0.5, 0, 4, -2, 1, -0.5}, IMAGE_AXES,
                    "handout §3.2: each window sends K·∂L/∂z back to the inputs it read, with the stride", TOLERANCE, dx);
            Expect.near("Conv2D.kernelGradient after backward", "∂L/∂K", new int[] {2, 2, 1, 1},
                    new double[] {21.5, 24, 31.5, 34}, "(u, v, c, f)", "handout §3.2", TOLERANCE, conv.kernelGradient());
            assertArrayEquals(new double[] {2.5}, conv.biasGradient(), TOLERANCE, "∂L/∂bias: the sum (handout §3.2)");
        }
    }
}
