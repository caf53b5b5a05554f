package nnlab.bench;

import com.aparapi.Kernel;

/**
 * {@code out[i] = a[i] + b[i]}, one work-item per element: the shape of every element-wise operation on a matrix,
 * launched the way the library launches its kernels (Aparapi copies each array in and the result out per call).
 */
final class AddKernel extends Kernel {

    double[] a = new double[1];
    double[] b = new double[1];
    double[] out = new double[1];
    int length;

    void bind(double[] a, double[] b, double[] out) {
        this.a = a;
        this.b = b;
        this.out = out;
        this.length = out.length;
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < length) {
            out[i] = a[i] + b[i];
        }
    }
}
