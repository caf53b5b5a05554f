package nnlab.backend;

import com.aparapi.Kernel;

/** A kernel Aparapi cannot translate ({@code throw} in {@code run()}), to exercise the fallback guard. */
final class BrokenKernel extends Kernel {

    double[] out = new double[4];

    @Override
    public void run() {
        int i = getGlobalId();
        if (i > out.length) {
            throw new IllegalStateException("unreachable: the range never exceeds the array");
        }
        out[i] = 1;
    }
}
