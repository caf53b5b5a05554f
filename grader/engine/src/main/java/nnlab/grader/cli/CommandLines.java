package nnlab.grader.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import picocli.CommandLine;

/**
 * What every command of the nnlab command line shares: a user's mistake is one line on stderr and exit code
 * {@link ExitCode#USAGE}, never a stack trace; and the matrix backend's log lines (its choice of device, OpenCL being
 * absent) stay out of the output unless {@code --verbose} asks for them.
 */
public final class CommandLines {

    /**
     * Loggers whose records are diagnostics of the machine rather than of the submission; held here because the
     * logging framework keeps loggers only weakly, and a collected logger would forget its level.
     */
    private static final List<Logger> CHATTY = List.of(Logger.getLogger("nnlab.backend"), Logger.getLogger("com.aparapi"));

    private CommandLines() {
    }

    /** A mistake in what the user asked for; its message is the whole report, so it says what to do instead. */
    public static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Creates the error with its one-line {@code message}. */
        public UsageError(String message) {
            super(message);
        }
    }

    /**
     * Makes {@code commandLine} and every command under it report parameter and usage errors as one line and exit
     * code {@link ExitCode#USAGE}, and read enum values whatever their case.
     */
    public static CommandLine configure(CommandLine commandLine) {
        return commandLine.setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((e, args) -> usage(e.getCommandLine(), e.getMessage()))
                .setExecutionExceptionHandler((e, cl, parsed) -> {
                    if (e instanceof UsageError || e instanceof CommandLine.ParameterException) {
                        return usage(cl, e.getMessage());
                    }
                    throw e;
                });
    }

    private static int usage(CommandLine cl, String message) {
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + message + " (see " + cl.getCommandSpec().qualifiedName()
                + " --help)");
        err.flush();
        return ExitCode.USAGE.code();
    }

    /** Returns the error for an assignment id that no plug-in registers. */
    public static UsageError unknownAssignment(String id, List<String> known) {
        return new UsageError("unknown assignment '" + id + "'; known: " + String.join(", ", known));
    }

    /** Fails with a usage error unless {@code path} exists; {@code option} names the option that gave it. */
    public static Path existing(String option, Path path) {
        if (path != null && !Files.exists(path)) {
            throw new UsageError(option + " " + path + ": no such file or folder");
        }
        return path;
    }

    /**
     * The system property Aparapi reads, once, for the level of its own logger (named after the property, not under
     * {@code com.aparapi}'s level): without it that logger is set to WARNING when Aparapi loads, which lets its SEVERE
     * "Failed to load codegen native library" through on a machine without OpenCL, whatever {@code com.aparapi} says.
     */
    static final String APARAPI_LOG_LEVEL = "com.aparapi.logLevel";

    /**
     * Keeps the backend's log lines out of the output unless {@code verbose}; call it before the matrix backend is
     * first used. A level the user set for Aparapi with {@code -Dcom.aparapi.logLevel} is kept.
     */
    public static void chatter(boolean verbose) {
        for (Logger logger : CHATTY) {
            logger.setLevel(verbose ? null : Level.OFF);
        }
        if (!verbose && System.getProperty(APARAPI_LOG_LEVEL) == null) {
            System.setProperty(APARAPI_LOG_LEVEL, Level.OFF.getName());
        }
    }
}
