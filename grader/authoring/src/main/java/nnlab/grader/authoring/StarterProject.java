package nnlab.grader.authoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * An assignment's starter project, generated from the repository: the reference's sources rendered through their
 * markers, the handout, the data, and the files written by hand in the committed starter folder (pom, README, public
 * tests). What {@code course assign} writes, and what the consistency checks compare with the committed starter.
 */
public final class StarterProject {

    /** Build output in a starter folder (a student's or developer's {@code mvn test}), never part of the starter. */
    private static final String BUILD_OUTPUT = "target/";

    private final SortedMap<String, byte[]> files;
    private final List<Markers.Task> tasks;

    private StarterProject(SortedMap<String, byte[]> files, List<Markers.Task> tasks) {
        this.files = Collections.unmodifiableSortedMap(files);
        this.tasks = List.copyOf(tasks);
    }

    /**
     * Generates the starter of {@code spec}'s assignment from {@code repository}.
     *
     * @throws IllegalArgumentException when a marker is malformed, the tasks differ from {@code api.studentMethods},
     *                                  or a file the starter needs is missing
     */
    public static StarterProject generate(Path repository, AuthoringSpec spec) throws IOException {
        AuthoringSpec.Starter starter = spec.starter();
        SortedMap<String, byte[]> files = new TreeMap<>();
        List<Markers.Task> tasks = new ArrayList<>();
        Markers markers = new Markers(spec.id(), Set.copyOf(starter.follows()), Markers.View.STARTER);
        Path reference = existing(repository.resolve(starter.reference()), "the reference's sources (starter.reference)");
        for (String name : relativeFiles(reference)) {
            if (starter.exclude().stream().anyMatch(name::startsWith)) {
                continue;
            }
            Path source = reference.resolve(name);
            String target = starter.sources() + "/" + name;
            if (!name.endsWith(".java")) {
                files.put(target, Files.readAllBytes(source));
                continue;
            }
            Markers.Rendered rendered = markers.render(starter.reference() + "/" + name, Files.readString(source));
            rendered.text().ifPresent(text -> files.put(target, text.getBytes(StandardCharsets.UTF_8)));
            tasks.addAll(rendered.tasks());
        }
        checkTasks(spec, tasks);
        Path handout = existing(spec.folder().resolve(spec.handout()), "the handout");
        files.put(starter.handout(), Files.readAllBytes(handout));
        AuthoringSpec.Data data = starter.data();
        if (data != null) {
            for (String file : data.files()) {
                Path source = existing(repository.resolve(data.from()).resolve(file), "a data file (starter.data)");
                files.put(data.into() + "/" + file, Files.readAllBytes(source));
            }
        }
        Path folder = repository.resolve(starter.folder());
        if (!starter.authored().isEmpty()) {
            existing(folder, "the starter folder holding the hand-written files (starter.folder)");
            for (String name : relativeFiles(folder)) {
                if (isAuthored(starter, name)) {
                    if (files.containsKey(name)) {
                        throw new IllegalArgumentException(name + " is both generated and listed in starter.authored:"
                                + " remove it from one of them");
                    }
                    files.put(name, Files.readAllBytes(folder.resolve(name)));
                }
            }
        }
        return new StarterProject(files, tasks);
    }

    /** Every file of the starter, by its '/'-separated path relative to the starter's root. */
    public SortedMap<String, byte[]> files() {
        return files;
    }

    /** The student methods found, in file order. */
    public List<Markers.Task> tasks() {
        return tasks;
    }

    /**
     * Writes the starter into {@code out}, rewriting only the files whose bytes differ, and returns their paths. Files
     * already in {@code out} that the starter does not have are left alone; {@link #differences} lists them.
     */
    public List<String> write(Path out) throws IOException {
        List<String> written = new ArrayList<>();
        for (var file : files.entrySet()) {
            Path target = out.resolve(file.getKey());
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), file.getValue())) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
            written.add(file.getKey());
        }
        return written;
    }

    /**
     * Compares this starter with the folder {@code other} byte for byte; returns one line per file that is missing
     * there, differs, or is there but not generated (its build output, {@code target/}, aside). Empty when equal.
     */
    public List<String> differences(Path other) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> present = Files.isDirectory(other) ? new TreeSet<>(relativeFiles(other)) : Set.of();
        for (var file : files.entrySet()) {
            if (!present.contains(file.getKey())) {
                problems.add(file.getKey() + ": missing");
            } else if (!Arrays.equals(Files.readAllBytes(other.resolve(file.getKey())), file.getValue())) {
                problems.add(file.getKey() + ": differs");
            }
        }
        for (String name : present) {
            if (!files.containsKey(name) && !name.startsWith(BUILD_OUTPUT)) {
                problems.add(name + ": not generated (delete it, or list it in starter.authored)");
            }
        }
        return problems;
    }

    private static boolean isAuthored(AuthoringSpec.Starter starter, String name) {
        return !name.startsWith(BUILD_OUTPUT)
                && starter.authored().stream().anyMatch(prefix -> name.equals(prefix) || prefix.endsWith("/") && name.startsWith(prefix));
    }

    private static void checkTasks(AuthoringSpec spec, List<Markers.Task> tasks) {
        Set<String> found = new TreeSet<>();
        tasks.forEach(t -> found.add(t.method()));
        Set<String> listed = new TreeSet<>(spec.api().studentMethods());
        Set<String> unmarked = new TreeSet<>(listed);
        unmarked.removeAll(found);
        Set<String> unlisted = new TreeSet<>(found);
        unlisted.removeAll(listed);
        if (!unmarked.isEmpty() || !unlisted.isEmpty()) {
            throw new IllegalArgumentException("the reference's \"//@task " + spec.id() + " …\" markers and "
                    + "api.studentMethods of " + spec.id() + " disagree:"
                    + (unmarked.isEmpty() ? "" : " listed but not marked " + unmarked + ";")
                    + (unlisted.isEmpty() ? "" : " marked but not listed " + unlisted + ";")
                    + " mark each student method's body once, and list it in assignment.json");
        }
    }

    /** Returns the regular files under {@code root}, as sorted '/'-separated relative paths. */
    static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .sorted().toList();
        }
    }

    static Path existing(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException(what + " should be at " + path + ", which does not exist: fix the path"
                    + " in assignment.json, or create it");
        }
        return path;
    }
}
