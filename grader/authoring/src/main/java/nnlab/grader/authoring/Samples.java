package nnlab.grader.authoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.github.difflib.patch.PatchFailedException;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;

/**
 * An assignment's sample submissions, made when they are needed rather than committed as copies: {@value #CORRECT} is
 * the reference's student files (every file with a task of the assignment, rendered with the tasks solved), and every
 * other sample NAME is {@code assignments/ID/samples/NAME.patch}, a unified diff against {@value #CORRECT} (paths
 * {@code a/src/main/java/…}, as {@code git diff} writes them).
 */
public final class Samples {

    /** The sample that is the reference's own student files. */
    public static final String CORRECT = "correct";

    /** The ending of a sample's patch in {@code assignments/ID/samples/}. */
    static final String PATCH = ".patch";

    private static final String DEV_NULL = "/dev/null";

    private Samples() {
    }

    /** Returns the names of the assignment's samples: {@value #CORRECT} first, then its patches' names, sorted. */
    public static List<String> names(Path repository, String assignment) throws IOException {
        List<String> names = new ArrayList<>(List.of(CORRECT));
        Path folder = RepositoryLayout.samples(repository, assignment);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(PATCH))
                        .map(n -> n.substring(0, n.length() - PATCH.length())).sorted().forEach(names::add);
            }
        }
        return names;
    }

    /**
     * Writes sample {@code name} of {@code assignment} into {@code out} (created if needed), laid out like a student's
     * project: {@code src/main/java/…} with the student's files. Returns {@code out}.
     *
     * @throws IllegalArgumentException for an unknown sample, or a patch that no longer applies (it names the file)
     */
    public static Path write(Path repository, String assignment, String name, Path out) throws IOException {
        SortedMap<String, String> files = correct(repository, AuthoringSpec.read(repository, assignment));
        if (!name.equals(CORRECT)) {
            Path patch = RepositoryLayout.samples(repository, assignment).resolve(name + PATCH);
            if (!Files.isRegularFile(patch)) {
                throw new IllegalArgumentException("no sample " + name + " of " + assignment + " (known: "
                        + String.join(", ", names(repository, assignment)) + ")");
            }
            apply(patch, files);
        }
        for (var file : files.entrySet()) {
            Path target = out.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
        return out;
    }

    /**
     * Writes sample {@code name} into a folder named {@code name} inside a new temporary folder under {@code parent}
     * (created if needed), so that every call starts from nothing; returns the sample's folder.
     */
    public static Path writeFresh(Path repository, String assignment, String name, Path parent) throws IOException {
        Files.createDirectories(parent);
        return write(repository, assignment, name, Files.createTempDirectory(parent, "sample-").resolve(name));
    }

    /**
     * Returns the {@value #CORRECT} sample's files by their path in a student's project: each reference file with a
     * task of the assignment, rendered with every task solved.
     */
    public static SortedMap<String, String> correct(Path repository, AuthoringSpec spec) throws IOException {
        AuthoringSpec.Starter starter = spec.starter();
        Markers markers = new Markers(spec.id(), Set.copyOf(starter.follows()), Markers.View.SOLUTION);
        Path reference = StarterProject.existing(repository.resolve(starter.reference()), "the reference's sources");
        SortedMap<String, String> files = new TreeMap<>();
        for (String name : StarterProject.relativeFiles(reference)) {
            if (!name.endsWith(".java") || starter.exclude().stream().anyMatch(name::startsWith)) {
                continue;
            }
            Markers.Rendered rendered = markers.render(starter.reference() + "/" + name,
                    Files.readString(reference.resolve(name)));
            if (!rendered.tasks().isEmpty()) {
                files.put(starter.sources() + "/" + name, rendered.text().orElseThrow());
            }
        }
        return files;
    }

    /** Applies the unified diff {@code patch} to {@code files} in place. */
    public static void apply(Path patch, SortedMap<String, String> files) throws IOException {
        UnifiedDiff diff;
        try (InputStream in = Files.newInputStream(patch)) {
            diff = UnifiedDiffReader.parseUnifiedDiff(in);
        }
        if (diff.getFiles().isEmpty()) {
            throw new IllegalArgumentException(patch + " holds no file's changes: write it with git diff");
        }
        for (UnifiedDiffFile file : diff.getFiles()) {
            String target = stripSide(file.getToFile());
            String source = DEV_NULL.equals(file.getFromFile()) ? null : stripSide(file.getFromFile());
            if (source != null && !files.containsKey(source)) {
                throw new IllegalArgumentException(patch + " changes " + source + ", which is not a file of the correct"
                        + " sample (" + String.join(", ", files.keySet()) + ")");
            }
            List<String> before = source == null ? List.of() : lines(files.get(source));
            try {
                List<String> after = file.getPatch().applyTo(before);
                files.put(target, String.join("\n", after) + "\n");
            } catch (PatchFailedException e) {
                throw new IllegalArgumentException(patch + " no longer applies to " + target + " (" + e.getMessage()
                        + "): the reference changed; rewrite the sample's change against the correct sample"
                        + " (course sample --name correct) and regenerate the patch with diff -u", e);
            }
        }
    }

    private static List<String> lines(String text) {
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return new ArrayList<>(Arrays.asList(body.split("\n", -1)));
    }

    private static String stripSide(String path) {
        return path.startsWith("a/") || path.startsWith("b/") ? path.substring(2) : path;
    }
}
