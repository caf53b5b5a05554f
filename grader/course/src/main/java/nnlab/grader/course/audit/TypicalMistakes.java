package nnlab.grader.course.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.DiagnosisDictionary;
import nnlab.grader.Reader;
import nnlab.grader.Score;
import nnlab.grader.authoring.Samples;
import nnlab.grader.course.BatchGrader;
import nnlab.grader.course.Roster;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.report.html.BatchFolder;

/**
 * Measures the feedback on typical mistakes written independently of the grader ({@code assignments/ID/typical-mistakes/
 * *.patch}, each applied to the correct sample): graded by the warm batch grader like the audit's mutants, each is
 * named in the student's view before the due date by the hand-written catalogue, located (a failing test's view names
 * a method the patch changes), named by the diagnosis dictionary (its sentence names a changed method), or not.
 * {@code course audit --assignment ID --typical} writes {@code OUT/typical.json} and prints the table.
 */
public final class TypicalMistakes {

    /** The folder of an assignment's typical mistakes, inside {@code assignments/ID/}. */
    public static final String FOLDER = "typical-mistakes";
    private static final String PATCH = ".patch";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How the student's view names one typical mistake.
     *
     * @param patch      the patch's name, without {@code .patch}
     * @param tasks      the methods it changes ({@code Class.method})
     * @param killed     whether it lost points
     * @param catalogue  how the view names or locates it without the dictionary ("mistake ID", "locates Class.method"),
     *                   or null
     * @param dictionary the changed method a dictionary sentence names, or null; "another method" when the dictionary
     *                   names only methods the patch leaves alone
     */
    public record Outcome(String patch, List<String> tasks, boolean killed, String catalogue, String dictionary) {

        /** Returns whether the view names or locates it without the dictionary. */
        public boolean namedWithoutDictionary() {
            return catalogue != null;
        }

        /** Returns whether the view names or locates it, the dictionary's sentences included. */
        public boolean named() {
            return catalogue != null || dictionary != null && !dictionary.equals(ANOTHER_METHOD);
        }
    }

    /** The figures: how many patches, killed, named without and with the dictionary. */
    public record Figures(String assignment, int patches, int killed,
                          @JsonProperty("named_without_dictionary") int withoutDictionary,
                          @JsonProperty("named_with_dictionary") int withDictionary, List<Outcome> outcomes) {

        /** Prints the table and the totals. */
        public void print(PrintStream out) {
            outcomes.forEach(o -> out.printf(Locale.ROOT, "  %-58s %-7s %-40s %s%n", o.patch(),
                    o.killed() ? "killed" : "SURVIVED", o.catalogue() == null ? "-" : o.catalogue(),
                    o.dictionary() == null ? "-" : "dictionary names " + o.dictionary()));
            out.printf(Locale.ROOT, "Typical mistakes of %s: %d, killed %d, named or located in the student's view"
                    + " before the due date: %d without the diagnosis dictionary, %d with it%n", assignment, patches,
                    killed, withoutDictionary, withDictionary);
        }
    }

    /** What a dictionary sentence names when it names none of the methods the patch changes. */
    static final String ANOTHER_METHOD = "another method";

    private TypicalMistakes() {
    }

    /** Returns the assignment's typical-mistake patches, sorted by name; none when it has no such folder. */
    public static List<Path> patches(Path repository, String assignment) throws IOException {
        Path folder = repository.resolve("assignments").resolve(assignment).resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(PATCH)).sorted().toList();
        }
    }

    /**
     * Grades {@code patches} (each applied to the correct sample, written under {@code OUT/submissions/}) with the warm
     * batch grader and tells how the student's view names each; writes {@code OUT/typical.json}.
     */
    public static Figures measure(Path repository, AssignmentSpec spec, List<Path> patches, Path out, long seed,
                                  int jobs, List<String> javaCommand, PrintStream err)
            throws IOException, InterruptedException {
        MutantGenerator generator = new MutantGenerator(repository, spec);
        Path submissions = Files.createDirectories(out.resolve(Audit.SUBMISSIONS));
        Map<String, List<TaskRegion>> changed = new TreeMap<>();
        for (Path patch : patches) {
            String name = name(patch);
            SortedMap<String, String> files = new TreeMap<>(generator.correct());
            Samples.apply(patch, files);
            for (var f : files.entrySet()) {
                Path target = submissions.resolve(name).resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue());
            }
            changed.put(name, changedTasks(generator, patch));
        }
        new BatchGrader(new BatchGrader.Options(spec, submissions, out, jobs, Roster.empty(), Map.of(), false, seed,
                null, javaCommand, err, false, null)).run();
        DiagnosisDictionary dictionary = Diagnoses.committed(repository, spec);
        List<Outcome> outcomes = new ArrayList<>();
        for (var e : changed.entrySet()) {
            outcomes.add(outcome(e.getKey(), e.getValue(), ResultsDocument.read(new BatchFolder(out).result(e.getKey())),
                    dictionary));
        }
        Figures figures = new Figures(spec.id(), outcomes.size(), (int) outcomes.stream().filter(Outcome::killed).count(),
                (int) outcomes.stream().filter(o -> o.killed() && o.namedWithoutDictionary()).count(),
                (int) outcomes.stream().filter(o -> o.killed() && o.named()).count(), outcomes);
        Files.writeString(out.resolve("typical.json"), JSON.writeValueAsString(figures));
        return figures;
    }

    /** The solution blocks a patch changes: those holding a line it removes or changes, or next to a line it adds. */
    static List<TaskRegion> changedTasks(MutantGenerator generator, Path patch) throws IOException {
        UnifiedDiff diff;
        try (InputStream in = Files.newInputStream(patch)) {
            diff = UnifiedDiffReader.parseUnifiedDiff(in);
        }
        Set<TaskRegion> tasks = new LinkedHashSet<>();
        for (UnifiedDiffFile file : diff.getFiles()) {
            String sample = file.getFromFile().replaceFirst("^a/", "");
            if (!generator.correct().containsKey(sample)) {
                continue;
            }
            List<TaskRegion> regions = generator.regions(sample);
            for (AbstractDelta<String> delta : file.getPatch().getDeltas()) {
                int first = delta.getSource().getPosition() + 1;
                int last = first + Math.max(delta.getSource().size(), 1) - 1;
                for (int line = Math.max(1, first - 1); line <= last; line++) {
                    int at = line;
                    regions.stream().filter(r -> r.encloses(at, at)).forEach(tasks::add);
                }
            }
        }
        return List.copyOf(tasks);
    }

    /**
     * How the student's view before the due date names a typical mistake that changes {@code tasks}: as graded, and
     * with the sentences {@code dictionary} adds to it (the committed one, which the grader that graded it may not
     * have held yet), looked up by each failing test's fingerprint as the grader does.
     */
    static Outcome outcome(String patch, List<TaskRegion> tasks, ResultsDocument results,
                           DiagnosisDictionary dictionary) {
        boolean killed = results.score() < results.maxScore() - 1e-9;
        String catalogue = null;
        Set<String> reproduced = new LinkedHashSet<>();
        for (TestResult t : results.tests()) {
            if (t.passed()) {
                continue;
            }
            String view = Diagnoses.withoutDictionary(t, t.textFor(Reader.STUDENT));
            for (Score.Mistake m : Diagnoses.catalogued(t)) {
                if (catalogue == null && view.contains(Score.MISTAKE_PREFIX + m.message())) {
                    catalogue = "mistake " + m.id();
                }
            }
            for (TaskRegion task : tasks) {
                String method = task.method().substring(task.method().indexOf('.') + 1);
                if (catalogue == null && (view.contains(task.method())
                        || view.contains(method + " (" + task.section() + ")"))) {
                    catalogue = "locates " + task.method();
                }
            }
            String full = t.textFor(Reader.STUDENT);
            List<String> methods = new ArrayList<>();
            for (Score.Mistake m : t.extraData().mistakes()) {
                if (m.id().startsWith(Score.DICTIONARY_PREFIX) && full.contains(Score.MISTAKE_PREFIX + m.message())) {
                    methods.add(m.id().substring(Score.DICTIONARY_PREFIX.length(), m.id().lastIndexOf(':')));
                }
            }
            if (Diagnoses.catalogued(t).isEmpty() && Diagnoses.seenBeforeDueDate(t)) {
                dictionary.lookup(t.number(), Diagnoses.fingerprint(t)).forEach(e -> methods.add(e.method()));
            }
            methods.forEach(method -> reproduced.add(tasks.stream().anyMatch(task -> task.method().equals(method))
                    ? method : ANOTHER_METHOD));
        }
        String named = reproduced.stream().filter(d -> !d.equals(ANOTHER_METHOD)).findFirst()
                .orElse(reproduced.isEmpty() ? null : ANOTHER_METHOD);
        return new Outcome(patch, tasks.stream().map(TaskRegion::method).distinct().toList(), killed, catalogue, named);
    }

    private static String name(Path patch) {
        String file = patch.getFileName().toString();
        return file.substring(0, file.length() - PATCH.length());
    }
}
