package nnlab.grader.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

/**
 * How the grader ends a child process (a submission JVM, a compiler): gently by closing its input, which the child
 * answers by exiting, or forcibly, with everything it started.
 */
final class ProcessEnds {

    /** How long a child gets to exit once its input is closed. */
    private static final int EXIT_WAIT_SECONDS = 2;
    /** How long a forcibly destroyed child gets to be reaped. */
    private static final int REAP_WAIT_SECONDS = 5;

    private ProcessEnds() {
    }

    /**
     * Closes {@code stdin} and waits for {@code process} to exit; returns false if it did not (the caller then destroys
     * it). An interrupted wait keeps the thread's interrupt status and returns false.
     */
    static boolean endGently(Process process, OutputStream stdin) {
        try {
            stdin.close();
            return process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Destroys {@code process} and all its descendants, then waits briefly for it to be reaped. */
    static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(REAP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
