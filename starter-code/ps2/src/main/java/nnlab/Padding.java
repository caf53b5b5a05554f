package nnlab;

/**
 * How {@link Conv2D} treats the border, as Keras's {@code padding} argument.
 *
 * <p>For an axis of length n, window k and stride s: {@link #VALID} gives ⌊(n − k)/s⌋ + 1 outputs and no padding;
 * {@link #SAME} gives ⌈n/s⌉ outputs with p = max((out − 1)·s + k − n, 0) zeros, ⌊p/2⌋ before and the rest after (the
 * extra row or column goes at the bottom or right, as in Keras).
 */
public enum Padding {
    /** No padding; windows must fit inside the input. */
    VALID,
    /** Zero padding so that the output has ⌈n/s⌉ positions per axis. */
    SAME;

    /** Returns the number of output positions along an axis of length {@code n}. */
    int outputLength(int n, int kernel, int stride) {
        if (this == SAME) {
            return (n + stride - 1) / stride;
        }
        if (n < kernel) {
            throw new IllegalArgumentException("With VALID padding the input (" + n + ") must be at least as long as the "
                    + "window (" + kernel + "); use SAME padding or a smaller window.");
        }
        return (n - kernel) / stride + 1;
    }

    /** Returns the zeros added before the first input position (top or left). */
    int padBefore(int n, int kernel, int stride) {
        if (this == VALID) {
            return 0;
        }
        int total = Math.max((outputLength(n, kernel, stride) - 1) * stride + kernel - n, 0);
        return total / 2;
    }
}
