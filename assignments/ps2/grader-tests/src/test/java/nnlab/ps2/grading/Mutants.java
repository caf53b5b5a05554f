package nnlab.ps2.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import nnlab.grader.Disclosure;
import nnlab.grader.Score;
import nnlab.grader.run.Grader;
import nnlab.grader.report.Results;

/**
 * The catalogue of buggy implementations ({@code mutants.json}): each a find → replace patch against the correct
 * sample, the part it breaks, the parts it inherently breaks too (with the reason) and the mistake the feedback should
 * name. Applied to a temporary copy at test time.
 */
final class Mutants {

    /** One find → replace edit; {@code find} must occur exactly once in the file when the edit is applied. */
    record Patch(String find, String replace) {
    }

    /** One catalogued mistake. {@code hint} is a {@link Mistake} name, or null when the feedback names none. */
    record Mutant(String id, String file, List<Patch> patches, int part, String mistake, String hint,
                  List<Integer> dependents, String why) {
    }

    /**
     * What grading one mutant gave: points lost per part (1–4), the full feedback of every test, what a student sees
     * of every test before the due date (by the engine's {@link Disclosure}) and the mistake ids each test recorded.
     */
    record Outcome(Mutant mutant, Map<Integer, Double> lostByPart, Map<String, String> outputByTest, double score,
                   Map<String, String> studentViewByTest, Map<String, List<String>> mistakesByTest) {
        /** Returns whether the mutant's own part shows its expected hint in the full feedback. */
        boolean hintShown() {
            return hintIn(outputByTest);
        }

        /**
         * Returns whether a student sees the expected hint before the due date in the mutant's own part, both as text
         * and as the structured mistake record.
         */
        boolean namedBeforeDueDate() {
            return hintIn(studentViewByTest) && mistakesByTest.entrySet().stream()
                    .anyMatch(e -> partOf(e.getKey()) == mutant.part() && e.getValue().contains(mutant.hint()));
        }

        private boolean hintIn(Map<String, String> texts) {
            if (mutant.hint() == null) {
                return false;
            }
            String message = Mistake.valueOf(mutant.hint()).message();
            return texts.entrySet().stream()
                    .anyMatch(e -> partOf(e.getKey()) == mutant.part() && e.getValue().contains(message));
        }
    }

    /** Problem set 2 has four parts. */
    static final int PARTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Mutants() {
    }

    /** Reads the catalogue. */
    static List<Mutant> catalogue() {
        try (InputStream in = Mutants.class.getResourceAsStream("mutants.json")) {
            return JSON.readValue(in, new TypeReference<List<Mutant>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the correct sample into {@code folder} and applies the mutant's patches. */
    static Path apply(Mutant m, Path folder) throws IOException {
        Path copy = Grading.copy(Grading.correct(), folder);
        Path file = copy.resolve("src/main/java/nnlab").resolve(m.file());
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
        return copy;
    }

    /** Grades the mutant in process (trusted code) with the fixed seed. */
    static Outcome grade(Mutant m, Path tmp, Grader.Options options) throws IOException {
        Path submission = apply(m, Files.createDirectories(tmp.resolve(m.id())));
        Results results = Grading.GRADER.grade(submission, options);
        return outcome(m, results);
    }

    static Outcome outcome(Mutant m, Results results) {
        Map<Integer, Double> lost = new TreeMap<>();
        Map<String, String> outputs = new TreeMap<>();
        Map<String, String> studentView = new TreeMap<>();
        Map<String, List<String>> mistakes = new TreeMap<>();
        for (Results.Test t : results.tests()) {
            lost.merge(partOf(t.number()), t.maxScore() - t.score(), Double::sum);
            outputs.put(t.number(), t.output());
            studentView.put(t.number(), t.textFor(Disclosure.Reader.STUDENT_BEFORE_DUE_DATE));
            mistakes.put(t.number(), t.mistakes().stream().map(Score.Mistake::id).toList());
        }
        return new Outcome(m, lost, outputs, results.score(), studentView, mistakes);
    }

    static int partOf(String number) {
        return Integer.parseInt(number.substring(0, number.indexOf('.')));
    }

    /** Returns the Markdown table of the note: mutant, expected part, points lost per part, hint shown. */
    static String table(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("| mutant | part (+ may break) | lost P1 | P2 | P3 | P4 | score | hint shown"
                + " | named before due date |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Outcome o : outcomes) {
            Mutant m = o.mutant();
            sb.append("| ").append(m.id()).append(" | ").append(m.part())
                    .append(m.dependents().isEmpty() ? "" : " (+" + m.dependents() + ")");
            for (int part = 1; part <= PARTS; part++) {
                sb.append(" | ").append(String.format(Locale.ROOT, "%.2f", o.lostByPart().getOrDefault(part, 0.0)));
            }
            sb.append(" | ").append(String.format(Locale.ROOT, "%.2f", o.score())).append(" | ")
                    .append(m.hint() == null ? "—" : (o.hintShown() ? "yes: " : "NO: ") + m.hint()).append(" | ")
                    .append(o.namedBeforeDueDate() ? "yes" : "NO").append(" |\n");
        }
        return sb.toString();
    }
}
