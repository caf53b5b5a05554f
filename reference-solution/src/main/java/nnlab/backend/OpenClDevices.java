package nnlab.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;

/**
 * Finds the OpenCL devices Aparapi can see and checks that one really runs nnlab's double-precision kernels.
 *
 * <p>Never throws for a missing or broken OpenCL installation: that is reported as "no devices" with a reason.
 */
final class OpenClDevices {

    /** {@code 1 + 2⁻³⁰}: its square needs 53-bit doubles; in single precision it rounds to exactly 1. */
    private static final double PROBE = 1 + Math.scalb(1.0, -30);

    static {
        loadAparapiKeepingLogLevels();
    }

    private OpenClDevices() {
    }

    /**
     * Loads Aparapi's configuration class, then restores the root log handlers' levels it changed.
     *
     * <p>On class initialisation Aparapi sets every handler of the root logger to its own level (WARNING unless
     * {@code -Dcom.aparapi.logLevel} says otherwise), which would silence every INFO record of the whole program,
     * including the backend choice. Its own {@code com.aparapi} logger keeps that level, so it stays quiet.
     */
    private static void loadAparapiKeepingLogLevels() {
        Handler[] handlers = Logger.getLogger("").getHandlers();
        Level[] levels = new Level[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            levels[i] = handlers[i].getLevel();
        }
        try {
            Class.forName("com.aparapi.Config", true, OpenClDevices.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // Without Aparapi on the class path loaderAvailable() reports no OpenCL; nothing else to do here.
        } finally {
            for (int i = 0; i < handlers.length; i++) {
                handlers[i].setLevel(levels[i]);
            }
        }
    }

    /** An OpenCL device and, once probed, whether it ran the probe kernel in double precision. */
    record Seen(OpenCLDevice device, String kind, AparapiBackend backend, String problem) {

        /** Returns whether nnlab can run on this device. */
        boolean usable() {
            return backend != null;
        }

        /** Returns one line for logs and {@code BackendInfo}. */
        String describe() {
            return kind + " " + device.getShortDescription() + " \"" + device.getName() + "\" ("
                    + device.getMaxComputeUnits() + " compute units): "
                    + (usable() ? "usable, fp64 yes" : problem);
        }
    }

    /** Returns whether the OpenCL loader and Aparapi's native library could be loaded. */
    static boolean loaderAvailable() {
        try {
            return OpenCLLoader.isOpenCLAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Returns every OpenCL device of {@code type}, each probed by a 1 × 1 × 1 double-precision product on it;
     * {@code kind} names the backend built on it ({@code "opencl-gpu"} or {@code "opencl-cpu"}).
     */
    static List<Seen> probe(Device.TYPE type, String kind, long minKernelWork) {
        List<Seen> seen = new ArrayList<>();
        if (!loaderAvailable()) {
            return seen;
        }
        List<OpenCLDevice> devices;
        try {
            devices = OpenCLDevice.listDevices(type);
        } catch (RuntimeException | LinkageError e) {
            return seen;
        }
        for (OpenCLDevice device : devices) {
            seen.add(probe(device, kind, minKernelWork));
        }
        return seen;
    }

    private static Seen probe(OpenCLDevice device, String kind, long minKernelWork) {
        AparapiBackend backend;
        try {
            backend = new AparapiBackend(device, kind, minKernelWork);
        } catch (IllegalArgumentException e) {
            return new Seen(device, kind, null, e.getMessage());
        }
        double[] x = {PROBE};
        double[] out = new double[1];
        boolean ran = backend.multiplyOnDevice(x, false, x, false, out, 1, 1, 1);
        if (!ran) {
            return new Seen(device, kind, null, "the probe kernel did not run as OpenCL (see the warning above;"
                    + " a device without cl_khr_fp64 does this)");
        }
        if (out[0] != PROBE * PROBE) {
            return new Seen(device, kind, null, "the probe kernel computed " + out[0] + " instead of "
                    + PROBE * PROBE + ": no double precision");
        }
        return new Seen(device, kind, backend, null);
    }
}
