package nnlab.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Function;

import nnlab.grader.Assignment;
import nnlab.grader.compile.Compilation;
import nnlab.grader.run.Grader;
import nnlab.grader.sandbox.CompilerJvm;
import nnlab.grader.sandbox.Sandbox;

/**
 * Graders that compile through a compiler process kept warm across submissions, the way a batch worker grades
 * ({@code new Grader(assignment, warmCompiler)}): for suites that grade many submissions and test what a grading
 * scores, not the cold single-submission path (which {@code new Grader(assignment)} keeps). One grader per
 * concurrent grading, so that two gradings in flight never wait for each other's compilation; the compilers end with
 * this JVM (a shutdown hook, and the compile server ends when its input closes). The grader used last is lent first:
 * gradings one after another all get the same, warmest grader, and a second compiler process starts only when two
 * gradings are in flight at once.
 */
public final class WarmGraders {

    /** A compiler's lifetime in processor seconds: a batch worker's ({@code ChildMain.WARM_COMPILER_SECONDS}). */
    private static final int COMPILER_LIFETIME_SECONDS = 600;

    /** Idle graders, the one taken back last at the head. */
    private final BlockingDeque<Grader> idle = new LinkedBlockingDeque<>();

    /** Makes {@code size} graders for {@code assignment}, each with its own compiler process (started on first use). */
    public WarmGraders(Assignment assignment, int size) {
        Path scratch;
        try {
            scratch = Files.createTempDirectory("nnlab-warm-graders");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < size; i++) {
            CompilerJvm compiler = new CompilerJvm(Sandbox.detect(), Compilation.Budget.DEFAULT.heapMegabytes(),
                    COMPILER_LIFETIME_SECONDS, scratch);
            Runtime.getRuntime().addShutdownHook(new Thread(compiler::close, "warm-compiler-close"));
            idle.add(new Grader(assignment, compiler));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> Trees.delete(scratch), "warm-compiler-scratch"));
    }

    /** Runs {@code work} with a grader no other thread is using, waiting for one to be free. */
    public <T> T with(Function<Grader, T> work) {
        Grader grader;
        try {
            grader = idle.takeFirst();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free grader", e);
        }
        try {
            return work.apply(grader);
        } finally {
            idle.addFirst(grader);
        }
    }
}
