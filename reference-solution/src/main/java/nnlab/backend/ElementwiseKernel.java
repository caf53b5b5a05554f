package nnlab.backend;

import com.aparapi.Kernel;

/**
 * {@code out[i] = a[i] op b[i]}, one work-item per element; the operation is one of the int codes below, because an
 * enum cannot cross into OpenCL ({@link AparapiBackend} maps {@link ElementwiseOp} to them).
 */
@TwinOf("elementwise")
final class ElementwiseKernel extends Kernel {

    static final int ADD = 0;
    static final int SUBTRACT = 1;
    static final int MULTIPLY = 2;
    static final int DIVIDE = 3;

    double[] a = KernelSlot.PLACEHOLDER;
    double[] b = KernelSlot.PLACEHOLDER;
    double[] out = KernelSlot.PLACEHOLDER;
    int length;
    int op;

    void bind(int op, double[] a, double[] b, double[] out) {
        this.op = op;
        this.a = a;
        this.b = b;
        this.out = out;
        this.length = out.length;
    }

    /** Drops the references to the caller's buffers, so the kernel keeps none between launches. */
    void release() {
        a = KernelSlot.PLACEHOLDER;
        b = KernelSlot.PLACEHOLDER;
        out = KernelSlot.PLACEHOLDER;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < length) {
            // One store per branch: Aparapi mistranslates a local assigned in several branches of an if-else chain.
            if (op == ADD) {
                out[i] = a[i] + b[i];
            } else if (op == SUBTRACT) {
                out[i] = a[i] - b[i];
            } else if (op == MULTIPLY) {
                out[i] = a[i] * b[i];
            } else {
                out[i] = a[i] / b[i];
            }
        }
    }
}
