package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnlab.grader.Limits;
import nnlab.grader.compile.Compilation;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.report.RunData;
import nnlab.grader.run.Grader;
import nnlab.grader.sandbox.ChildJvm;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.Trees;

/**
 * Hostile submissions against the grader's own limits: compiler bombs, entries intake must not open, floods on the raw
 * output descriptors, control characters in names, and code that spins where every test calls. Each is the correct
 * sample plus the hostile part; each result must be valid, score no more than the honest 20 points of Part 1, keep
 * the points the hostile part does not touch, and say what happened.
 */
@Tag("slow")
class HostileSubmissionLimitsTests {

    /**
     * Tight limits so that the runaway cases stay fast: 2 s per call (the cases that wait pay the wall-clock backstop,
     * {@code ChildJvm.CALL_WALL_FACTOR} times it, once or more; an honest Part 1 call, JVM start included, uses under
     * a second), 128 MB heaps, a 60 s compile budget.
     */
    private static final Limits LIMITS = new Limits(2, 120, 128, 64, 64);
    private static final Compilation.Budget COMPILE = new Compilation.Budget(60, 20, 10, 128);
    private static final Grader.Options OPTIONS = Grader.Options.defaults().withSeed(Grading.SEED).withLimits(LIMITS)
            .withCompileBudget(COMPILE);
    private static final String NNLAB = "src/main/java/nnlab/";
    private static final String PERCEPTRON = NNLAB + "Perceptron.java";
    private static final String SQUARED_ERROR_BODY = "        double d = y - p;\n        return d * d;";
    private static final String CONSTRUCTOR_BODY = "        Objects.requireNonNull(weights, \"weights must not be null\");";
    private static final double PART1 = 20;
    private static final int MAX_TEST_OUTPUT_CHARS = 20_000;
    /** Starts of the submission JVM a spinning class may cost: the first, one per tripping timeout, and slack of one. */
    private static final int MAX_STARTS_WHEN_SPINNING = 5;
    private static final int BOMB_FILES = 25;
    private static final int PROCESS_START_SECONDS = 10;

    private interface Mutation {
        void apply(Path submission) throws IOException;
    }

    @Nested
    class CompilerBombs {

        static Stream<Arguments> bombs() {
            return Stream.of(
                    Arguments.of("try/finally nested 18 deep (exponential code generation)", extra("Bomb.java",
                            "package nnlab; class Bomb { int x; void m() { " + tryFinally(18) + " } }")),
                    Arguments.of("a constant-folding String bomb", extra("Bomb.java", "package nnlab; class Bomb {\n"
                            + stringBomb(34) + "}\n")),
                    Arguments.of("20,000 nested parentheses", extra("Bomb.java", "package nnlab; class Bomb { int x = "
                            + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "; }\n")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("bombs")
        void anExtraFileThatBringsJavacDownIsLeftOutAndTheCorrectCodeKeepsItsPoints(String name, Mutation bomb,
                                                                                    @TempDir Path tmp) throws IOException {
            ResultsDocument results = grade(bomb, tmp);
            assertEquals(PART1, results.score(), 1e-9, results::output);
            // javac may give up on its own ("code too large") or be stopped; either way the file is named and left out.
            assertTrue(results.output().contains("Left out nnlab/Bomb.java"), results::output);
            RunData.Compilation compilation = results.extraData().compilation();
            assertTrue(compilation.compiled());
            assertEquals(List.of("nnlab/Bomb.java"), compilation.dropped());
            assertCompiledWithinTheBudget(results);
        }

        /** The attack: 25 extra files, each a try/finally bomb, cost one budget, not 25 rounds. */
        @Test
        void twentyFiveBombsCostOneBudgetAndTheCorrectCodeKeepsItsPoints(@TempDir Path tmp) throws IOException {
            ResultsDocument results = grade(s -> {
                for (int i = 0; i < BOMB_FILES; i++) {
                    Files.writeString(s.resolve(NNLAB + "Bomb" + i + ".java"), "package nnlab; class Bomb" + i
                            + " { int x; void m() { " + tryFinally(18) + " } }");
                }
            }, tmp);
            assertEquals(PART1, results.score(), 1e-9, results::output);
            RunData.Compilation compilation = results.extraData().compilation();
            assertEquals(BOMB_FILES, compilation.dropped().size(), results::output);
            assertCompiledWithinTheBudget(results);
        }

        /** The budget, the starter's own pass and a few seconds to start the compiler process. */
        private static void assertCompiledWithinTheBudget(ResultsDocument results) {
            long compileMillis = results.extraData().timingsMs().get("compile");
            long bound = TimeUnit.SECONDS.toMillis(COMPILE.totalSeconds() + COMPILE.passSeconds() + PROCESS_START_SECONDS);
            assertTrue(compileMillis <= bound, () -> "compilation took " + compileMillis + " ms");
        }

        @Test
        void aBombInAGradedFileFallsBackToTheStarterAndSaysWhy(@TempDir Path tmp) throws IOException {
            ResultsDocument results = grade(replace("    public static double squaredError", "    static final int DEEP = "
                    + "(".repeat(20_000) + "1" + ")".repeat(20_000) + ";\n\n    public static double squaredError"), tmp);
            assertEquals(0, results.score(), 1e-9, results::output);
            assertTrue(results.output().contains("ompilation of nnlab/Perceptron.java crashed the compiler with a"
                    + " StackOverflowError"), results::output);
            assertTrue(results.output().contains("the starter's version was used instead"), results::output);
        }

        private static String tryFinally(int depth) {
            String body = "x++;";
            for (int i = 0; i < depth; i++) {
                body = "try { x++; } finally { " + body + " }";
            }
            return body;
        }

        private static String stringBomb(int levels) {
            StringBuilder sb = new StringBuilder("static final String S0 = \"abcdefghij\";\n");
            for (int i = 1; i <= levels; i++) {
                sb.append("static final String S").append(i).append(" = S").append(i - 1).append(" + S").append(i - 1)
                        .append(";\n");
            }
            return sb.toString();
        }
    }

    @Nested
    class EntriesIntakeMustNotOpen {

        static Stream<Arguments> entries() {
            return Stream.of(
                    Arguments.of("a symbolic link loop", (Mutation) s -> {
                        Files.createSymbolicLink(s.resolve(NNLAB + "LoopA.java"), Path.of("LoopB.java"));
                        Files.createSymbolicLink(s.resolve(NNLAB + "LoopB.java"), Path.of("LoopA.java"));
                    }, "LoopA.java"),
                    Arguments.of("a dangling symbolic link", (Mutation) s ->
                            Files.createSymbolicLink(s.resolve(NNLAB + "Gone.java"), Path.of("nowhere/Gone.java")), "Gone.java"),
                    Arguments.of("a symbolic link to a folder", (Mutation) s ->
                            Files.createSymbolicLink(s.resolve(NNLAB + "Folder.java"), Path.of("/etc")), "Folder.java"),
                    Arguments.of("a link to a graded file inside the submission", (Mutation) s ->
                            Files.createSymbolicLink(s.resolve(NNLAB + "Copy.java"), Path.of("Perceptron.java")), "Copy.java"),
                    Arguments.of("a FIFO named like a source", (Mutation) s -> mkfifo(s.resolve(NNLAB + "Pipe.java")),
                            "Pipe.java"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("entries")
        void isSkippedWithANoteAndTheRestIsGraded(String name, Mutation entry, String file, @TempDir Path tmp)
                throws IOException {
            ResultsDocument results = grade(entry, tmp);
            assertEquals(PART1, results.score(), 1e-9, results::output);
            assertTrue(results.output().contains("skipped src/main/java/nnlab/" + file), results::output);
        }

        static Stream<Arguments> zipLinks() {
            return Stream.of(Arguments.of("to a file outside", "../../../../../etc/passwd"),
                    Arguments.of("to a graded file inside", "Perceptron.java"));
        }

        @ParameterizedTest(name = "a zip entry that is a symbolic link {0}")
        @MethodSource("zipLinks")
        void zipEntriesMarkedAsLinksAreSkippedWithANote(String name, String target, @TempDir Path tmp) throws IOException {
            Path zip = tmp.resolve("submission.zip");
            String link = NNLAB + "Linked.java";
            try (Stream<Path> files = Files.walk(Grading.CORRECT);
                 ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new ZipEntry(Grading.CORRECT.relativize(f).toString()));
                    out.write(Files.readAllBytes(f));
                }
                out.putNextEntry(new ZipEntry(link));
                out.write(target.getBytes(StandardCharsets.UTF_8));
            }
            markAsSymbolicLink(zip, link);
            ResultsDocument results = Grading.grade(zip, OPTIONS.onlyTests("1."), Files.createDirectory(tmp.resolve("out")));
            assertSane(results);
            assertEquals(PART1, results.score(), 1e-9, results::output);
            assertTrue(results.output().contains("skipped " + link + ": a symbolic link"), results::output);
        }

        private static void mkfifo(Path path) throws IOException {
            try {
                Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
                assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0, "mkfifo failed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        /** Sets the central directory's "made by" host to Unix and the entry's mode to a symbolic link (0120777). */
        private static void markAsSymbolicLink(Path zip, String name) throws IOException {
            byte[] bytes = Files.readAllBytes(zip);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
            for (int p = 0; p + 46 < bytes.length; p++) {
                if (b.getInt(p) == 0x02014b50 && (b.getShort(p + 28) & 0xFFFF) == wanted.length
                        && new String(bytes, p + 46, wanted.length, StandardCharsets.UTF_8).equals(name)) {
                    bytes[p + 5] = 3;
                    b.putInt(p + 38, 0120777 << 16);
                    Files.write(zip, bytes);
                    return;
                }
            }
            throw new AssertionError("no central directory entry for " + name);
        }
    }

    @Nested
    class FloodsOnTheRawDescriptors {

        static Stream<Arguments> floods() {
            return Stream.of(
                    Arguments.of("stdout, 256 MB without a newline", "java.io.FileDescriptor.out", false),
                    Arguments.of("stderr, 256 MB without a newline", "java.io.FileDescriptor.err", false),
                    Arguments.of("stdout, 256 MB of lines", "java.io.FileDescriptor.out", true),
                    Arguments.of("stderr, 256 MB of lines", "java.io.FileDescriptor.err", true));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("floods")
        void costsOnlyTheCallThatFloodedAndIsReportedAsAFlood(String name, String descriptor, boolean newlines,
                                                              @TempDir Path tmp) throws IOException {
            ResultsDocument results = grade(flood(descriptor, newlines, 256), tmp);
            TestResult broken = GradedResults.test(results, "1.3.1");
            assertTrue(broken.score() < broken.maxScore(), results::summary);
            assertTrue(broken.score() > 0, broken::details);
            assertTrue(broken.details().contains("printed more than 16 MB straight to the"), broken::details);
            assertFalse(broken.details().contains("exit status"), broken::details);
            for (String other : List.of("1.1.1", "1.1.2", "1.2.1", "1.4.1", "1.5.1")) {
                GradedResults.assertFull(results, other);
            }
        }

        /**
         * A grader with a 1 GB heap (a small Gradescope box) grading a 3 GB newline-less flood on each raw descriptor:
         * before the readers were bounded it died of OutOfMemoryError; now it finishes with the flood charged to
         * the one case.
         */
        @Test
        void aGraderWithAOneGigabyteHeapSurvivesGigabytesOfFlood(@TempDir Path tmp) throws Exception {
            Path submission = Trees.copy(Grading.CORRECT, tmp.resolve("submission"));
            flood("java.io.FileDescriptor.out", false, 3072).apply(submission);
            Path out = tmp.resolve("results.json");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-Dnnlab.repository=" + Grading.REPOSITORY, "-cp", System.getProperty("java.class.path"),
                    GradeWithOneGigabyte.class.getName(), submission.toString(), out.toString())
                    .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the grader did not finish");
            String log = Files.readString(tmp.resolve("log.txt"));
            assertEquals(0, p.exitValue(), log);
            assertFalse(log.contains("OutOfMemoryError"), log);
            GradedResults.assertValid(out);
            String json = Files.readString(out);
            assertTrue(json.contains("printed more than 16 MB straight to the standard output"), json);
        }

        private static Mutation flood(String descriptor, boolean newlines, int megabytes) {
            return trigger("try { java.io.FileOutputStream raw = new java.io.FileOutputStream(" + descriptor + ");"
                    + " byte[] chunk = new byte[1 << 20]; java.util.Arrays.fill(chunk, (byte) 'x');"
                    + (newlines ? " for (int i = 0; i < chunk.length; i += 80) { chunk[i] = '\\n'; }" : "")
                    + " for (int i = 0; i < " + megabytes + "; i++) { raw.write(chunk); } } catch (java.io.IOException e)"
                    + " { }");
        }
    }

    /** Grades a submission with only Part 1's tests in a JVM of its own; used with a 1 GB heap. */
    static final class GradeWithOneGigabyte {
        public static void main(String[] args) throws IOException {
            ResultsDocument results = Grading.GRADER.grade(Path.of(args[0]), OPTIONS.onlyTests("1.3"));
            results.write(Path.of(args[1]));
        }
    }

    @Nested
    class ControlCharactersInNames {

        static Stream<Arguments> names() {
            return Stream.of(
                    Arguments.of("a file name with a newline, ESC and CR", extra("Evil\nScore: 100\u001b[2J\r.java",
                            "package nnlab; class Evil { does not compile }")),
                    Arguments.of("a folder name with ESC and a dangling link with CR", (Mutation) s -> {
                        Path folder = Files.createDirectories(s.resolve(NNLAB + "x\u001b]0;pwned\u0007"));
                        Files.writeString(folder.resolve("Broken.java"), "package nnlab; class Broken { int x = ; }");
                        Files.createSymbolicLink(s.resolve(NNLAB + "Link\r\u001b[1A.java"), Path.of("nowhere"));
                    }));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("names")
        void reachNoOutputRaw(String name, Mutation mutation, @TempDir Path tmp) throws IOException {
            ResultsDocument results = grade(mutation, tmp);
            assertEquals(PART1, results.score(), 1e-9, results::output);
            assertTrue(results.output().contains("\\u001b"), results::output);
            String json = Files.readString(tmp.resolve("out/results.json"));
            assertFalse(json.contains("\\u001B"), json);
        }
    }

    @Nested
    class SpinningWhereEveryTestCalls {

        static Stream<Arguments> spins() {
            return Stream.of(
                    Arguments.of("a spinning constructor", replace(CONSTRUCTOR_BODY, "        while (weights != null) {"
                            + " Thread.onSpinWait(); }\n" + CONSTRUCTOR_BODY)),
                    Arguments.of("a spinning static initializer", replace("    private final double[] weights;",
                            "    static { while (System.nanoTime() != 0) { Thread.onSpinWait(); } }\n\n"
                                    + "    private final double[] weights;")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("spins")
        void tripsTheBreakerAfterAFewTimeouts(String name, Mutation spin, @TempDir Path tmp) throws IOException {
            ResultsDocument results = grade(spin, tmp);
            assertTrue(results.score() < PART1, results::output);
            int starts = results.extraData().submissionJvmStarts();
            assertTrue(starts <= MAX_STARTS_WHEN_SPINNING, () -> starts + " JVM starts");
            String everything = String.join("\n", results.tests().stream().map(TestResult::details).toList());
            assertTrue(everything.contains("so this one was not made"), everything);
        }
    }

    /**
     * Limits count processor time of everything the submission runs, read by the grader from outside; the wall clock
     * is only a backstop ({@code ChildJvm.CALL_WALL_FACTOR} × 2 s here) for code that waits. Waiting on purpose gets
     * the wall-clock message, never an "overloaded machine" retry; busy threads or processes cannot hide their time.
     */
    @Nested
    class TimeLimits {

        static Stream<Arguments> waits() {
            return Stream.of(
                    Arguments.of("a constructor that sleeps", replace(CONSTRUCTOR_BODY,
                            "        try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }\n"
                                    + CONSTRUCTOR_BODY)),
                    Arguments.of("a constructor that waits for a latch nobody counts down", replace(CONSTRUCTOR_BODY,
                            "        try { new java.util.concurrent.CountDownLatch(1).await(); }"
                                    + " catch (InterruptedException e) { }\n" + CONSTRUCTOR_BODY)));
        }

        static Stream<Arguments> hiddenWork() {
            return Stream.of(
                    Arguments.of("four busy threads while the caller sleeps", replace(CONSTRUCTOR_BODY,
                            "        for (int i = 0; i < 4; i++) { Thread t = new Thread(() -> { while (true) {"
                                    + " Thread.onSpinWait(); } }); t.setDaemon(true); t.start(); }\n"
                                    + "        try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { }\n"
                                    + CONSTRUCTOR_BODY)),
                    Arguments.of("a busy child JVM the caller waits for", replace(CONSTRUCTOR_BODY,
                            "        try { java.nio.file.Path src = java.nio.file.Files.writeString(java.nio.file.Path.of("
                                    + "System.getProperty(\"java.io.tmpdir\"), \"Spin.java\"), \"class Spin { public static"
                                    + " void main(String[] a) { while (true) { } } }\");"
                                    + " new ProcessBuilder(System.getProperty(\"java.home\") + \"/bin/java\", \"-Xmx64m\","
                                    + " \"-XX:+UseSerialGC\", \"-XX:CompressedClassSpaceSize=64m\","
                                    + " \"-XX:ReservedCodeCacheSize=32m\", src.toString())"
                                    + ".redirectOutput(ProcessBuilder.Redirect.DISCARD)"
                                    + ".redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor(); }"
                                    + " catch (Exception e) { throw new IllegalStateException(e); }\n"
                                    + CONSTRUCTOR_BODY)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("waits")
        void waitingCodeGetsTheWallClockMessageNotARetry(String name, Mutation wait, @TempDir Path tmp)
                throws IOException {
            ResultsDocument results = grade(wait, tmp);
            assertTrue(results.score() < PART1, results::output);
            String everything = everything(results);
            assertTrue(everything.contains("waited") && everything.contains("limit for waiting is "
                    + ChildJvm.callWallSeconds(LIMITS) + " s"), everything);
            assertNotRetried(results, everything);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("hiddenWork")
        void workInOtherThreadsOrProcessesCountsAsTheCallsProcessorTime(String name, Mutation work,
                                                                        @TempDir Path tmp) throws IOException {
            ResultsDocument results = grade(work, tmp);
            assertTrue(results.score() < PART1, results::output);
            String everything = everything(results);
            assertTrue(everything.contains("more than " + LIMITS.perCallSeconds() + " s of processor time (all its"
                    + " threads together) in one call"), everything);
            assertFalse(everything.contains("limit for waiting"), everything);
            assertNotRetried(results, everything);
        }

        private static String everything(ResultsDocument results) {
            return String.join("\n", results.tests().stream().map(TestResult::details).toList());
        }

        private static void assertNotRetried(ResultsDocument results, String everything) {
            RunData extra = results.extraData();
            assertTrue(extra.load().retries().isEmpty(), extra.load()::toString);
            assertEquals(null, extra.graderError(), everything);
            assertFalse(everything.contains("too busy"), everything);
        }
    }

    /**
     * A machine overloaded for real, made on purpose: once the submission JVM's call names its thread, that JVM is
     * pinned to processor 0 at the idle scheduling class ({@code chrt -i}) beside a busy loop pinned there too, so its
     * threads stay runnable and get almost no processor. Its test is graded again in a fresh JVM and keeps its points.
     * (Starved twice, the test is marked not graded and the run records a grader error: {@code Grader.retryOverloaded};
     * a harness that reliably starves the retry's JVM too is not written yet.)
     */
    @Nested
    @Tag("machine-load")
    class AnOverloadedMachine {
        /** The name the call gives its thread, for the harness to find it in /proc (at most 15 characters). */
        private static final String MARK = "starve-me";
        private static final long HARNESS_POLL_MILLIS = 20;
        /** Busy loops on processor 0, each in its own session. */
        private static final int SPINNERS = 3;
        /** The starved JVM's autogroup nice: weight 15 against 1024 for each busy loop, about half a percent. */
        private static final int AUTOGROUP_NICE = 19;
        /** Processor time the marked call works for, long enough for the harness to find and starve its thread. */
        private static final long MARKED_WORK_NANOS = 500_000_000L;

        /**
         * The correct sample whose first constructor call in each JVM works under the mark until its thread has used
         * {@link #MARKED_WORK_NANOS} of processor time (by its own clock: starved, it never gets there; fed, it stays
         * inside the 2 s per call, JVM start included).
         */
        private final Mutation marked = replace(CONSTRUCTOR_BODY, "        if (!warmed) { warmed = true;"
                + " Thread.currentThread().setName(\"" + MARK + "\"); java.lang.management.ThreadMXBean clock ="
                + " java.lang.management.ManagementFactory.getThreadMXBean(); long x = 0;"
                + " while (clock.getCurrentThreadCpuTime() < " + MARKED_WORK_NANOS + "L) { x += x ^ (x >>> 3) + 1; }"
                + " Thread.currentThread().setName(\"done\"); if (x == 42) { System.out.print(\"\"); } }\n"
                + CONSTRUCTOR_BODY);
        private final Mutation withFlag = s -> {
            marked.apply(s);
            Path file = s.resolve(PERCEPTRON);
            Files.writeString(file, Files.readString(file).replace("    private final double[] weights;",
                    "    private static boolean warmed;\n\n    private final double[] weights;"));
        };

        private ResultsDocument gradeStarving(int jvms, Path tmp) throws Exception {
            org.junit.jupiter.api.Assumptions.assumeTrue(onPath("chrt") && onPath("taskset") && onPath("setsid")
                    && Files.isWritable(Path.of("/proc/self/autogroup")), "needs chrt, taskset, setsid and autogroups");
            List<Process> spinners = new java.util.ArrayList<>();
            for (int i = 0; i < SPINNERS; i++) {
                spinners.add(new ProcessBuilder("setsid", "taskset", "-c", "0", "bash", "-c", "while :; do :; done")
                        .start());
            }
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.Set<Long> starved = java.util.concurrent.ConcurrentHashMap.newKeySet();
            Thread harness = new Thread(() -> {
                while (!done.get() && starved.size() < jvms) {
                    ProcessHandle.current().descendants().filter(p -> !starved.contains(p.pid()) && marked(p.pid()))
                            .findFirst().ifPresent(p -> {
                                starved.add(p.pid());
                                run("taskset", "-a", "-p", "-c", "0", Long.toString(p.pid()));
                                run("chrt", "-a", "-i", "-p", "0", Long.toString(p.pid()));
                                // The JVM runs in a session (an autogroup) of its own, whose weight is what counts
                                // against the busy loops' sessions: the idle class alone would not starve it.
                                try {
                                    Files.writeString(Path.of("/proc", Long.toString(p.pid()), "autogroup"),
                                            Integer.toString(AUTOGROUP_NICE));
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
                    try {
                        Thread.sleep(HARNESS_POLL_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "starving-harness");
            harness.start();
            try {
                // Not grade(): a run with a grader error has one entry more than the suite's usual seven.
                Path submission = Trees.copy(Grading.CORRECT, tmp.resolve("submission"));
                withFlag.apply(submission);
                return Grading.grade(submission, OPTIONS.onlyTests("1."), Files.createDirectory(tmp.resolve("out")));
            } finally {
                done.set(true);
                harness.join();
                for (Process spinner : spinners) {
                    spinner.destroyForcibly().waitFor();
                }
                assertEquals(jvms, starved.size(), "the harness starved " + starved.size() + " JVMs");
            }
        }

        @Test
        void aTestStarvedOnceIsGradedAgainInAFreshJvmAndKeepsItsPoints(@TempDir Path tmp) throws Exception {
            ResultsDocument results = gradeStarving(1, tmp);
            RunData extra = results.extraData();
            assertEquals(PART1, results.score(), 1e-9, results::output);
            assertEquals(1, extra.load().retries().size(), extra.load()::toString);
            assertTrue(extra.load().retries().get(0).recovered(), extra.load()::toString);
            assertEquals(null, extra.graderError(), results::output);
        }

        /** Returns whether a thread of process {@code pid} bears the mark. */
        private static boolean marked(long pid) {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                return tasks.anyMatch(t -> {
                    try {
                        return Files.readString(t.resolve("comm")).strip().equals(MARK);
                    } catch (IOException e) {
                        return false;
                    }
                });
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        private static void run(String... command) {
            try {
                assertEquals(0, new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(), String.join(" ", command));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }

        private static boolean onPath(String program) {
            return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
        }
    }

    private static ResultsDocument grade(Mutation mutation, Path tmp) throws IOException {
        Path submission = Trees.copy(Grading.CORRECT, tmp.resolve("submission"));
        mutation.apply(submission);
        ResultsDocument results = Grading.grade(submission, OPTIONS.onlyTests("1."), Files.createDirectory(tmp.resolve("out")));
        assertSane(results);
        return results;
    }

    /** The suite's expectations of every result: bounded score, every test reported, no raw control characters. */
    private static void assertSane(ResultsDocument results) {
        assertTrue(results.score() <= PART1, results::summary);
        assertEquals(7, results.tests().size());
        assertFalse(hasControlCharacters(results.output()), results::output);
        for (TestResult t : results.tests()) {
            assertTrue(t.details().length() < MAX_TEST_OUTPUT_CHARS, () -> t.number() + " output is " + t.details().length());
            assertFalse(hasControlCharacters(t.details()), t::details);
        }
    }

    private static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(c -> (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f));
    }

    private static Mutation extra(String file, String text) {
        return s -> Files.writeString(s.resolve(NNLAB + file), text);
    }

    private static Mutation trigger(String code) {
        return replace(SQUARED_ERROR_BODY, "        if (y == 0 && p == 1) { " + code + " }\n" + SQUARED_ERROR_BODY);
    }

    private static Mutation replace(String target, String replacement) {
        return s -> {
            Path file = s.resolve(PERCEPTRON);
            String text = Files.readString(file);
            assertTrue(text.contains(target), () -> "the correct sample no longer contains " + target);
            Files.writeString(file, text.replace(target, replacement));
        };
    }
}
