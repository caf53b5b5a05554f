package nnlab.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Logger;

import com.aparapi.device.Device;

/**
 * Chooses, once per process, the {@link MatrixBackend} the reference solution's {@code Matrix} runs on.
 *
 * <p>The choice comes from the system property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT},
 * else {@code auto}:
 * <ul>
 *   <li>{@code auto}: the first OpenCL GPU that runs a double-precision probe kernel, else the first such OpenCL CPU
 *       device (e.g. PoCL), else plain Java;</li>
 *   <li>{@code gpu} or {@code opencl-cpu}: that kind of OpenCL device or nothing — {@link #current()} throws when
 *       none is usable, because an explicit request that silently ran elsewhere would mislead;</li>
 *   <li>{@code java}: plain Java loops.</li>
 * </ul>
 * The choice, the devices seen and the reason are logged once; {@link BackendInfo} prints them.
 */
public final class Backends {

    /** System property that overrides the backend choice. */
    public static final String PROPERTY = "nnlab.backend";

    /** Environment variable that overrides the backend choice when the system property is absent. */
    public static final String ENVIRONMENT = "NNLAB_BACKEND";

    private static final Logger LOG = Logger.getLogger(Backends.class.getName());

    /** Lets a test run one computation on a backend of its choice; empty in production. */
    private static final ThreadLocal<MatrixBackend> OVERRIDE = new ThreadLocal<>();

    private Backends() {
    }

    /**
     * Returns the process-wide backend, choosing it on first use. Never {@code null}.
     *
     * @throws IllegalStateException if the requested backend is unknown or not available on this machine
     */
    public static MatrixBackend current() {
        MatrixBackend override = OVERRIDE.get();
        if (override != null) {
            return override;
        }
        Choice choice = Holder.CHOICE;
        if (choice.backend() == null) {
            throw new IllegalStateException(choice.reason());
        }
        return choice.backend();
    }

    /** Returns the process-wide choice with the reason it was made, choosing it on first use. */
    public static Choice choice() {
        return Holder.CHOICE;
    }

    /**
     * A chosen backend and why it was chosen; {@code backend} is {@code null} when the request cannot be met, and
     * {@code reason} then says what to do. {@code devices} has one line per OpenCL device seen.
     */
    public record Choice(MatrixBackend backend, String requested, String reason, List<String> devices) {

        /** Copies {@code devices}. */
        public Choice {
            devices = List.copyOf(devices);
        }
    }

    /** Runs {@code work} on this thread with {@code backend} in place of the process-wide one; for tests. */
    static <T> T with(MatrixBackend backend, Supplier<T> work) {
        MatrixBackend previous = OVERRIDE.get();
        OVERRIDE.set(backend);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                OVERRIDE.remove();
            } else {
                OVERRIDE.set(previous);
            }
        }
    }

    private static final class Holder {
        static final Choice CHOICE = log(choose(requested()));
    }

    /** Makes the choice for {@code requested}; package-private so tests can exercise every branch. */
    static Choice choose(String requested) {
        List<String> devices = new ArrayList<>();
        switch (requested) {
            case "java":
                return new Choice(JavaBackend.INSTANCE, requested, "requested with " + how(), devices);
            case "gpu":
                return openCl(requested, devices, Device.TYPE.GPU, "opencl-gpu");
            case "opencl-cpu":
                return openCl(requested, devices, Device.TYPE.CPU, "opencl-cpu");
            case "auto":
                return auto(devices);
            default:
                return new Choice(null, requested, "Unknown matrix backend '" + requested + "' in " + how()
                        + ": use one of auto, gpu, opencl-cpu, java.", devices);
        }
    }

    private static Choice auto(List<String> devices) {
        if (!OpenClDevices.loaderAvailable()) {
            return new Choice(JavaBackend.INSTANCE, "auto", "no OpenCL loader or Aparapi native library could be"
                    + " loaded (install one with scripts/install-opencl.sh)", devices);
        }
        for (String[] kind : new String[][] {{"GPU", "opencl-gpu"}, {"CPU", "opencl-cpu"}}) {
            Choice found = openCl("auto", devices, Device.TYPE.valueOf(kind[0]), kind[1]);
            if (found.backend() != null) {
                return found;
            }
        }
        return new Choice(JavaBackend.INSTANCE, "auto", devices.isEmpty()
                ? "no OpenCL device is installed (OpenCL platforms found none)"
                : "no OpenCL device ran the double-precision probe", devices);
    }

    private static Choice openCl(String requested, List<String> devices, Device.TYPE type, String kind) {
        for (OpenClDevices.Seen seen : OpenClDevices.probe(type, kind, AparapiBackend.MIN_KERNEL_WORK)) {
            devices.add(seen.describe());
            if (seen.usable()) {
                return new Choice(seen.backend(), requested, (requested.equals("auto") ? "best device found: "
                        : "requested with " + how() + ": ") + seen.device().getShortDescription() + " \""
                        + seen.device().getName() + "\"", devices);
            }
        }
        return new Choice(null, requested, "No usable OpenCL " + type + " device for backend '" + kind
                + "' (seen: " + (devices.isEmpty() ? "none" : String.join("; ", devices)) + "): install one"
                + " (scripts/install-opencl.sh for the CPU) or set " + how() + " to auto or java.", devices);
    }

    private static Choice log(Choice choice) {
        if (choice.backend() == null) {
            LOG.severe(choice::reason);
        } else {
            LOG.info(() -> "matrix backend: " + choice.backend().name() + " (" + choice.reason() + ")");
        }
        return choice;
    }

    private static String how() {
        return PROPERTY + "/" + ENVIRONMENT;
    }

    private static String requested() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(ENVIRONMENT);
        }
        if (value == null || value.isBlank()) {
            return "auto";
        }
        return value.trim().toLowerCase(Locale.ROOT);
    }
}
