package nnlab.grader.course;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;

import nnlab.grader.cli.CommandLines;
import nnlab.grader.cli.ExitCode;
import nnlab.grader.compile.Compilation;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;
import nnlab.grader.runtime.FileTrees;
import nnlab.grader.sandbox.CompilerJvm;
import nnlab.grader.sandbox.Sandbox;

/**
 * The entry point of one batch grader process, a warm worker watched through its standard input: when the batch
 * dies, even by SIGKILL, the pipe closes and this process kills its own children (the submission and compiler JVMs'
 * sandboxes) and halts, so no orphan keeps grading or writing.
 *
 * <p>It reads one request per line on standard input, {@code
 * {"assignment":ID,"submission":PATH,"out":RESULTS_JSON,"log":LOG[,"seed":N]}}, grades it as
 * {@code nnlab-grader grade --no-report} would (its own output going to LOG), and answers
 * {@code {"out":RESULTS_JSON,"exit":CODE}} on standard output once the results file is written. Every grading keeps
 * every isolation layer; what stays warm is the trusted side: this JVM's JIT, JUnit, the reference oracle, Jackson
 * and the compiler process.
 */
public final class ChildMain {

    /** The one argument of a warm worker. */
    static final String WORKER = "--worker";

    private static final int ORPHANED = 137;
    /** The prefix of the temporary folder Aparapi unpacks its JNI library into (its NativeUtils). */
    private static final String NATIVE_LIBRARY_FOLDER = "Aparapi";
    /**
     * How long a warm worker's compiler process may live before it is replaced: long enough to serve many
     * submissions, short enough that its CPU limit (twice this, see the sandbox) bounds what one process can spend.
     */
    static final int WARM_COMPILER_SECONDS = 600;
    /** One grader per assignment, kept warm for every request of this worker. */
    private static final Map<String, Grader> GRADERS = new java.util.HashMap<>();
    private static CompilerJvm compiler;
    private static Path scratch;

    private ChildMain() {
    }

    /**
     * Runs the worker loop; the one argument is {@link #WORKER} (so a process listing names the role). Anything else
     * is a usage error: one grading from the command line is {@link NnlabGrader}'s.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !args[0].equals(WORKER)) {
            System.err.println("ChildMain is the batch's warm worker: run it as ChildMain " + WORKER
                    + " (to grade from the command line, run nnlab-grader grade)");
            System.exit(ExitCode.USAGE.code());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(ChildMain::killChildren, "kill-children"));
        serve();
    }

    /**
     * Grades requests until standard input closes, then halts: the batch closes it when it is done with this worker
     * and the system closes it when the batch dies, and either way nothing of this process may outlive the batch.
     */
    private static void serve() {
        PrintStream replies = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        // The engine's own chatter must never reach the reply channel.
        System.setOut(System.err);
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        requests.add(line);
                    }
                }
            } catch (IOException e) {
                // A broken pipe means the same as end of input: the batch is gone.
            }
            // The batch is gone or done: a grading still running has no one to report to.
            orphaned();
        }, "batch-requests");
        reader.setDaemon(true);
        reader.start();
        CommandLines.chatter(false);
        var json = ResultsDoc.JSON.copy().disable(SerializationFeature.INDENT_OUTPUT);
        try {
            while (true) {
                String line = requests.take();
                JsonNode request = json.readTree(line);
                int exit = gradeLogged(request);
                replies.println(json.writeValueAsString(Map.of("out", request.path("out").asText(), "exit", exit)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Grades one request with its output in the request's log file; returns its {@link ExitCode}'s number. */
    private static int gradeLogged(JsonNode request) throws IOException {
        Path log = Path.of(request.path("log").asText());
        Files.createDirectories(log.toAbsolutePath().getParent());
        PrintStream before = System.err;
        try (OutputStream file = Files.newOutputStream(log);
             PrintStream logged = new PrintStream(file, true, StandardCharsets.UTF_8)) {
            System.setOut(logged);
            System.setErr(logged);
            String id = request.path("assignment").asText();
            Grader grader = GRADERS.computeIfAbsent(id, k -> Grader.find(k).map(a -> new Grader(a, compiler()))
                    .orElse(null));
            if (grader == null) {
                logged.println("unknown assignment '" + id + "'; known: " + String.join(", ", Grader.known()));
                return ExitCode.USAGE.code();
            }
            Path out = Path.of(request.path("out").asText());
            Long seed = request.hasNonNull("seed") ? request.get("seed").asLong() : null;
            ResultsDocument results = grader.grade(Path.of(request.path("submission").asText()),
                    new Grader.Options(seed, false, out, null, null));
            results.write(out);
            logged.print(results.output());
            return ExitCode.of(results).code();
        } finally {
            System.setOut(before);
            System.setErr(before);
        }
    }

    /** The worker's one compiler process, made on first use and replaced by itself after any failure. */
    private static synchronized CompilerJvm compiler() {
        if (compiler == null) {
            try {
                scratch = Files.createTempDirectory("nnlab-worker");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            compiler = new CompilerJvm(Sandbox.detect(), Compilation.Budget.DEFAULT.heapMegabytes(),
                    WARM_COMPILER_SECONDS, scratch);
        }
        return compiler;
    }

    private static void orphaned() {
        killChildren();
        if (scratch != null) {
            FileTrees.deleteQuietly(scratch);
        }
        deleteUnpackedNativeLibraries();
        Runtime.getRuntime().halt(ORPHANED);
    }

    /**
     * Deletes the folders that loaded native libraries were unpacked into under {@code java.io.tmpdir} (Aparapi's
     * {@code AparapiNNN/libaparapi.so}, 2.8 MB): their loader asks for their deletion at exit ({@code deleteOnExit}),
     * which a halt skips, so every worker left one behind. Linux lists a process's mapped files in /proc/self/maps;
     * elsewhere nothing is deleted.
     */
    static void deleteUnpackedNativeLibraries() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(file -> file.startsWith("/") && file.endsWith(".so"))
                    .map(file -> Path.of(file).getParent())
                    .filter(folder -> tmp.equals(folder.getParent()) && folder.getFileName().toString()
                            .startsWith(NATIVE_LIBRARY_FOLDER))
                    .distinct()
                    .forEach(FileTrees::deleteQuietly);
        } catch (IOException | UncheckedIOException e) {
            // No /proc (not Linux) or it vanished: the folder stays, as it did before.
        }
    }

    static void killChildren() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
