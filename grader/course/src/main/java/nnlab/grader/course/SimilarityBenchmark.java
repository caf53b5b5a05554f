package nnlab.grader.course;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;


/**
 * Writes the batch that {@code grader/course/bin/similarity-benchmark} times {@code course similarity} on: {@code N}
 * submissions as {@code course benchmark} makes them (the correct and buggy samples, then the catalogued mutants of the
 * correct one, in turn), each varied a little the way students' copies differ (its own comment in every file, its own
 * name for a local variable), so no two are byte for byte the same.
 *
 * <p>Usage: {@code SimilarityBenchmark REPOSITORY ASSIGNMENT N FOLDER}
 */
final class SimilarityBenchmark {

    private SimilarityBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path repository = Path.of(args[0]);
        String assignment = args[1];
        int count = Integer.parseInt(args[2]);
        Path folder = Path.of(args[3]);
        Map<String, String> kinds = Benchmark.build(repository, CourseMain.assignment(assignment).spec(), folder, count);
        for (String name : kinds.keySet()) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(folder.resolve(name))) {
                files = walk.filter(p -> p.toString().endsWith(".java")).toList();
            }
            for (Path file : files) {
                String text = Files.readString(file);
                Files.writeString(file, "// " + name + ": my solution\n"
                        + text.replaceAll("\\bdouble h\\b", "double h" + name).replaceAll("\\bh \\+=", "h" + name + " +=")
                        .replaceAll("return h;", "return h" + name + ";"));
            }
        }
        System.out.printf(Locale.ROOT, "%d submissions written into %s%n", kinds.size(), folder);
    }
}
