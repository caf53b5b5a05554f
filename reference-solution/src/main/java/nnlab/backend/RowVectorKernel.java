package nnlab.backend;

import com.aparapi.Kernel;

/** {@code out[r][c] = a[r][c] + row[c]}, one work-item per element of the {@code rows × cols} matrix. */
@TwinOf("addRowVector")
final class RowVectorKernel extends Kernel {

    double[] a = KernelSlot.PLACEHOLDER;
    double[] row = KernelSlot.PLACEHOLDER;
    double[] out = KernelSlot.PLACEHOLDER;
    int length;
    int cols;

    void bind(double[] a, double[] row, double[] out, int rows, int cols) {
        this.a = a;
        this.row = row;
        this.out = out;
        this.length = rows * cols;
        this.cols = cols;
    }

    /** Drops the references to the caller's buffers, so the kernel keeps none between launches. */
    void release() {
        a = KernelSlot.PLACEHOLDER;
        row = KernelSlot.PLACEHOLDER;
        out = KernelSlot.PLACEHOLDER;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < length) {
            out[i] = a[i] + row[i % cols];
        }
    }
}
