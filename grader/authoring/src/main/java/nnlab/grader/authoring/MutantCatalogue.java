package nnlab.grader.authoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import nnlab.grader.Reader;
import nnlab.grader.Score;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;
import nnlab.grader.run.Grader;

/**
 * An assignment's catalogue of buggy implementations ({@code mutants.json} in its grader-tests: {@link
 * RepositoryLayout#mutantCatalogue}): each a find → replace
 * patch against the correct sample, the part it breaks, the parts it inherently breaks too (with the reason) and the
 * mistake the feedback should name. Applied to a copy of the correct sample at test time; see docs/authoring.md.
 */
public final class MutantCatalogue {

    /** One find → replace edit; {@code find} must occur exactly once in the file when the edit is applied. */
    public record Patch(String find, String replace) {
    }

    /** One catalogued mistake. {@code hint} is a catalogued mistake's id, or null when the feedback names none. */
    public record Mutant(String id, String file, List<Patch> patches, int part, String mistake, String hint,
                         List<Integer> dependents, String why) {
    }

    /**
     * What grading one mutant gave: points lost per part, the full feedback of every test, what a student sees of every
     * test before the due date (by the engine's {@link nnlab.grader.Disclosure}) and the mistake ids each test recorded; {@code
     * hintMessage} is the feedback line of the mutant's hint (null without one).
     */
    public record Outcome(Mutant mutant, Map<Integer, Double> lostByPart, Map<String, String> outputByTest, double score,
                          Map<String, String> studentViewByTest, Map<String, List<String>> mistakesByTest,
                          String hintMessage) {
        /** Returns whether the mutant's own part shows its expected hint in the full feedback. */
        public boolean hintShown() {
            return hintIn(outputByTest);
        }

        /**
         * Returns whether a student sees the expected hint before the due date in the mutant's own part, both as text
         * and as the structured mistake record.
         */
        public boolean namedBeforeDueDate() {
            return hintIn(studentViewByTest) && mistakesByTest.entrySet().stream()
                    .anyMatch(e -> partOf(e.getKey()) == mutant.part() && e.getValue().contains(mutant.hint()));
        }

        private boolean hintIn(Map<String, String> texts) {
            return hintMessage != null && texts.entrySet().stream()
                    .anyMatch(e -> partOf(e.getKey()) == mutant.part() && e.getValue().contains(hintMessage));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Mutant> mutants;
    private final int parts;
    private final UnaryOperator<String> hintMessage;

    private MutantCatalogue(List<Mutant> mutants, int parts, UnaryOperator<String> hintMessage) {
        this.mutants = List.copyOf(mutants);
        this.parts = parts;
        this.hintMessage = hintMessage;
    }

    /**
     * Reads the catalogue from {@code json} for an assignment of {@code parts} parts; {@code hintMessage} turns a
     * hint (a catalogued mistake's id) into the feedback line that names it.
     */
    public static MutantCatalogue read(InputStream json, int parts, UnaryOperator<String> hintMessage)
            throws IOException {
        return new MutantCatalogue(JSON.readValue(json, new TypeReference<List<Mutant>>() { }), parts, hintMessage);
    }

    /**
     * Reads the catalogue of assignment {@code id} from where {@code repository} keeps it ({@link
     * RepositoryLayout#mutantCatalogue}), as {@link #read(InputStream, int, UnaryOperator)} does; none when the
     * assignment has no catalogue.
     */
    public static Optional<MutantCatalogue> read(Path repository, String id, int parts,
                                                 UnaryOperator<String> hintMessage) throws IOException {
        Path file = RepositoryLayout.mutantCatalogue(repository, id);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of(read(in, parts, hintMessage));
        }
    }

    /** Returns the mutants in the catalogue's order. */
    public List<Mutant> mutants() {
        return mutants;
    }

    /** Returns the assignment's number of parts. */
    public int parts() {
        return parts;
    }

    /** Applies the mutant's patches to {@code submission}, a copy of the correct sample; returns it. */
    public static Path apply(Mutant m, Path submission) throws IOException {
        Path file = submission.resolve("src/main/java/nnlab").resolve(m.file());
        String text = Files.readString(file);
        for (Patch p : m.patches()) {
            int first = text.indexOf(p.find());
            if (first < 0 || text.indexOf(p.find(), first + 1) >= 0) {
                throw new IllegalStateException(m.id() + ": the patch's find text must occur exactly once in " + m.file()
                        + ": " + p.find());
            }
            text = text.replace(p.find(), p.replace());
        }
        Files.writeString(file, text);
        return submission;
    }

    /** Grades {@code submission}, the mutant applied, with {@code grader} and returns what it gave. */
    public Outcome grade(Mutant m, Path submission, Grader grader, Grader.Options options) {
        return outcome(m, grader.grade(submission, options));
    }

    /** Returns what {@code results}, the grading of the mutant, gave. */
    public Outcome outcome(Mutant m, ResultsDocument results) {
        Map<Integer, Double> lost = new TreeMap<>();
        Map<String, String> outputs = new TreeMap<>();
        Map<String, String> studentView = new TreeMap<>();
        Map<String, List<String>> mistakes = new TreeMap<>();
        for (TestResult t : results.tests()) {
            lost.merge(partOf(t.number()), t.maxScore() - t.score(), Double::sum);
            outputs.put(t.number(), t.details());
            studentView.put(t.number(), t.textFor(Reader.STUDENT));
            mistakes.put(t.number(), t.extraData().mistakes().stream().map(Score.Mistake::id).toList());
        }
        return new Outcome(m, lost, outputs, results.score(), studentView, mistakes,
                m.hint() == null ? null : hintMessage.apply(m.hint()));
    }

    /** Returns the part of graded test {@code number} ("x.y.k" is in part x). */
    public static int partOf(String number) {
        return Integer.parseInt(number.substring(0, number.indexOf('.')));
    }

    /**
     * Returns the one-line figure of the catalogue's feedback: how many mutants a student sees named before the due
     * date, of how many, and the share, e.g. "named before the due date: 37 of 41 mutants (90.2%)".
     */
    public static String namedSummary(List<Outcome> outcomes) {
        long named = outcomes.stream().filter(Outcome::namedBeforeDueDate).count();
        return String.format(Locale.ROOT, "named before the due date: %d of %d mutants (%.1f%%)", named, outcomes.size(),
                outcomes.isEmpty() ? 0.0 : 100.0 * named / outcomes.size());
    }

    /** Returns the Markdown table of the note: mutant, expected part, points lost per part, hint shown. */
    public String table(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("| mutant | part (+ may break) | lost P1");
        for (int part = 2; part <= parts; part++) {
            sb.append(" | P").append(part);
        }
        sb.append(" | score | hint shown | named before due date |\n|---|---|")
                .append("---|".repeat(parts)).append("---|---|---|\n");
        for (Outcome o : outcomes) {
            Mutant m = o.mutant();
            sb.append("| ").append(m.id()).append(" | ").append(m.part())
                    .append(m.dependents().isEmpty() ? "" : " (+" + m.dependents() + ")");
            for (int part = 1; part <= parts; part++) {
                sb.append(" | ").append(String.format(Locale.ROOT, "%.2f", o.lostByPart().getOrDefault(part, 0.0)));
            }
            sb.append(" | ").append(String.format(Locale.ROOT, "%.2f", o.score())).append(" | ")
                    .append(m.hint() == null ? "—" : (o.hintShown() ? "yes: " : "NO: ") + m.hint()).append(" | ")
                    .append(o.namedBeforeDueDate() ? "yes" : "NO").append(" |\n");
        }
        return sb.toString();
    }
}
