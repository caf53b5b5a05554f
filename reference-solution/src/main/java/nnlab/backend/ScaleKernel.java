package nnlab.backend;

import com.aparapi.Kernel;

/** {@code out[i] = a[i] · factor}, one work-item per element. */
@TwinOf("scale")
final class ScaleKernel extends Kernel {

    double[] a = KernelSlot.PLACEHOLDER;
    double[] out = KernelSlot.PLACEHOLDER;
    double factor;
    int length;

    void bind(double[] a, double factor, double[] out) {
        this.a = a;
        this.factor = factor;
        this.out = out;
        this.length = out.length;
    }

    /** Drops the references to the caller's buffers, so the kernel keeps none between launches. */
    void release() {
        a = KernelSlot.PLACEHOLDER;
        out = KernelSlot.PLACEHOLDER;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < length) {
            out[i] = a[i] * factor;
        }
    }
}
