package nnlab.backend;

import com.aparapi.Kernel;

/** A kernel Aparapi cannot translate ({@code throw} in {@code run()}), to exercise the fallback guard. */
final class BrokenKernel extends Kernel implements KernelSlot.Bound {

    double[] out = new double[4];

    @Override
    public void release() {
        // Its one array is its own, never a caller's.
    }

    @Override
    public void run() {
        int i = getGlobalId();
        if (i > out.length) {
            throw new IllegalStateException("unreachable: the range never exceeds the array");
        }
        out[i] = 1;
    }
}
