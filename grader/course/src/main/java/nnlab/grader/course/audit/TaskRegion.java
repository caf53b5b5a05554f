package nnlab.grader.course.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

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

    /** An open block: its marker's words and, for a task, the line of its {@code //@solution}. */
    private record Open(String[] words, int[] solution) {
    }
}
