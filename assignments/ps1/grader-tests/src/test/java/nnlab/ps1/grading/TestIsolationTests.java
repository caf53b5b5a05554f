package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.Visibility;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.run.Grader;
import nnlab.testsupport.Trees;

/**
 * A recording submission cannot carry one test's inputs into another test's output (issue 11, item 3). The correct
 * sample plus a recorder: every {@code Loss.gradient} call prints a tag of its inputs ({@code IN#…}) and records it
 * through five channels at once (a static field, a background thread that ignores interrupts, files in the working
 * and temporary folders, files named like the JVM's performance files — {@code hsperfdata_x} and one inside
 * {@code hsperfdata_<user>/} — and a System property) and prints what each channel holds ({@code OLD-channel#…});
 * {@code Loss.value} and {@code Activation.forward} print it too, and throw what the static field holds. Hidden
 * test 2.5.1 is the one that calls {@code Loss.gradient}; no tag printed there may appear in the output of any test
 * the student sees (visible, or after the due date).
 */
@Tag("slow")
class TestIsolationTests {

    private static final String LOSS = "src/main/java/nnlab/Loss.java";
    private static final String ACTIVATION = "src/main/java/nnlab/Activation.java";
    private static final String GRADIENT_BODY = "    public Matrix gradient(Matrix yTrue, Matrix yPred) {\n";
    private static final String VALUE_BODY = "    public double value(Matrix yTrue, Matrix yPred) {\n";
    private static final String FORWARD_BODY = "    public Matrix forward(Matrix z) {\n";
    private static final Pattern TAG = Pattern.compile("IN#([0-9a-f]+)");
    private static final Pattern REPLAYED = Pattern.compile("OLD-([a-z]+)#([0-9a-f]+)");
    private static final Set<String> CHANNELS = Set.of("static", "thread", "file", "perf", "property");

    private static final String RECORDER = """
            package nnlab;

            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.nio.file.StandardOpenOption;
            import java.util.ArrayList;
            import java.util.Arrays;
            import java.util.List;

            /** Records the inputs of Loss.gradient and shows them later, through every channel it can find. */
            final class Recorder {
                private static final boolean SANDBOXED = %s;
                private static final boolean THROW = %s;
                private static final List<String> SEEN = new ArrayList<>();
                private static volatile String last = "";
                private static boolean threadStarted;
                // Names of the JVM's performance files: a boundary that spared them by name would carry these.
                private static final Path PERF_FILE = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_x");
                private static final Path PERF_FOLDER_FILE = Path.of(System.getProperty("java.io.tmpdir"),
                        "hsperfdata_" + System.getProperty("user.name"), "recorder");

                static void record(Matrix yTrue, Matrix yPred) {
                    String tag = Integer.toHexString(Arrays.deepHashCode(yTrue.toArray()) * 31
                            + Arrays.deepHashCode(yPred.toArray()));
                    System.out.println("IN#" + tag);
                    if (SEEN.size() < 3) {
                        SEEN.add(tag);
                    }
                    last = tag;
                    System.setProperty("recorder.seen", (System.getProperty("recorder.seen", "") + " " + tag).trim());
                    for (Path file : SANDBOXED ? List.of(Path.of("recorder.txt"), Path.of(System.getProperty(
                            "java.io.tmpdir"), "recorder.txt"), PERF_FILE, PERF_FOLDER_FILE) : List.<Path>of()) {
                        try {
                            Files.createDirectories(file.toAbsolutePath().getParent());
                            Files.writeString(file, tag + "\\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        } catch (Exception e) {
                            // a folder that cannot be written is a closed channel
                        }
                    }
                    if (SANDBOXED && !threadStarted) {
                        threadStarted = true;
                        Thread t = new Thread(() -> {
                            String mine = last;
                            while (true) {
                                System.out.println("OLD-thread#" + mine);
                                try {
                                    Thread.sleep(20);
                                } catch (InterruptedException e) {
                                    // keeps going: a thread that ignores the boundary
                                }
                            }
                        });
                        t.setDaemon(true);
                        t.start();
                    }
                    show();
                    if (THROW) {
                        throw new IllegalStateException("IN#" + tag);
                    }
                }

                static void replay() {
                    show();
                    if (!SEEN.isEmpty()) {
                        throw new IllegalStateException("OLD-static#" + String.join(" OLD-static#", SEEN));
                    }
                }

                private static void show() {
                    for (String tag : SEEN) {
                        System.out.println("OLD-static#" + tag);
                    }
                    for (String tag : System.getProperty("recorder.seen", "").split(" ")) {
                        if (!tag.isEmpty()) {
                            System.out.println("OLD-property#" + tag);
                        }
                    }
                    for (Path file : List.of(Path.of("recorder.txt"), Path.of(System.getProperty("java.io.tmpdir"),
                            "recorder.txt"))) {
                        try {
                            for (String tag : Files.readAllLines(file)) {
                                System.out.println("OLD-file#" + tag);
                            }
                        } catch (Exception e) {
                            // nothing recorded there
                        }
                    }
                    for (Path file : List.of(PERF_FILE, PERF_FOLDER_FILE)) {
                        try {
                            for (String tag : Files.readAllLines(file)) {
                                System.out.println("OLD-perf#" + tag);
                            }
                        } catch (Exception e) {
                            // nothing recorded there
                        }
                    }
                }
            }
            """;

    /**
     * Counts, in a file, the tests that ran {@code Activation.forward} in this JVM: once per test (its statics are
     * fresh in each), it reads the count, writes one more and prints it. Reset between tests means every test reads 1.
     */
    private static final String COUNTER = """
            package nnlab;

            import java.nio.file.Files;
            import java.nio.file.Path;

            /** A count of tests kept in a file, the way a student would carry state across tests. */
            final class TestCounter {
                private static boolean counted;

                static void count() {
                    if (counted) {
                        return;
                    }
                    counted = true;
                    Path file = %s;
                    try {
                        Files.createDirectories(file.toAbsolutePath().getParent());
                        int seen = Files.exists(file) ? Integer.parseInt(Files.readString(file).strip()) : 0;
                        Files.writeString(file, String.valueOf(seen + 1));
                        System.out.println("COUNT#" + (seen + 1));
                    } catch (Exception e) {
                        System.out.println("COUNT-FAILED#" + e);
                    }
                }
            }
            """;
    private static final Pattern COUNT = Pattern.compile("COUNT#([0-9]+)");

    @Test
    void aFileNamedLikeTheJvmsPerformanceFileIsGoneBetweenTests(@TempDir Path tmp) throws IOException {
        assertEveryTestCountsOne(tmp, "Path.of(System.getProperty(\"java.io.tmpdir\"), \"hsperfdata_x\")");
    }

    @Test
    void aFileInsideTheJvmsPerformanceFolderIsGoneBetweenTests(@TempDir Path tmp) throws IOException {
        assertEveryTestCountsOne(tmp, "Path.of(System.getProperty(\"java.io.tmpdir\"), \"hsperfdata_\""
                + " + System.getProperty(\"user.name\"), \"counter\")");
    }

    private static void assertEveryTestCountsOne(Path tmp, String file) throws IOException {
        Path submission = Trees.copy(Grading.CORRECT, tmp.resolve("submission"));
        Files.writeString(submission.resolve("src/main/java/nnlab/TestCounter.java"), COUNTER.formatted(file));
        insertAfter(submission.resolve(ACTIVATION), FORWARD_BODY, "        TestCounter.count();\n");
        // 2.1.1 and 2.3.1 run Activation.forward in one JVM (both after the due date), so a surviving file counts 2.
        ResultsDocument results = Grading.grade(submission, Grader.Options.defaults().withSeed(Grading.SEED).onlyTests("2."),
                Files.createDirectory(tmp.resolve("out")));
        Map<String, List<String>> counts = results.tests().stream().filter(t -> COUNT.matcher(t.details()).find())
                .collect(Collectors.toMap(TestResult::number, t -> COUNT.matcher(t.details()).results()
                        .map(m -> m.group(1)).toList()));
        assertTrue(counts.keySet().containsAll(Set.of("2.1.1", "2.3.1")), () -> "the counter ran in: " + counts);
        counts.forEach((test, seen) -> assertEquals(List.of("1"), seen, () -> test + " found the file an earlier"
                + " test wrote: " + counts));
    }

    @Test
    void noHiddenInputReachesATestTheStudentSeesInTheSandbox(@TempDir Path tmp) throws IOException {
        ResultsDocument results = Grading.grade(recorder(tmp, true), Grader.Options.defaults().withSeed(Grading.SEED)
                .onlyTests("2."), Files.createDirectory(tmp.resolve("out")));
        assertNoLeak(results, true);
    }

    @Test
    void noHiddenInputReachesATestTheStudentSeesInProcess(@TempDir Path tmp) throws IOException {
        // In process nothing printed is captured: exception messages carry the tags instead. No thread and no files:
        // in this JVM they would outlive the test.
        ResultsDocument results = Grading.grade(recorder(tmp, false), Grader.Options.defaults().withSeed(Grading.SEED).onlyTests("2.")
                .unsandboxed(), Files.createDirectory(tmp.resolve("out")));
        assertNoLeak(results, false);
    }

    private static void assertNoLeak(ResultsDocument results, boolean printsCaptured) {
        Set<String> hidden = tags(results, Visibility.HIDDEN);
        assertFalse(hidden.isEmpty(), () -> "the recorder never ran in a hidden test: " + results.summary());
        if (printsCaptured) {
            Set<String> replayedChannels = results.tests().stream().flatMap(t -> REPLAYED.matcher(t.details()).results())
                    .map(m -> m.group(1)).collect(Collectors.toSet());
            // Each channel replays its own test's tags: the recorder does work, so silence would prove nothing.
            assertTrue(replayedChannels.containsAll(CHANNELS), () -> "channels replayed: " + replayedChannels);
        }
        for (TestResult t : results.tests()) {
            if (t.disclosure().details() == Visibility.HIDDEN) {
                continue;
            }
            Matcher m = REPLAYED.matcher(t.details());
            while (m.find()) {
                String tag = m.group(2);
                assertFalse(hidden.contains(tag), () -> "test " + t.number() + " (" + t.disclosure().details() + ") shows " + tag
                        + ", an input of a hidden test:\n" + t.details());
            }
        }
        assertEquals(List.of(), results.tests().stream().filter(t -> t.disclosure().details() != Visibility.HIDDEN)
                .filter(t -> hidden.stream().anyMatch(t.details()::contains)).map(TestResult::number).toList());
    }

    private static Set<String> tags(ResultsDocument results, Visibility visibility) {
        return results.tests().stream().filter(t -> t.disclosure().details() == visibility)
                .flatMap(t -> TAG.matcher(t.details()).results()).map(m -> m.group(1)).collect(Collectors.toSet());
    }

    /** The recorder; in the sandbox it also starts a thread and writes files, in process it throws its tags. */
    private static Path recorder(Path tmp, boolean sandboxed) throws IOException {
        Path submission = Trees.copy(Grading.CORRECT, tmp.resolve("submission"));
        Files.writeString(submission.resolve("src/main/java/nnlab/Recorder.java"), RECORDER.formatted(sandboxed,
                !sandboxed));
        insertAfter(submission.resolve(LOSS), GRADIENT_BODY, "        Recorder.record(yTrue, yPred);\n");
        insertAfter(submission.resolve(LOSS), VALUE_BODY, "        Recorder.replay();\n");
        insertAfter(submission.resolve(ACTIVATION), FORWARD_BODY, "        Recorder.replay();\n");
        return submission;
    }

    private static void insertAfter(Path file, String anchor, String code) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(anchor), () -> file + " no longer contains " + anchor);
        Files.writeString(file, text.replace(anchor, anchor + code));
    }
}
