package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's submissions are made from the repository as it is: samples rendered and patched, mutants applied. */
class BenchmarkTests {

    private static final String DENSE = "src/main/java/nnlab/Dense.java";

    @Test
    void buildsTheCorrectAndBuggySamplesThenTheCataloguedMutants(@TempDir Path tmp) throws IOException {
        Map<String, String> kinds = Benchmark.build(Course.repository(), Course.ps1(), tmp.resolve("submissions"), 3);
        List<String> order = List.copyOf(kinds.values());
        assertEquals(List.of("correct", "buggy"), order.subList(0, 2));
        String correct = Files.readString(tmp.resolve("submissions/b001").resolve(DENSE));
        assertTrue(correct.contains("public Matrix forward(Matrix x)"), "the correct sample has the reference's Dense");
        for (String name : kinds.keySet()) {
            assertTrue(Files.isRegularFile(tmp.resolve("submissions").resolve(name).resolve(DENSE)), name);
        }
        assertNotEquals("correct", order.get(2), "the third submission is the first catalogued mutant");
        assertNotEquals(tree(tmp.resolve("submissions/b001")), tree(tmp.resolve("submissions/b003")),
                "a mutant differs from the correct sample");
    }

    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new java.util.TreeMap<>();
        try (var walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
