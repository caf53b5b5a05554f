package nnlab.grader.course.audit;

import java.util.Comparator;
import java.util.List;

/**
 * One change an operator proposes in a source file: text edits at offsets found by the parser, applied together.
 *
 * @param operator  the operator
 * @param file      the file it changes (a sample's: "src/main/java/nnlab/Sgd.java")
 * @param task      the task whose solution block it changes
 * @param edits     the edits, never overlapping
 */
public record Candidate(MutationOperator operator, String file, TaskRegion task, List<Edit> edits) {

    /** Replace the text at [{@code start}, {@code end}) by {@code text}. */
    public record Edit(int start, int end, String text) {
    }

    /** Canonical form: the edits as an unmodifiable list. */
    public Candidate {
        edits = List.copyOf(edits);
    }

    /** Returns {@code source} with the edits applied. */
    public String applyTo(String source) {
        StringBuilder sb = new StringBuilder(source);
        edits.stream().sorted(Comparator.comparingInt(Edit::start).reversed())
                .forEach(e -> sb.replace(e.start(), e.end(), e.text()));
        return sb.toString();
    }
}
