package nnlab.grader.course;

import java.io.IOException;

/**
 * The entry point of one batch worker: the engine's command line, plus a watchdog on standard input. The batch keeps
 * this process's standard input open; when the batch dies, even by SIGKILL, the pipe closes and this process kills
 * its own children (the submission JVM's sandbox) and halts, so no orphan keeps grading or writing.
 */
public final class ChildMain {

    private static final int ORPHANED = 137;

    private ChildMain() {
    }

    /** Runs {@code nnlab.grader.cli.Main} with {@code args} under the watchdog. */
    public static void main(String[] args) {
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // The batch never writes; anything read is ignored until the pipe closes.
                }
            } catch (IOException e) {
                // A broken pipe means the same as end of input: the batch is gone.
            }
            killChildren();
            Runtime.getRuntime().halt(ORPHANED);
        }, "batch-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        Runtime.getRuntime().addShutdownHook(new Thread(ChildMain::killChildren, "kill-children"));
        System.exit(nnlab.grader.cli.Main.run(args));
    }

    static void killChildren() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
