package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
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
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.report.RunData;
import nnlab.grader.run.Grader;
import nnlab.testsupport.GradedResults;
import nnlab.testsupport.Trees;

/**
 * Hostile submissions, each a small variation of the correct sample made at test time. For every one the grader
 * finishes, the results are valid, the score is not above the honest score (full marks for the untouched code) and
 * the tests the hostile code does not touch are still graded. Hostile code in {@code squaredError} fires only for
 * y = 0, p = 1: one case of test 1.3.1.
 */
@Tag("slow")
class HostileSubmissionTests {

    /** Tight limits so that the runaway cases stay fast. */
    private static final Limits LIMITS = new Limits(3, 120, 128, 64, 64);
    private static final Grader.Options OPTIONS = Grader.Options.defaults().withSeed(Grading.SEED).withLimits(LIMITS);
    private static final String PERCEPTRON = "src/main/java/nnlab/Perceptron.java";
    private static final String SQUARED_ERROR_BODY = "        double d = y - p;\n        return d * d;";
    private static final String GRADIENT_BODY = "        double p = probability(x);";
    private static final String WEIGHTED_SUM_BODY = "        checkInput(x);\n        double h = bias;";
    private static final double PART1 = 20;
    private static final double PART3 = 30;
    private static final int MAX_TEST_OUTPUT_CHARS = 20_000;

    /** How a hostile change alters a copy of the correct sample. */
    private interface Mutation {
        Path apply(Path submission) throws IOException;
    }

    /** What must hold of the results besides the common checks. */
    private enum Effect {
        /** The code still computes every result: full marks for Part 1. */
        HARMLESS,
        /** One case of 1.3.1 fails; every other Part 1 test keeps full marks. */
        BREAKS_ONE_CASE
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                hostile("infinite loop", trigger("while (y < 1) { Thread.onSpinWait(); }"), Effect.BREAKS_ONE_CASE),
                hostile("busy threads that ignore interrupts", trigger("for (int i = 0; i < 3; i++) { Thread t = new"
                        + " Thread(() -> { while (true) { Thread.interrupted(); } }); t.setDaemon(false); t.start(); }"
                        + " return -1;"), Effect.BREAKS_ONE_CASE),
                hostile("System.exit", trigger("System.exit(0);"), Effect.BREAKS_ONE_CASE),
                hostile("Runtime.halt", trigger("Runtime.getRuntime().halt(42);"), Effect.BREAKS_ONE_CASE),
                hostile("out of memory", trigger("java.util.List<long[]> hog = new java.util.ArrayList<>();"
                        + " while (true) { hog.add(new long[1 << 20]); }"), Effect.BREAKS_ONE_CASE),
                hostile("stack overflow", members("static double deep(double v) { return deep(v + 1) + 1; }",
                        "return deep(p);"), Effect.BREAKS_ONE_CASE),
                hostile("thread bomb", trigger("for (int i = 0; i < 100_000; i++) { Thread t = new Thread(() -> {"
                        + " try { Thread.sleep(60_000); } catch (InterruptedException e) { } }); t.setDaemon(true);"
                        + " t.start(); }"), Effect.BREAKS_ONE_CASE),
                hostile("process spawning", trigger("try { new ProcessBuilder(\"/bin/sh\", \"-c\", \"touch"
                        + " /tmp/nnlab-hostile-spawned\").start().waitFor(); } catch (Exception e) {"
                        + " System.out.println(\"no shell: \" + e); }"), Effect.HARMLESS),
                hostile("fake protocol lines", trigger("System.out.println(\"{\\\"id\\\":1,\\\"ok\\\":true,\\\"value\\\":1.0}\");"
                        + " try { java.io.FileOutputStream raw = new java.io.FileOutputStream(java.io.FileDescriptor.out);"
                        + " StringBuilder forged = new StringBuilder(\"\\nnot json\\n\"); for (int id = 1; id < 200_000; id++) {"
                        + " forged.append(\"{\\\"id\\\":\").append(id).append(\",\\\"ok\\\":true,\\\"value\\\":1.0}\\n\"); }"
                        + " raw.write(forged.toString().getBytes()); raw.flush(); }"
                        + " catch (java.io.IOException e) { } return 0.5;"), Effect.BREAKS_ONE_CASE),
                hostile("writing results.json everywhere", trigger("for (String f : new String[] {\"results.json\","
                        + " \"/tmp/results.json\", \"/autograder/results/results.json\", \"../results.json\"}) { try {"
                        + " java.nio.file.Files.writeString(java.nio.file.Path.of(f), \"{\\\"score\\\": 1000}\"); }"
                        + " catch (Exception e) { } }"), Effect.HARMLESS),
                hostile("reading files outside the submission", trigger("try { System.out.println("
                        + "java.nio.file.Files.readString(java.nio.file.Path.of(\"/etc/passwd\"))); } catch (Exception e)"
                        + " { System.out.println(\"blocked: \" + e); }"), Effect.HARMLESS),
                hostile("searching for the grader, hidden tests and reference", trigger("try (java.util.stream.Stream<"
                        + "java.nio.file.Path> s = java.nio.file.Files.walk(java.nio.file.Path.of(\"/\"), 7)) {"
                        + " s.map(Object::toString).filter(q -> !q.startsWith(\"/proc\") && (q.contains(\"grader-tests\")"
                        + " || q.contains(\"reference-solution\") || q.contains(\"nnlab-ps1-grader\")))"
                        + ".limit(20).forEach(q -> System.out.println(\"FOUND \" + q)); } catch (Exception e) { }"),
                        Effect.HARMLESS),
                hostile("a class shadowing Jackson and the runtime", extraFiles(Map.of(
                        "src/main/java/com/fasterxml/jackson/core/JsonFactory.java",
                        "package com.fasterxml.jackson.core;\npublic class JsonFactory { static { System.exit(7); } }\n",
                        "src/main/java/nnlab/grader/runtime/Json.java",
                        "package nnlab.grader.runtime;\npublic final class Json { static { Runtime.getRuntime().halt(8); } }\n")),
                        Effect.HARMLESS),
                hostile("changing the default locale", replace(SQUARED_ERROR_BODY,
                        "java.util.Locale.setDefault(java.util.Locale.GERMANY);\n" + SQUARED_ERROR_BODY), Effect.HARMLESS),
                hostile("closing stdout", trigger("System.out.close(); try { new java.io.FileOutputStream("
                        + "java.io.FileDescriptor.out).close(); } catch (java.io.IOException e) { }"), Effect.BREAKS_ONE_CASE),
                hostile("opening a socket", trigger("try (java.net.Socket s = new java.net.Socket()) { s.connect(new"
                        + " java.net.InetSocketAddress(\"1.1.1.1\", 80), 500); System.out.println(\"CONNECTED\"); }"
                        + " catch (Exception e) { System.out.println(\"no network: \" + e); }"), Effect.HARMLESS),
                hostile("printing 1 GB", trigger("byte[] chunk = new byte[1 << 20]; java.util.Arrays.fill(chunk,"
                        + " (byte) 'x'); for (int i = 0; i < 1024; i++) { System.out.write(chunk, 0, chunk.length); }"),
                        Effect.HARMLESS),
                hostile("returning NaN", trigger("return Double.NaN;"), Effect.BREAKS_ONE_CASE),
                hostile("throwing", trigger("throw new IllegalStateException(\"boom from student code\");"),
                        Effect.BREAKS_ONE_CASE),
                hostile("null and wrong shapes", replace(GRADIENT_BODY, "if (y == 0) { return x.length > 1 ? null :"
                        + " new double[7]; }\n" + GRADIENT_BODY), null),
                hostile("missing method", replace("public int predict(double[] x)", "public int predictLabel(double[] x)"),
                        null),
                hostile("a compile error in one file", replace("public int predict(double[] x) {",
                        "public int predict(double[] x) {{"), null),
                hostile("non-UTF-8 source", latin1Comment(), Effect.HARMLESS),
                hostile("a symbolic link out of the submission", symlinkOut(), Effect.HARMLESS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void graderFinishesWithValidResultsAndNoMoreThanTheHonestScore(String name, Mutation mutation, Effect effect,
                                                                    @org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path submission = mutation.apply(Trees.copy(Grading.CORRECT, tmp.resolve("submission")));
        Path out = Files.createDirectory(tmp.resolve("out"));
        ResultsDocument results = Grading.grade(submission, OPTIONS.onlyTests("1."), out);
        assertTrue(results.score() <= PART1, results::summary);
        assertEquals(7, results.tests().size());
        String everything = String.join("\n", results.tests().stream().map(TestResult::details).toList());
        for (TestResult t : results.tests()) {
            assertTrue(t.details().length() < MAX_TEST_OUTPUT_CHARS, () -> t.number() + " output is " + t.details().length());
        }
        if (isolated(results)) {
            assertFalse(everything.contains("FOUND /"), everything);
            assertFalse(everything.contains("root:x:0"), everything);
            assertFalse(everything.contains("CONNECTED"), everything);
            assertFalse(Files.exists(Path.of("/tmp/nnlab-hostile-spawned")));
        }
        switch (name) {
            case "null and wrong shapes":
                assertTrue(GradedResults.test(results, "1.4.1").score() < 5, results::summary);
                GradedResults.assertFull(results, "1.1");
                GradedResults.assertFull(results, "1.2");
                return;
            case "missing method":
                assertEquals(0, GradedResults.test(results, "1.2.1").score(), results::summary);
                assertTrue(GradedResults.test(results, "1.2.1").details().contains("no public method"), results::summary);
                GradedResults.assertFull(results, "1.1");
                GradedResults.assertFull(results, "1.4");
                return;
            case "fake protocol lines":
                // The wrong answer must be charged to the very case that returned it: a forged reply accepted for a
                // call would move the failure to another case.
                assertTrue(GradedResults.test(results, "1.3.1").details().contains("y = 0.0, p = 1.0: squaredError"),
                        () -> GradedResults.test(results, "1.3.1").details());
                GradedResults.assertFull(results, "1.1");
                GradedResults.assertFull(results, "1.4");
                return;
            case "a compile error in one file":
                assertEquals(0, results.score(), 1e-9, results::summary);
                assertTrue(results.output().contains("nnlab/Perceptron.java:"), results::output);
                return;
            default:
                break;
        }
        if (effect == Effect.HARMLESS) {
            assertEquals(PART1, results.score(), 1e-9, () -> results.summary() + results.tests().get(0).details());
        } else {
            TestResult broken = GradedResults.test(results, "1.3.1");
            assertTrue(broken.score() < broken.maxScore(), results::summary);
            assertTrue(broken.score() > 0, () -> "the other cases of 1.3.1 must still be graded: " + broken.details());
            for (String other : List.of("1.1.1", "1.1.2", "1.2.1", "1.4.1", "1.5.1")) {
                GradedResults.assertFull(results, other);
            }
        }
    }

    /**
     * A submission that kills its JVM on every call of one method costs a restart per call: only the time limit may
     * end them, so every part that never calls that method keeps its full marks. Graded on every test, with the
     * assignment's own limits.
     */
    @org.junit.jupiter.api.Test
    void exitOnEveryCallOfOneMethodCostsOnlyThatMethodsPart(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path submission = replace(WEIGHTED_SUM_BODY, "        System.exit(0);\n" + WEIGHTED_SUM_BODY)
                .apply(Trees.copy(Grading.CORRECT, tmp.resolve("submission")));
        ResultsDocument results = Grading.grade(submission, Grader.Options.defaults().withSeed(Grading.SEED),
                Files.createDirectory(tmp.resolve("out")));
        assertTrue(GradedResults.test(results, "1.1.1").score() == 0, results::summary);
        for (String otherPart : List.of("2.", "3.", "4.", "5.")) {
            GradedResults.assertFull(results, otherPart);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedArchives")
    void refusedArchivesScoreZeroWithAValidResult(String name, BiConsumer<Path, OutputStream> writer,
                                                  @org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        Path archive = tmp.resolve("submission.zip");
        try (OutputStream out = Files.newOutputStream(archive)) {
            writer.accept(tmp, out);
        }
        ResultsDocument results = Grading.grade(archive, OPTIONS.onlyTests("1."), Files.createDirectory(tmp.resolve("out")));
        assertEquals(0, results.score(), 1e-9);
        assertNotNull(results.extraData().refused(), results::output);
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(tmp.getParent().resolve("evil.txt")));
    }

    static Stream<Arguments> refusedArchives() {
        BiConsumer<Path, OutputStream> zipSlip = (tmp, out) -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("src/main/java/nnlab/Perceptron.java"));
                zip.write("package nnlab; public final class Perceptron {}".getBytes(StandardCharsets.UTF_8));
                zip.putNextEntry(new ZipEntry("../../evil.txt"));
                zip.write("pwned".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        BiConsumer<Path, OutputStream> notAZip = (tmp, out) -> {
            try {
                out.write("this is not a zip archive".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return Stream.of(Arguments.of("a zip-slip zip", zipSlip), Arguments.of("a file that is not a zip", notAZip));
    }

    private static boolean isolated(ResultsDocument results) {
        RunData.Isolation isolation = results.extraData().isolation();
        return isolation != null && "bubblewrap".equals(isolation.level());
    }

    private static Arguments hostile(String name, Mutation mutation, Effect effect) {
        return Arguments.of(name, mutation, effect);
    }

    /** Runs {@code code} in squaredError when y = 0 and p = 1. */
    private static Mutation trigger(String code) {
        return replace(SQUARED_ERROR_BODY, "        if (y == 0 && p == 1) { " + code + " }\n" + SQUARED_ERROR_BODY);
    }

    private static Mutation members(String member, String code) {
        return submission -> {
            trigger(code).apply(submission);
            return replace("    public static double squaredError", "    " + member + "\n\n    public static double squaredError")
                    .apply(submission);
        };
    }

    private static Mutation replace(String target, String replacement) {
        return submission -> {
            Path file = submission.resolve(PERCEPTRON);
            String text = Files.readString(file);
            assertTrue(text.contains(target), () -> "the correct sample no longer contains " + target);
            Files.writeString(file, text.replace(target, replacement));
            return submission;
        };
    }

    private static Mutation extraFiles(Map<String, String> files) {
        return submission -> {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path file = submission.resolve(e.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.getValue());
            }
            return submission;
        };
    }

    private static Mutation latin1Comment() {
        return submission -> {
            Path file = submission.resolve(PERCEPTRON);
            byte[] text = Files.readAllBytes(file);
            byte[] comment = "// caf\u00e9 written in Latin-1\n".getBytes(StandardCharsets.ISO_8859_1);
            byte[] out = new byte[comment.length + text.length];
            System.arraycopy(comment, 0, out, 0, comment.length);
            System.arraycopy(text, 0, out, comment.length, text.length);
            Files.write(file, out);
            return submission;
        };
    }

    private static Mutation symlinkOut() {
        return submission -> {
            Files.createSymbolicLink(submission.resolve("src/main/java/nnlab/Secret.java"), Path.of("/etc/hostname"));
            return submission;
        };
    }

    /**
     * The gradient checker cannot be talked out of checking (issue 11, item 5). The honest mistake is a doubled weight
     * gradient; each attack adds to it a forward pass that is non-smooth everywhere by less than any forward test
     * sees, so that every entry of a self-consistency check looks like a kink. Kinks are judged on the reference, so
     * no attack scores above the honest mistake, on the whole of Part 3 or on either self-consistency test.
     */
    @Nested
    class GradientCheckAttacks {
        private static final String DENSE = "src/main/java/nnlab/Dense.java";
        private static final String WEIGHT_GRADIENT = "weightGradient = lastInput.transposeMultiply(dz);";
        private static final String FORWARD_RETURN = "return activation.forward(lastZ);";
        private static final String BACKWARD_SIGNATURE = "    public Matrix backward(Matrix gradOutput) {";

        @Test
        void noJitterInTheForwardPassScoresAboveTheHonestMistake(@TempDir Path tmp) throws IOException {
            ResultsDocument honest = gradePart3(tmp, "honest", "1");
            Map<String, String> attacks = Map.of(
                    // The attack as reported: 1 + 5e-8·Σ sign(sin(1e6·W)).
                    "sign of sin", "1 + 5e-8 * jitter(v -> Math.signum(Math.sin(1e6 * v)))",
                    // A low bit of each weight's representation: flips between any two points 1e-5 apart.
                    "low mantissa bits", "1 + 1e-8 * jitter(v -> ((Double.doubleToLongBits(v) >>> 20) & 1) * 2 - 1)",
                    // State instead of position: every other call is a little larger.
                    "alternating calls", "1 + 1e-8 * (calls++ % 2)");
            for (Map.Entry<String, String> attack : attacks.entrySet()) {
                ResultsDocument attacked = gradePart3(tmp, attack.getKey().replace(' ', '-'), attack.getValue());
                assertTrue(attacked.score() <= honest.score() + 1e-9, () -> attack.getKey() + " scores "
                        + attacked.score() + " above the honest mistake's " + honest.score() + "\n" + attacked.summary());
                for (String selfConsistency : List.of("3.2.2", "3.4.2")) {
                    double gained = GradedResults.test(attacked, selfConsistency).score()
                            - GradedResults.test(honest, selfConsistency).score();
                    assertTrue(gained <= 1e-9, () -> attack.getKey() + " gains " + gained + " on " + selfConsistency
                            + ":\n" + GradedResults.test(attacked, selfConsistency).details());
                }
            }
            assertTrue(honest.score() < PART3, honest::summary);
        }

        private ResultsDocument gradePart3(Path tmp, String name, String factor) throws IOException {
            Path submission = Trees.copy(Grading.CORRECT, tmp.resolve(name));
            Path dense = submission.resolve(DENSE);
            String text = Files.readString(dense);
            for (String anchor : List.of(WEIGHT_GRADIENT, FORWARD_RETURN, BACKWARD_SIGNATURE)) {
                assertTrue(text.contains(anchor), () -> "the correct sample no longer contains " + anchor);
            }
            text = text.replace(WEIGHT_GRADIENT, "weightGradient = lastInput.transposeMultiply(dz).scale(2);")
                    .replace(FORWARD_RETURN, "return activation.forward(lastZ).scale(" + factor + ");")
                    .replace(BACKWARD_SIGNATURE, """
                                private long calls;

                                private double jitter(java.util.function.DoubleUnaryOperator f) {
                                    double sum = 0;
                                    for (double[] row : weights.toArray()) {
                                        for (double v : row) {
                                            sum += f.applyAsDouble(v);
                                        }
                                    }
                                    return sum;
                                }

                            """ + BACKWARD_SIGNATURE);
            Files.writeString(dense, text);
            return Grading.grade(submission, Grader.Options.defaults().withSeed(Grading.SEED).onlyTests("3."),
                    Files.createDirectory(tmp.resolve(name + "-out")));
        }
    }
}
