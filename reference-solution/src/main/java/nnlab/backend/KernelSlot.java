package nnlab.backend;

import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;

/**
 * One reusable kernel instance for one {@link MatrixBackend} method, with the rule that decides whether its result
 * can be trusted.
 *
 * <p>Aparapi falls back to running a kernel in Java threads when OpenCL fails, and that fallback can leave the output
 * untouched (all zeros) without any exception. So after every launch this slot checks that the kernel really ran as
 * OpenCL on the chosen device; if it did not, the slot retires the kernel for the rest of the process, logs that once,
 * and tells the caller to recompute with {@link JavaBackend}. {@link #run} binds, launches and releases under the
 * slot's monitor, because a kernel instance holds its arguments in fields.
 */
final class KernelSlot<K extends Kernel & KernelSlot.Bound> {

    /** A kernel whose fields point at the caller's arrays while its arguments are bound. */
    interface Bound {

        /** Points the array fields back at {@link KernelSlot#PLACEHOLDER}, so the kernel keeps no caller's buffer. */
        void release();
    }

    /** What a kernel's array fields point at between launches: Aparapi needs a non-null array there. */
    static final double[] PLACEHOLDER = new double[1];

    private static final Logger LOG = Logger.getLogger(KernelSlot.class.getName());

    private final String method;
    private final K kernel;
    private final OpenCLDevice device;
    private boolean retired;
    private long openClRuns;

    KernelSlot(String method, K kernel, OpenCLDevice device) {
        this.method = method;
        this.kernel = kernel;
        this.device = device;
    }

    /** Returns the kernel; its arguments are bound only inside {@link #run}. */
    K kernel() {
        return kernel;
    }

    /**
     * Binds the kernel's arguments with {@code bind}, launches it on the range {@code range} builds and releases the
     * arguments, all under this slot's monitor. Returns {@code true} when the kernel ran as OpenCL on the chosen
     * device; {@code false} means the output is garbage and the caller must compute it with {@link JavaBackend}. A
     * retired slot binds nothing and returns {@code false} at once.
     */
    synchronized boolean run(Consumer<? super K> bind, Supplier<Range> range) {
        if (retired) {
            return false;
        }
        bind.accept(kernel);
        try {
            return launch(range.get());
        } finally {
            kernel.release();
        }
    }

    /** Returns how many launches ran as OpenCL on the chosen device. */
    synchronized long openClRuns() {
        return openClRuns;
    }

    /** Launches the bound kernel and returns {@code true} when it ran as OpenCL on the chosen device. */
    private boolean launch(Range range) {
        try {
            kernel.execute(range);
        } catch (RuntimeException | AssertionError | LinkageError e) {
            // Aparapi signals a failed launch on a device named by the range with an AssertionError.
            retire("its launch threw " + e);
            return false;
        }
        Device target = kernel.getTargetDevice();
        if (!kernel.isRunningCL() || !(target instanceof OpenCLDevice cl) || cl.getDeviceId() != device.getDeviceId()) {
            retire("it ran on " + (target == null ? "no device" : target.getShortDescription())
                    + " instead of OpenCL on " + device.getShortDescription());
            return false;
        }
        openClRuns++;
        return true;
    }

    private void retire(String why) {
        retired = true;
        LOG.warning(() -> "kernel for " + method + " is off for the rest of this process because " + why
                + "; that operation now runs in plain Java");
    }
}
