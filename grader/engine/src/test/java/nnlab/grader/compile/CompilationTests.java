package nnlab.grader.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.sandbox.CompilerJvm;
import nnlab.grader.sandbox.Sandbox;

/** Compiling a submission over the starter with a real compiler process behind this host's sandbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompilationTests {

    private static final Compilation.Budget BUDGET = Compilation.Budget.DEFAULT;
    private static final Map<String, String> STARTER = Map.of(
            "p/Model.java", "package p; public class Model { public int size() { throw new IllegalStateException(); } }",
            "p/Util.java", "package p; public class Util { public static int two() { return 2; } }");

    @TempDir
    Path tmp;

    private CompilerJvm javac;

    @BeforeAll
    void start(@TempDir Path scratch) {
        javac = new CompilerJvm(Sandbox.detect(), BUDGET.heapMegabytes(), BUDGET.totalSeconds() + BUDGET.passSeconds(),
                scratch);
    }

    @AfterAll
    void stop() {
        javac.close();
    }

    private Compilation.Result compile(Map<String, String> submitted, String name) throws IOException {
        return Compilation.compile(submitted, STARTER, Files.createDirectories(tmp.resolve(name)), BUDGET, javac);
    }

    @Test
    void aSubmissionThatCompilesWritesEveryClass() throws IOException {
        Compilation.Result r = compile(Map.of("p/Model.java",
                "package p; public class Model { public int size() { return Util.two(); } }"), "good");
        assertTrue(r.compiled(), r::toString);
        assertEquals(List.of(), r.errors());
        assertTrue(Files.isRegularFile(r.classes().resolve("p/Model.class")));
        assertTrue(Files.isRegularFile(r.classes().resolve("p/Util.class")), "the starter fills in what is missing");
    }

    @Test
    void aBrokenFileIsReplacedByTheStartersAndItsErrorsReported() throws IOException {
        Compilation.Result r = compile(Map.of("p/Model.java", "package p;\npublic class Model {\n  int size() { return }\n}"),
                "broken");
        assertTrue(r.compiled(), r::toString);
        assertEquals(List.of("p/Model.java"), r.replaced());
        assertEquals("p/Model.java", r.errors().get(0).file());
        assertEquals(3, r.errors().get(0).line());
    }

    @Test
    void aBrokenExtraFileIsLeftOut() throws IOException {
        Compilation.Result r = compile(Map.of("p/Extra.java", "package p; class Extra { void m() { nope(); } }"), "extra");
        assertTrue(r.compiled(), r::toString);
        assertEquals(List.of("p/Extra.java"), r.dropped());
        assertTrue(Files.notExists(r.classes().resolve("p/Extra.class")));
    }
}
