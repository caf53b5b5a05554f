package nnlab.backend;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * Chooses, once per process, the {@link MatrixBackend} the reference solution's {@code Matrix} runs on.
 *
 * <p>The choice comes from the system property {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT},
 * else {@code auto}. Accepted values: {@code auto} and {@code java}. The choice and its reason are logged once.
 */
public final class Backends {

    /** System property that overrides the backend choice. */
    public static final String PROPERTY = "nnlab.backend";

    /** Environment variable that overrides the backend choice when the system property is absent. */
    public static final String ENVIRONMENT = "NNLAB_BACKEND";

    private static final Logger LOG = Logger.getLogger(Backends.class.getName());

    private Backends() {
    }

    /** Returns the process-wide backend, choosing it on first use. Never {@code null}. */
    public static MatrixBackend current() {
        return Holder.CHOICE.backend();
    }

    /** Returns the process-wide choice with the reason it was made, choosing it on first use. */
    public static Choice choice() {
        return Holder.CHOICE;
    }

    /** A chosen backend and why it was chosen. */
    public record Choice(MatrixBackend backend, String requested, String reason) {
    }

    private static final class Holder {
        static final Choice CHOICE = choose();
    }

    private static Choice choose() {
        String requested = requested();
        Choice choice;
        switch (requested) {
            case "auto":
                choice = new Choice(JavaBackend.INSTANCE, requested, "no accelerated backend is built into this version");
                break;
            case "java":
                choice = new Choice(JavaBackend.INSTANCE, requested, "requested");
                break;
            default:
                throw new IllegalStateException("Unknown matrix backend '" + requested + "' in " + PROPERTY + "/"
                        + ENVIRONMENT + ": use one of auto, java.");
        }
        LOG.info(() -> "matrix backend: " + choice.backend().name() + " (" + choice.reason() + ")");
        return choice;
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
