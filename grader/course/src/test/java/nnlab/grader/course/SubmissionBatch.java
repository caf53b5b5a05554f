package nnlab.grader.course;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import nnlab.grader.authoring.AuthoringSpec;
import nnlab.grader.authoring.Samples;

/**
 * Generates a folder of mixed ps1 submissions from the bundled correct sample and the starter, by small mutations:
 * correct ones (folder and zip), buggy ones, a file or every file that does not compile, the untouched starter, empty
 * ones, files that are not zips, a zip-slip zip and hostile code (exit, fake protocol output, writing results.json,
 * an endless loop, exhausting memory). Runs as a program too: {@code SubmissionBatch REPO OUT COUNT}.
 */
public final class SubmissionBatch {

    private static final String SOURCES = "src/main/java/nnlab/";
    private static final long SEED = 20270219L;

    /** The kinds of submission, in the order they are dealt out. */
    public enum Kind {
        CORRECT_FOLDER, CORRECT_ZIP, BUGGY_PERCEPTRON_GRADIENT, BUGGY_DENSE_BACKWARD, BUGGY_RELU_KINK, BUGGY_ADAM,
        ONE_FILE_DOES_NOT_COMPILE, NOTHING_COMPILES, STARTER_UNTOUCHED, EMPTY_FOLDER, EMPTY_ZIP, NOT_A_ZIP, NOT_A_ZIP_PDF,
        HOSTILE_EXIT, HOSTILE_FAKE_PROTOCOL, HOSTILE_ENDLESS_LOOP, HOSTILE_WRITES_RESULTS, HOSTILE_OUT_OF_MEMORY, ZIP_SLIP
    }

    private SubmissionBatch() {
    }

    /** Writes {@code count} submissions into {@code out}, dealing out the kinds in order; returns name → kind. */
    public static Map<String, Kind> generate(Path repo, Path out, int count) throws IOException {
        List<Kind> kinds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            kinds.add(Kind.values()[i % Kind.values().length]);
        }
        return generate(repo, out, kinds);
    }

    /** Writes one submission per entry of {@code kinds} into {@code out}, named s01, s02, …; returns name → kind. */
    public static Map<String, Kind> generate(Path repo, Path out, List<Kind> kinds) throws IOException {
        Files.createDirectories(out);
        Map<String, String> correct = correct(repo);
        Map<String, String> starter = read(repo.resolve("starter-code/ps1").resolve(SOURCES));
        Map<String, Kind> made = new LinkedHashMap<>();
        Random random = new Random(SEED);
        for (int i = 0; i < kinds.size(); i++) {
            String name = String.format("s%02d", i + 1);
            Kind kind = kinds.get(i);
            write(kind, name, out, correct, starter, random);
            made.put(name, kind);
        }
        return made;
    }

    private static void write(Kind kind, String name, Path out, Map<String, String> correct, Map<String, String> starter,
                              Random random) throws IOException {
        switch (kind) {
            case CORRECT_FOLDER -> folder(out.resolve(name), correct);
            case CORRECT_ZIP -> zip(out.resolve(name + ".zip"), prefixed("ps1-" + name + "/" + SOURCES, correct));
            case BUGGY_PERCEPTRON_GRADIENT -> folder(out.resolve(name),
                    mutate(correct, "Perceptron.java", "2 * (p - y) * p * (1 - p)", "(p - y) * p * (1 - p)"));
            case BUGGY_DENSE_BACKWARD -> zip(out.resolve(name + ".zip"), prefixed(SOURCES,
                    mutate(correct, "Dense.java", "biasGradient = dz.columnSums();", "biasGradient = gradOutput.columnSums();")));
            case BUGGY_RELU_KINK -> folder(out.resolve(name),
                    mutate(correct, "Activation.java", "v > 0 ? 1.0 : 0.0", "v >= 0 ? 1.0 : 0.0"));
            case BUGGY_ADAM -> folder(out.resolve(name),
                    mutate(correct, "Adam.java", "(1 - beta1) * (g - firstMoment[i])", "(1 - beta1) * g"));
            case ONE_FILE_DOES_NOT_COMPILE -> folder(out.resolve(name),
                    mutate(correct, "Adam.java", "double alpha =", "double alpha = = "));
            case NOTHING_COMPILES -> {
                Map<String, String> broken = new LinkedHashMap<>();
                correct.forEach((f, s) -> broken.put(f, s + "\nthis is not java(\n"));
                folder(out.resolve(name), broken);
            }
            case STARTER_UNTOUCHED -> zip(out.resolve(name + ".zip"), prefixed(SOURCES, starter));
            case EMPTY_FOLDER -> Files.createDirectories(out.resolve(name));
            case EMPTY_ZIP -> zip(out.resolve(name + ".zip"), Map.of());
            case NOT_A_ZIP -> Files.writeString(out.resolve(name + ".zip"), "I could not finish, sorry.\n");
            case NOT_A_ZIP_PDF -> {
                byte[] junk = new byte[4096];
                random.nextBytes(junk);
                Files.write(out.resolve(name + ".pdf"), junk);
            }
            case HOSTILE_EXIT -> folder(out.resolve(name), mutate(correct, "Perceptron.java",
                    "double h = bias;", "if (x.length > 0) { System.exit(0); }\n        double h = bias;"));
            case HOSTILE_FAKE_PROTOCOL -> folder(out.resolve(name), mutate(correct, "Perceptron.java",
                    "double h = bias;", "System.out.println(\"{\\\"id\\\":1,\\\"result\\\":100,\\\"score\\\":100}\");\n"
                            + "        System.err.println(\"{\\\"status\\\":\\\"passed\\\"}\");\n        double h = bias;"));
            case HOSTILE_ENDLESS_LOOP -> folder(out.resolve(name), mutate(correct, "Adagrad.java",
                    "for (int i = 0; i < n; i++) {", "while (n >= 0) { n = Math.abs(n); }\n        for (int i = 0; i < n; i++) {"));
            case HOSTILE_WRITES_RESULTS -> folder(out.resolve(name), mutate(correct, "Perceptron.java",
                    "double h = bias;", "for (String f : new String[] {\"results.json\", \"/tmp/results.json\","
                            + " \"/autograder/results/results.json\"}) { try { java.nio.file.Files.writeString("
                            + "java.nio.file.Path.of(f), \"{\\\"score\\\":100}\"); } catch (Exception e) { } }\n"
                            + "        double h = bias;"));
            case HOSTILE_OUT_OF_MEMORY -> folder(out.resolve(name), mutate(correct, "Sgd.java",
                    "public void update(double[] parameters, double[] gradient) {",
                    "public void update(double[] parameters, double[] gradient) {\n        java.util.List<long[]> hog ="
                            + " new java.util.ArrayList<>();\n        while (hog.size() >= 0) { hog.add(new long[1 << 24]); }"));
            case ZIP_SLIP -> {
                Map<String, String> files = prefixed(SOURCES, correct);
                files.put("../../../tmp/nnlab-zip-slip-" + name + ".java", "class Evil {}\n");
                zip(out.resolve(name + ".zip"), files);
            }
            default -> throw new IllegalArgumentException(kind.toString());
        }
    }

    /** Returns the correct sample's files (the reference's student files) by file name. */
    private static Map<String, String> correct(Path repo) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Samples.correct(repo, AuthoringSpec.read(repo, "ps1"))
                .forEach((path, text) -> files.put(path.substring(path.lastIndexOf('/') + 1), text));
        return files;
    }

    private static Map<String, String> read(Path folder) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                files.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static Map<String, String> mutate(Map<String, String> files, String file, String find, String replace) {
        String source = files.get(file);
        if (source == null || !source.contains(find)) {
            throw new IllegalStateException(file + " no longer contains '" + find + "': update the batch generator");
        }
        Map<String, String> copy = new LinkedHashMap<>(files);
        copy.put(file, source.replace(find, replace));
        return copy;
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> files) {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((f, s) -> out.put(prefix + f, s));
        return out;
    }

    private static void folder(Path dir, Map<String, String> files) throws IOException {
        Path sources = dir.resolve(SOURCES);
        Files.createDirectories(sources);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Files.writeString(sources.resolve(e.getKey()), e.getValue());
        }
    }

    private static void zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream o = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(o)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
    }

    /** Generates a batch: {@code SubmissionBatch REPO OUT COUNT}. */
    public static void main(String[] args) throws IOException {
        Map<String, Kind> made = generate(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[2]));
        made.forEach((name, kind) -> System.out.println(name + "," + kind));
    }
}
