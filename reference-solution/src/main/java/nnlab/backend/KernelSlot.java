package nnlab.backend;

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
 * and tells the caller to recompute with {@link JavaBackend}. Callers hold the slot's monitor from binding the
 * kernel's arguments until the launch returns, because a kernel instance holds its arguments in fields.
 */
final class KernelSlot<K extends Kernel> {

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

    /** Returns the kernel, to bind its arguments; call only while holding this slot's monitor. */
    K kernel() {
        return kernel;
    }

    /** Returns whether this kernel may still run: false once it has fallen back or failed. */
    synchronized boolean usable() {
        return !retired;
    }

    /** Returns how many launches ran as OpenCL on the chosen device. */
    synchronized long openClRuns() {
        return openClRuns;
    }

    /**
     * Launches the bound kernel and returns {@code true} when it ran as OpenCL on the chosen device; {@code false}
     * means the output is garbage and the caller must recompute it with {@link JavaBackend}.
     */
    synchronized boolean launch(Range range) {
        if (retired) {
            return false;
        }
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
