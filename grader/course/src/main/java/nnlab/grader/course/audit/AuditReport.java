package nnlab.grader.course.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.DiagnosisDictionary;
import nnlab.grader.Reader;
import nnlab.grader.Score;
import nnlab.grader.authoring.MutantCatalogue;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.SubmissionStatus;
import nnlab.grader.report.TestResult;

/**
 * The audit's figures: per part, per task and in total, the mutants made, killed (score below full marks), survived,
 * probably equivalent, allow-listed as equivalent by the authors ({@link AllowList}) and named; every mutant's fate,
 * and for a survivor its diff and the tests that ran on it.
 * Written as {@code audit.json} and {@code index.html}; {@link #print} gives the terminal summary.
 *
 * <p>A killed mutant is <em>named</em> when what a student sees before the due date names or locates the change, in
 * the part the change is in: either a test records a catalogued mistake and shows it (the hand-written catalogue's own
 * test, {@link MutantCatalogue.Outcome#namedBeforeDueDate}, asked with that mistake as the expected hint), or a failing
 * test's text names the changed method ({@code Class.method}, or {@code method (§x.y)}). What the diagnosis
 * dictionary adds to the view is left out of {@code named}: {@link Diagnoses} counts it apart, leave-one-out.
 */
public record AuditReport(String assignment, @JsonProperty("seconds") double seconds, Counts totals,
                          Map<String, Counts> parts, Map<String, Counts> tasks, Generation generation,
                          List<Fate> mutants, Diagnoses.Figures dictionary,
                          @JsonIgnore DiagnosisDictionary made) {

    /** A report without the diagnosis dictionary's figures (none made, none measured). */
    public AuditReport(String assignment, double seconds, Counts totals, Map<String, Counts> parts,
                       Map<String, Counts> tasks, Generation generation, List<Fate> mutants) {
        this(assignment, seconds, totals, parts, tasks, generation, mutants, Diagnoses.Figures.NONE,
                DiagnosisDictionary.EMPTY);
    }

    /** A score this close to full marks is full marks. */
    private static final double FULL_MARKS = 1e-9;

    /** Status of a mutant whose score is below full marks. */
    public static final String KILLED = "killed";
    /** Status of a mutant with full marks. */
    public static final String SURVIVED = "survived";
    /** Status of a mutant whose bytecode equals the correct sample's (not graded). */
    public static final String EQUIVALENT = "probably_equivalent";
    /** Status of a mutant with full marks that the assignment's {@link AllowList} shows to be equivalent. */
    public static final String ALLOW_LISTED = "equivalent_allow_listed";
    /** Status of a mutant the grader could not grade (a grader error: see its results). */
    public static final String ERROR = "error";

    /** The figures of one group of mutants. */
    public record Counts(int made, int killed, int survived, @JsonProperty("probably_equivalent") int probablyEquivalent,
                         int named, int errors, @JsonProperty("allow_listed") int allowListed) {
        static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0);

        Counts plus(Fate f) {
            return new Counts(made + 1, killed + (f.status().equals(KILLED) ? 1 : 0),
                    survived + (f.status().equals(SURVIVED) ? 1 : 0), probablyEquivalent + (f.status().equals(EQUIVALENT) ? 1 : 0),
                    named + (f.namedBy() != null ? 1 : 0), errors + (f.status().equals(ERROR) ? 1 : 0),
                    allowListed + (f.status().equals(ALLOW_LISTED) ? 1 : 0));
        }
    }

    /** How the mutants were made: changes proposed, tried in the seed's order, and dropped. */
    public record Generation(int proposed, int tried, @JsonProperty("did_not_compile") int notCompiling,
                             @JsonProperty("unchanged_sample") int unchanged, @JsonProperty("graded_now") int gradedNow,
                             @JsonProperty("already_graded") int alreadyGraded) {
    }

    /** One test that ran on a mutant: number, name, points and what a student sees of it before the due date. */
    public record TestRun(String number, String name, double score, @JsonProperty("max_score") double maxScore,
                          @JsonProperty("student_view") String studentView) {
    }

    /**
     * One mutant's fate. {@code namedBy} is how the student's view names it ("mistake ID" or "locates Class.method"),
     * null when it does not; {@code tests} the tests of its part, kept for survivors (allow-listed ones included);
     * {@code whyEquivalent} the allow-list's reason for an allow-listed mutant.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fate(Mutant mutant, String status, Double score, @JsonProperty("named_by") String namedBy,
                       List<TestRun> tests, @JsonProperty("why_equivalent") String whyEquivalent) {
    }

    /** A graded mutant and its results. */
    record Graded(Mutant mutant, ResultsDocument results) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Tabulates graded mutants and the probably equivalent ones; makes the diagnosis dictionary of the killed ones
     * (their changes' {@code kinds} by mutant id) and measures it together with the {@code committed} one.
     */
    static AuditReport of(AssignmentSpec spec, List<Graded> graded, List<Mutant> equivalent, AllowList allowList,
                          MutantGenerator.Generated generated, double seconds, int gradedNow, int alreadyGraded,
                          Map<String, ChangeKind> kinds, DiagnosisDictionary committed) {
        List<Fate> fates = new ArrayList<>();
        graded.forEach(g -> fates.add(allowListed(fate(g.mutant(), g.results()), allowList)));
        equivalent.forEach(m -> fates.add(new Fate(m, EQUIVALENT, null, null, null, null)));
        fates.sort(java.util.Comparator.comparing(f -> f.mutant().id()));
        Counts totals = Counts.ZERO;
        Map<String, Counts> parts = new TreeMap<>();
        Map<String, Counts> tasks = new TreeMap<>();
        for (Fate f : fates) {
            totals = totals.plus(f);
            parts.merge(Integer.toString(f.mutant().part()), Counts.ZERO.plus(f), AuditReport::sum);
            tasks.merge(f.mutant().task(), Counts.ZERO.plus(f), AuditReport::sum);
        }
        DiagnosisDictionary made = Diagnoses.dictionary(spec, graded, kinds);
        return new AuditReport(spec.id(), ResultsDocument.round(seconds), totals, parts, tasks,
                new Generation(generated.proposed(), generated.tried(), generated.notCompiling(), generated.unchanged(),
                        gradedNow, alreadyGraded), fates, Diagnoses.measure(graded, fates, made, committed), made);
    }

    private static Counts sum(Counts a, Counts b) {
        return new Counts(a.made() + b.made(), a.killed() + b.killed(), a.survived() + b.survived(),
                a.probablyEquivalent() + b.probablyEquivalent(), a.named() + b.named(), a.errors() + b.errors(),
                a.allowListed() + b.allowListed());
    }

    /** A survivor the allow-list holds becomes allow-listed; any other fate stays as it is. */
    static Fate allowListed(Fate f, AllowList allowList) {
        String why = f.status().equals(SURVIVED) ? allowList.reason(f.mutant()) : null;
        return why == null ? f : new Fate(f.mutant(), ALLOW_LISTED, f.score(), null, f.tests(), why);
    }

    /** The fate of a graded mutant, from its results. */
    static Fate fate(Mutant m, ResultsDocument results) {
        SubmissionStatus batchStatus = results.extraData().batch() == null ? SubmissionStatus.GRADED
                : results.extraData().batch().status();
        if (batchStatus != SubmissionStatus.GRADED) {
            return new Fate(m, ERROR, results.score(), null, null, null);
        }
        boolean killed = results.score() < results.maxScore() - FULL_MARKS;
        List<TestRun> tests = results.tests().stream().filter(t -> partOf(t) == m.part())
                .map(t -> new TestRun(t.number(), t.name(), t.score(), t.maxScore(),
                        t.textFor(Reader.STUDENT))).toList();
        return new Fate(m, killed ? KILLED : SURVIVED, results.score(), killed ? namedBy(m, results) : null,
                killed ? null : tests, null);
    }

    /**
     * How the student's view before the due date names or locates the mutant's change, without what the diagnosis
     * dictionary adds to it; null when it does not.
     */
    static String namedBy(Mutant m, ResultsDocument results) {
        Map<Integer, Double> lost = new TreeMap<>();
        Map<String, String> outputs = new TreeMap<>();
        Map<String, String> views = new TreeMap<>();
        Map<String, List<String>> mistakes = new TreeMap<>();
        Map<String, String> messages = new LinkedHashMap<>();
        for (TestResult t : results.tests()) {
            lost.merge(partOf(t), t.maxScore() - t.score(), Double::sum);
            outputs.put(t.number(), Diagnoses.withoutDictionary(t, t.output()));
            views.put(t.number(), Diagnoses.withoutDictionary(t, t.textFor(Reader.STUDENT)));
            List<Score.Mistake> named = Diagnoses.catalogued(t);
            mistakes.put(t.number(), named.stream().map(Score.Mistake::id).toList());
            if (partOf(t) == m.part()) {
                named.forEach(n -> messages.putIfAbsent(n.id(), n.message()));
            }
        }
        for (var named : messages.entrySet()) {
            MutantCatalogue.Mutant asCatalogued = new MutantCatalogue.Mutant(m.id(), m.file(), List.of(), m.part(),
                    m.operator(), named.getKey(), List.of(), null);
            if (new MutantCatalogue.Outcome(asCatalogued, lost, outputs, results.score(), views, mistakes,
                    named.getValue()).namedBeforeDueDate()) {
                return "mistake " + named.getKey();
            }
        }
        String method = m.task().substring(m.task().indexOf('.') + 1);
        for (TestResult t : results.tests()) {
            String view = views.get(t.number());
            if (partOf(t) == m.part() && !t.passed()
                    && (view.contains(m.task()) || view.contains(method + " (" + m.section() + ")"))) {
                return "locates " + m.task();
            }
        }
        return null;
    }

    private static int partOf(TestResult t) {
        return MutantCatalogue.partOf(t.number());
    }

    /** Writes {@code audit.json} and {@code index.html} into {@code out}. */
    public void write(Path out) throws IOException {
        Files.writeString(out.resolve("audit.json"), JSON.writeValueAsString(this));
        Files.writeString(out.resolve("index.html"), AuditPage.html(this));
    }

    /** Prints the summary: the totals, each part and each task, and the time taken. */
    public void print(PrintStream out) {
        out.printf(Locale.ROOT, "Audit of %s: %d mutants (of %d changes proposed; %d did not compile), %.0f s%n",
                assignment, totals.made(), generation.proposed(), generation.notCompiling(), seconds);
        out.printf(Locale.ROOT, "  %-28s %5s %6s %8s %10s %5s %6s %12s%n", "", "made", "killed", "survived",
                "equivalent", "named", "errors", "allow-listed");
        line(out, "total", totals);
        parts.forEach((part, c) -> line(out, "Part " + part, c));
        tasks.forEach((task, c) -> line(out, "  " + task, c));
        Diagnoses.Naming n = dictionary.totals();
        out.printf(Locale.ROOT, "Named or located of %d killed, student's view before the due date: %d by the catalogue"
                        + " or located; %d with the diagnosis dictionary (%d entries), leave-one-out; %d counting each"
                        + " mutant's own entry%n", n.killed(), n.catalogue(), n.leaveOneOut(), dictionary.entries(),
                n.withOwnEntries());
        long survivors = mutants.stream().filter(f -> f.status().equals(SURVIVED)).count();
        if (survivors > 0) {
            out.println("Survivors (their diffs and the tests that ran on them are in index.html):");
            mutants.stream().filter(f -> f.status().equals(SURVIVED)).forEach(f -> out.printf(Locale.ROOT,
                    "  %s %s %s:%d%n", f.mutant().id(), f.mutant().task(), f.mutant().file(), f.mutant().line()));
        }
        mutants.stream().filter(f -> f.status().equals(ALLOW_LISTED)).forEach(f -> out.printf(Locale.ROOT,
                "  equivalent (allow-listed): %s %s%n", f.mutant().id(), AllowList.key(f.mutant())));
    }

    private static void line(PrintStream out, String label, Counts c) {
        out.printf(Locale.ROOT, "  %-28s %5d %6d %8d %10d %5d %6d %12d%n", label, c.made(), c.killed(), c.survived(),
                c.probablyEquivalent(), c.named(), c.errors(), c.allowListed());
    }
}
