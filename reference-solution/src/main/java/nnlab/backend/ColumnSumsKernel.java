package nnlab.backend;

import com.aparapi.Kernel;

/**
 * {@code out[c] = Σ_r a[r][c]}, one work-item per column summing its rows in increasing order.
 *
 * <p>The order is {@link JavaBackend}'s, so the result is identical to it, not just equal to rounding.
 */
@TwinOf("columnSums")
final class ColumnSumsKernel extends Kernel {

    double[] a = KernelSlot.PLACEHOLDER;
    double[] out = KernelSlot.PLACEHOLDER;
    int rows;
    int cols;

    void bind(double[] a, double[] out, int rows, int cols) {
        this.a = a;
        this.out = out;
        this.rows = rows;
        this.cols = cols;
    }

    /** Drops the references to the caller's buffers, so the kernel keeps none between launches. */
    void release() {
        a = KernelSlot.PLACEHOLDER;
        out = KernelSlot.PLACEHOLDER;
    }

    @Override
    public void run() {
        int c = getGlobalId();
        if (c < cols) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += a[r * cols + c];
            }
            out[c] = sum;
        }
    }
}
