package nnlab.grader.course.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.DiagnosisDictionary;
import nnlab.grader.Disclosure;
import nnlab.grader.Reader;
import nnlab.grader.Score;
import nnlab.grader.authoring.MutantCatalogue;
import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;

/**
 * The audit's side of the diagnosis dictionary: makes it from the graded mutants (each failing test's fingerprint →
 * the mutant's method, section and kind of change), and measures how many killed mutants the student's view names
 * with it — honestly, leave-one-out: a mutant counts as named by the dictionary only through an entry another mutant
 * made too, since its own entry names it by construction. Both figures are reported.
 */
final class Diagnoses {

    /** Killed mutants and how many the student's view before the due date names or locates, three ways. */
    record Naming(int killed, @JsonProperty("catalogue_or_located") int catalogue,
                  @JsonProperty("with_dictionary_leave_one_out") int leaveOneOut,
                  @JsonProperty("with_dictionary_own_entries") int withOwnEntries) {
        static final Naming ZERO = new Naming(0, 0, 0, 0);

        Naming plus(boolean catalogued, String byDictionary) {
            boolean other = catalogued || OTHER.equals(byDictionary);
            return new Naming(killed + 1, catalogue + (catalogued ? 1 : 0), leaveOneOut + (other ? 1 : 0),
                    withOwnEntries + (other || OWN.equals(byDictionary) ? 1 : 0));
        }
    }

    /**
     * The dictionary's figures: the cases it was made for, its entries, the naming of the killed mutants in total
     * and per part, and for each mutant the dictionary names how ({@link #OTHER} or {@link #OWN}).
     */
    record Figures(@JsonProperty("cases_digest") String digest, int entries, Naming totals, Map<String, Naming> parts,
                   Map<String, String> named) {
        /** No dictionary measured. */
        static final Figures NONE = new Figures("", 0, Naming.ZERO, Map.of(), Map.of());
    }

    /** A mutant the dictionary names through an entry another mutant made too. */
    static final String OTHER = "an entry another mutant shares";
    /** A mutant only its own entries name. */
    static final String OWN = "its own entry only";

    private Diagnoses() {
    }

    /** Returns the file of assignment {@code id}'s dictionary in {@code repository}: a resource of its grader. */
    static Path file(Path repository, String id) {
        return RepositoryLayout.graderResources(repository, id).resolve(DiagnosisDictionary.FILE);
    }

    /** Returns the dictionary committed for {@code spec}'s cases, empty when there is none or it is of other cases. */
    static DiagnosisDictionary committed(Path repository, AssignmentSpec spec) {
        Path file = file(repository, spec.id());
        try {
            return Files.isRegularFile(file) ? DiagnosisDictionary.parse(Files.readString(file))
                    .forCases(spec.cases().digest()) : DiagnosisDictionary.EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the dictionary of the killed mutants: an entry per failing test with a fingerprint. */
    static DiagnosisDictionary dictionary(AssignmentSpec spec, List<AuditReport.Graded> graded,
                                          Map<String, ChangeKind> kinds) {
        List<DiagnosisDictionary.Entry> entries = new ArrayList<>();
        for (AuditReport.Graded g : graded) {
            ChangeKind kind = kinds.get(g.mutant().id());
            if (kind == null || !AuditReport.fate(g.mutant(), g.results()).status().equals(AuditReport.KILLED)) {
                continue;
            }
            for (TestResult t : g.results().tests()) {
                String fingerprint = fingerprint(t);
                if (!t.passed() && fingerprint != null) {
                    entries.add(new DiagnosisDictionary.Entry(t.number(), fingerprint, g.mutant().task(),
                            g.mutant().section(), kind.id(), kind.phrase(), Set.of(g.mutant().id())));
                }
            }
        }
        return new DiagnosisDictionary(spec.cases().version(), spec.cases().digest(), entries);
    }

    /**
     * Measures the naming of the killed mutants with the dictionary {@code made} of this audit and the
     * {@code committed} one together.
     */
    static Figures measure(List<AuditReport.Graded> graded, List<AuditReport.Fate> fates, DiagnosisDictionary made,
                           DiagnosisDictionary committed) {
        List<DiagnosisDictionary.Entry> all = new ArrayList<>(made.entries());
        all.addAll(committed.entries());
        DiagnosisDictionary both = new DiagnosisDictionary(made.version(), made.digest(), all);
        Map<String, ResultsDocument> results = graded.stream()
                .collect(Collectors.toMap(g -> g.mutant().id(), AuditReport.Graded::results, (a, b) -> a));
        Naming totals = Naming.ZERO;
        Map<String, Naming> parts = new TreeMap<>();
        Map<String, String> named = new TreeMap<>();
        for (AuditReport.Fate f : fates) {
            if (!f.status().equals(AuditReport.KILLED)) {
                continue;
            }
            String how = namedBy(f.mutant(), results.get(f.mutant().id()), both);
            if (how != null) {
                named.put(f.mutant().id(), how);
            }
            totals = totals.plus(f.namedBy() != null, how);
            parts.merge(Integer.toString(f.mutant().part()), Naming.ZERO.plus(f.namedBy() != null, how),
                    (a, b) -> new Naming(a.killed() + b.killed(), a.catalogue() + b.catalogue(),
                            a.leaveOneOut() + b.leaveOneOut(), a.withOwnEntries() + b.withOwnEntries()));
        }
        return new Figures(made.digest(), both.entries().size(), totals, parts, named);
    }

    /**
     * How {@code dictionary} names mutant {@code m} in the student's view before the due date: through an entry of
     * its method that another mutant made too ({@link #OTHER}), through its own entries only ({@link #OWN}), or not
     * (null). Only the failing tests of its part whose diagnosis a student sees then count, like the catalogue's.
     */
    static String namedBy(Mutant m, ResultsDocument results, DiagnosisDictionary dictionary) {
        if (results == null) {
            return null;
        }
        boolean own = false;
        for (TestResult t : results.tests()) {
            if (t.passed() || MutantCatalogue.partOf(t.number()) != m.part() || !seenBeforeDueDate(t)) {
                continue;
            }
            for (DiagnosisDictionary.Entry e : dictionary.lookup(t.number(), fingerprint(t))) {
                if (e.method().equals(m.task())) {
                    if (e.mutants().stream().anyMatch(id -> !id.equals(m.id()))) {
                        return OTHER;
                    }
                    own = true;
                }
            }
        }
        return own ? OWN : null;
    }

    /** Whether a student sees the test's diagnosis (or its details, which hold it) before the due date. */
    static boolean seenBeforeDueDate(TestResult t) {
        Disclosure d = t.disclosure();
        return d.shows(Disclosure.Part.OUTCOME, Reader.STUDENT) && (d.shows(Disclosure.Part.DIAGNOSIS, Reader.STUDENT)
                || d.shows(Disclosure.Part.DETAILS, Reader.STUDENT));
    }

    /** Returns the fingerprint the grader attached to a failing test, or null. */
    static String fingerprint(TestResult t) {
        JsonNode node = t.extraData().attached().get(TestData.FINGERPRINT);
        return node == null || !node.isTextual() ? null : node.asText();
    }

    /** Returns the mistakes the test names from the hand-written catalogue, without the dictionary's. */
    static List<Score.Mistake> catalogued(TestResult t) {
        List<Score.Mistake> named = t.extraData().mistakes() == null ? List.of() : t.extraData().mistakes();
        return named.stream().filter(n -> !n.id().startsWith(Score.DICTIONARY_PREFIX)).toList();
    }

    /** Returns {@code text} without the lines that name the test's dictionary mistakes. */
    static String withoutDictionary(TestResult t, String text) {
        List<String> lines = t.extraData().mistakes() == null ? List.of() : t.extraData().mistakes().stream()
                .filter(n -> n.id().startsWith(Score.DICTIONARY_PREFIX)).map(n -> Score.MISTAKE_PREFIX + n.message())
                .toList();
        if (lines.isEmpty() || text == null) {
            return text;
        }
        return Arrays.stream(text.split("\n", -1)).filter(l -> !lines.contains(l)).collect(Collectors.joining("\n"));
    }
}
