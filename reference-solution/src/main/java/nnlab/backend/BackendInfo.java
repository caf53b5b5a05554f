package nnlab.backend;

/**
 * Prints which matrix backend this process chooses and why, the OpenCL devices it saw, and their fp64 support.
 *
 * <p>Run as {@code java -cp <reference jar + dependencies> nnlab.backend.BackendInfo}; honours
 * {@value Backends#PROPERTY} and {@value Backends#ENVIRONMENT}. Exits with status 1 when the requested backend is
 * not available, so scripts can check a machine with it.
 */
public final class BackendInfo {

    private BackendInfo() {
    }

    /** Prints the report to standard output; arguments are ignored. */
    public static void main(String[] args) {
        Backends.Choice choice = Backends.choice();
        System.out.println("requested: " + choice.requested());
        System.out.println("backend:   " + (choice.backend() == null ? "none" : choice.backend().name()));
        System.out.println("reason:    " + choice.reason());
        System.out.println("OpenCL loader: " + (OpenClDevices.loaderAvailable() ? "loaded" : "not available"));
        System.out.println("OpenCL devices probed (" + choice.devices().size() + "):");
        for (String device : choice.devices()) {
            System.out.println("  " + device);
        }
        if (choice.backend() instanceof AparapiBackend aparapi) {
            System.out.println("kernels run in Java below " + AparapiBackend.MIN_KERNEL_WORK
                    + " multiply-adds or elements (AparapiBackend.MIN_KERNEL_WORK)");
            System.out.println("device: " + aparapi.device().getName());
        }
        if (choice.backend() == null) {
            System.exit(1);
        }
    }
}
