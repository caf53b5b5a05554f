package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compiler kept warm across submissions, as a batch worker keeps it: one real sandboxed compiler process serves
 * compilation after compilation, is replaced after a compilation it did not finish, and is renewed before a
 * submission whose budget it would not outlive.
 */
class WarmCompilerTests {

    private static final int HEAP_MEGABYTES = 256;
    private static final int LIFETIME_SECONDS = 300;
    /** Far longer than compiling one small class takes, even on a loaded machine. */
    private static final long PASS_MILLIS = 60_000;
    /** Far shorter than starting a compiler process takes: the compilation cannot finish in it. */
    private static final long HOPELESS_MILLIS = 1;
    private static final Map<String, String> GOOD = Map.of("p/A.java", "package p; public class A { int x = 1; }");
    private static final Map<String, String> BROKEN = Map.of("p/B.java", "package p; public class B { int x = ; }");

    @TempDir
    Path scratch;
    private CompilerJvm javac;

    @BeforeEach
    void prepare() {
        javac = new CompilerJvm(Sandbox.detect(), HEAP_MEGABYTES, LIFETIME_SECONDS, scratch);
    }

    @AfterEach
    void end() {
        javac.close();
    }

    private CompilerJvm.Done compiled(Map<String, String> units) {
        return assertInstanceOf(CompilerJvm.Done.class, javac.compile(units, PASS_MILLIS));
    }

    @Nested
    class OneProcess {
        @Test
        void servesCompilationAfterCompilationWithErrorsOrNot() {
            assertTrue(compiled(GOOD).success());
            CompilerJvm.Done broken = compiled(BROKEN);
            assertTrue(!broken.success() && broken.diagnostics().get(0).file().equals("p/B.java"), broken.toString());
            assertTrue(compiled(GOOD).classes().containsKey("p/A.class"));
            assertEquals(1, javac.starts());
        }
    }

    @Nested
    class AFreshProcess {
        @Test
        void afterACompilationItDidNotFinish() {
            assertTrue(compiled(GOOD).success());
            CompilerJvm.Outcome cut = javac.compile(GOOD, HOPELESS_MILLIS);
            assertEquals("exceeded the time limit", assertInstanceOf(CompilerJvm.Failed.class, cut).reason());
            assertTrue(compiled(GOOD).success());
            assertEquals(2, javac.starts(), "the process that timed out is never asked again");
        }

        @Test
        void beforeASubmissionWhoseBudgetItWouldNotOutlive() {
            assertTrue(compiled(GOOD).success());
            javac.renewUnlessItLives(LIFETIME_SECONDS / 2);
            assertTrue(compiled(GOOD).success());
            assertEquals(1, javac.starts(), "a process with time to spare is kept");
            javac.renewUnlessItLives(LIFETIME_SECONDS + 1);
            assertTrue(compiled(GOOD).success());
            assertEquals(2, javac.starts());
        }
    }
}
