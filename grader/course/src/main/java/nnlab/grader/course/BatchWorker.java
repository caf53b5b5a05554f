package nnlab.grader.course;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * One warm grader process seen from the batch ({@link ChildMain} {@code --worker}): it grades one submission at a
 * time and stays up for the next. Whatever goes wrong with it (it dies, it does not answer in time) it is ended
 * with its children, and the batch starts a fresh one for the next submission.
 */
final class BatchWorker implements AutoCloseable {

    /** How one request ended. */
    sealed interface Reply permits Answered, Died, TimedOut {
    }

    /** The worker wrote the results and answered with the engine's exit code. */
    record Answered(int exit) implements Reply {
    }

    /** The worker's process ended before it answered; {@code cause} says how, for the staff. */
    record Died(String cause) implements Reply {
    }

    /** The worker did not answer within the limit and was ended. */
    record TimedOut() implements Reply {
    }

    private static final ObjectMapper LINE = ResultsDoc.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);
    private static final String EOF = "";
    private static final int EXIT_WAIT_SECONDS = 5;
    /** Exit statuses above this mean the process was ended by signal (status − 128). */
    private static final int SIGNALLED = 128;
    /** How often the worker's descendants are listed while it grades. */
    private static final int FAMILY_SECONDS = 1;

    private final Process process;
    private final OutputStream stdin;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private volatile List<ProcessHandle> family = List.of();

    /** Starts a worker with {@code javaCommand} (the java command line of {@link ChildMain}), logging to {@code log}. */
    BatchWorker(List<String> javaCommand, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(javaCommand);
        cmd.add(ChildMain.WORKER);
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    replies.add(line);
                }
            } catch (IOException e) {
                // The worker is gone: the same as end of output.
            } finally {
                replies.add(EOF);
            }
        }, "worker-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Returns the worker's process id. */
    long pid() {
        return process.pid();
    }

    /** Returns the worker's process. */
    Process process() {
        return process;
    }

    /**
     * Asks the worker to grade {@code submission} into {@code out} (its log in {@code log}, with run seed {@code seed},
     * or a secret one when null) and waits at most {@code limitSeconds} for its answer.
     */
    Reply grade(String assignment, Path submission, Path out, Path log, Long seed, long limitSeconds)
            throws InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("assignment", assignment);
        request.put("submission", submission.toAbsolutePath().toString());
        request.put("out", out.toAbsolutePath().toString());
        request.put("log", log.toAbsolutePath().toString());
        if (seed != null) {
            request.put("seed", seed);
        }
        try {
            stdin.write((LINE.writeValueAsString(request) + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            return died();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limitSeconds);
        String line = null;
        while (line == null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                close();
                return new TimedOut();
            }
            // A worker that dies leaves its sandboxes to init: remember them while it lives, to end them after.
            family = process.descendants().toList();
            line = replies.poll(Math.min(left, TimeUnit.SECONDS.toNanos(FAMILY_SECONDS)), TimeUnit.NANOSECONDS);
        }
        if (line.equals(EOF)) {
            return died();
        }
        try {
            JsonNode reply = LINE.readTree(line);
            return new Answered(reply.path("exit").asInt());
        } catch (IOException e) {
            close();
            return new Died("it answered something unreadable: " + line);
        }
    }

    private Died died() throws InterruptedException {
        process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
        String cause;
        if (process.isAlive()) {
            cause = "it closed its output without exiting";
        } else if (process.exitValue() > SIGNALLED) {
            cause = "it was killed by signal " + (process.exitValue() - SIGNALLED);
        } else {
            cause = "it exited with status " + process.exitValue();
        }
        close();
        return new Died(cause);
    }

    /** Ends an idle worker: it ends its children and halts once its input closes; killed if it has not in time. */
    void retire() throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already closed: the worker is ending anyway.
        }
        if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
            close();
        }
    }

    /** Ends the worker: closing its input makes it end its children and halt; it and they are killed as well. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already closed: the worker is ending anyway.
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        // A handle knows its process's start time, so a number reused by a new process is never ended by mistake.
        family.forEach(ProcessHandle::destroyForcibly);
    }
}
