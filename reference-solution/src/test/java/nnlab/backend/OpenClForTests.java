package nnlab.backend;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;

import com.aparapi.device.Device;

/**
 * The OpenCL backend the kernel tests run on, with every operation forced through its kernel.
 *
 * <p>Where the environment variable {@value #REQUIRE} is {@code 1} (CI sets it after scripts/install-opencl.sh), a
 * missing device and any kernel that did not run as OpenCL fail the test. Elsewhere, e.g. on a developer's machine
 * without an OpenCL driver, tests that need a device are skipped with the reason.
 */
final class OpenClForTests {

    /** Environment variable that makes a missing or silently bypassed OpenCL device a test failure. */
    static final String REQUIRE = "NNLAB_REQUIRE_OPENCL";

    private static final AparapiBackend FORCED = find();

    private OpenClForTests() {
    }

    /** Returns whether this environment demands real OpenCL. */
    static boolean required() {
        return "1".equals(System.getenv(REQUIRE));
    }

    /** Returns a backend on the best usable OpenCL device that runs even a 1 × 1 operation as a kernel. */
    static AparapiBackend forcedBackend() {
        if (FORCED == null) {
            String why = "no usable OpenCL device (run scripts/install-opencl.sh)";
            if (required()) {
                fail(REQUIRE + "=1 but there is " + why);
            }
            assumeTrue(false, "kernel test skipped: " + why);
        }
        return FORCED;
    }

    /**
     * Runs {@code operation} on {@code backend} and checks that the kernel of {@code method} ran as OpenCL; where
     * OpenCL is not required a fallback is tolerated, because the backend then recomputed the result in Java.
     */
    static void runAsKernel(AparapiBackend backend, String method, Runnable operation) {
        KernelSlot<?> slot = backend.slot(method);
        long before = slot.openClRuns();
        operation.run();
        if (required()) {
            assertTrue(slot.openClRuns() == before + 1, () -> "the " + method + " kernel did not run as OpenCL on "
                    + backend.device().getName() + " (silent fallback); " + REQUIRE + "=1 forbids that");
        }
    }

    private static AparapiBackend find() {
        List<OpenClDevices.Seen> seen = new ArrayList<>(OpenClDevices.probe(Device.TYPE.GPU, "opencl-gpu", 0));
        seen.addAll(OpenClDevices.probe(Device.TYPE.CPU, "opencl-cpu", 0));
        for (OpenClDevices.Seen device : seen) {
            if (device.usable()) {
                System.out.println("kernel tests run on OpenCL: " + device.describe());
                return device.backend();
            }
        }
        System.out.println("kernel tests find no usable OpenCL device; seen: " + seen.stream()
                .map(OpenClDevices.Seen::describe).toList());
        return null;
    }
}
