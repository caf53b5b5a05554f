package nnlab.grader.course.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.comments.LineComment;

/**
 * The solution block of one task of an assignment in a parsed reference file: the lines between the task's
 * {@code //@solution} and its {@code //@end} (docs/authoring.md, "Markers"), both exclusive.
 *
 * @param method  the task's {@code Class.method}
 * @param section its handout section, e.g. "§1.2"
 * @param first   the block's first line (1-based)
 * @param last    its last line
 */
public record TaskRegion(String method, String section, int first, int last) {

    private static final String MARKER = "@";
    /** The starter text's prefix in the reference (docs/authoring.md). */
    private static final String TEXT = "//>";

    /** Returns whether lines {@code from}..{@code to} lie inside the block. */
    public boolean encloses(int from, int to) {
        return from >= first && to <= last;
    }

    /**
     * Returns the solution blocks of {@code assignment}'s own tasks in {@code unit}, a reference file parsed with its
     * comments, in the file's order. The markers are read from the parser's comments, nesting included; a task of
     * another assignment is left out (an earlier one's code is provided, a later one's is not the audited task).
     */
    public static List<TaskRegion> of(CompilationUnit unit, String assignment) {
        List<LineComment> markers = unit.getAllComments().stream().filter(Comment::isLineComment)
                .map(Comment::asLineComment).filter(c -> c.getContent().strip().startsWith(MARKER))
                .filter(c -> c.getRange().isPresent())
                .sorted(Comparator.comparingInt(c -> c.getRange().get().begin.line)).toList();
        Deque<Open> open = new ArrayDeque<>();
        List<TaskRegion> regions = new ArrayList<>();
        for (LineComment c : markers) {
            String[] words = c.getContent().strip().substring(MARKER.length()).split("\\s+");
            int line = c.getRange().get().begin.line;
            switch (words[0]) {
                case "task" -> open.push(new Open(words, new int[] {-1}));
                case "end" -> {
                    Open block = open.pop();
                    if (block.words()[0].equals("task") && block.words().length == 4
                            && block.words()[1].equals(assignment) && block.solution()[0] > 0) {
                        regions.add(new TaskRegion(block.words()[2], block.words()[3], block.solution()[0] + 1,
                                line - 1));
                    }
                }
                case "solution", "starter", "else" -> {
                    if (words.length == 1) {
                        if (words[0].equals("solution") && !open.isEmpty() && open.peek().words()[0].equals("task")) {
                            open.peek().solution()[0] = line;
                        }
                    } else {
                        open.push(new Open(words, new int[] {-1}));
                    }
                }
                case "since", "reference" -> open.push(new Open(words, new int[] {-1}));
                default -> {
                    // "//@file since ID" on the first line opens no block.
                }
            }
        }
        regions.sort(Comparator.comparingInt(TaskRegion::first));
        return regions;
    }

    /**
     * Returns the blocks {@code regions} of a reference file as lines of {@code rendered}, the file the markers render
     * from it: a rendered line belongs to a block when it comes from a line inside it, or when it is starter text
     * (a {@code //>} line, an {@code //@else} part) that the markers put in place of lines inside it. Lines are matched
     * by a diff of the two texts, which differ only where markers added or removed lines.
     */
    public static List<TaskRegion> inRendered(List<TaskRegion> regions, String reference, String rendered) {
        List<String> before = List.of(reference.split("\n", -1));
        List<String> after = List.of(rendered.split("\n", -1));
        // origin[k]: the reference line (1-based) that rendered line k + 1 comes from or stands in for.
        int[] origin = new int[after.size()];
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> d : DiffUtils.diff(before, after).getDeltas()) {
            while (j < d.getTarget().getPosition()) {
                origin[j++] = ++i;
            }
            List<String> removed = d.getSource().getLines();
            int from = 0;
            for (String line : d.getTarget().getLines()) {
                int found = standsFor(removed, from, line);
                from = found < 0 ? from : found + 1;
                origin[j++] = d.getSource().getPosition() + 1 + Math.max(found, 0);
            }
            i = d.getSource().getPosition() + d.getSource().size();
        }
        while (j < after.size()) {
            origin[j++] = ++i;
        }
        List<TaskRegion> mapped = new ArrayList<>();
        for (TaskRegion r : regions) {
            int first = -1;
            int last = -1;
            for (int k = 0; k < origin.length; k++) {
                if (origin[k] >= r.first() && origin[k] <= r.last()) {
                    first = first < 0 ? k + 1 : first;
                    last = k + 1;
                }
            }
            if (first > 0) {
                mapped.add(new TaskRegion(r.method(), r.section(), first, last));
            }
        }
        return mapped;
    }

    /**
     * Returns the index, from {@code from} on, of the reference line that rendered {@code line} comes from: the same
     * line, or the starter text ({@code //> text}, or {@code //>} for an empty line) that renders as it; -1 when none.
     */
    private static int standsFor(List<String> reference, int from, String line) {
        String text = line.strip();
        for (int k = from; k < reference.size(); k++) {
            String r = reference.get(k).strip();
            if (r.equals(text) || r.equals(TEXT + " " + text) || (text.isEmpty() && r.equals(TEXT))) {
                return k;
            }
        }
        return -1;
    }

    /** An open block: its marker's words and, for a task, the line of its {@code //@solution}. */
    private record Open(String[] words, int[] solution) {
    }
}
