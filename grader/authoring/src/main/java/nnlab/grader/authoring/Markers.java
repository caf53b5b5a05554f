package nnlab.grader.authoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Renders one reference source file for one assignment: the {@code //@} markers (docs/authoring.md, "Markers") decide
 * which lines the starter (or the assignment's solution, see {@link View}) gets; the markers themselves never appear
 * in the output.
 *
 * <p>A marker is a line whose only content, after indentation, is {@code //@} with a keyword and its arguments. Every
 * block ends with {@code //@end}; blocks nest. Starter text inside a block is comment lines: {@code //> text} becomes
 * {@code text} at the line's indentation, {@code //>} an empty line, and any other comment line is kept as it is.
 */
public final class Markers {

    /** The message every student method throws until it is written; the public tests check its shape. */
    static final String NOT_IMPLEMENTED = "throw new UnsupportedOperationException(\"Not implemented yet: %s — see handout %s\");";

    private static final String PREFIX = "//@";
    private static final String TEXT = "//>";
    private static final String FILE_SINCE = "file since";
    /** The markers that end a part of a block rather than open one. */
    private static final Set<String> CLOSERS = Set.of("end", "solution", "starter", "else");

    /** Which version of the assignment's files to render. */
    public enum View {
        /** What students get: the assignment's tasks replaced by their TODO text and a "Not implemented yet" throw. */
        STARTER,
        /** The starter with every task of the assignment solved: the reference's student files, markers removed. */
        SOLUTION
    }

    /** A student method found in the rendered file: {@code Class.method} and its handout section, e.g. "§1.1". */
    public record Task(String method, String section, int line) {
    }

    /** A rendered file: its text, or none when the file does not exist in this assignment, and its tasks. */
    public record Rendered(Optional<String> text, List<Task> tasks) {
    }

    private final String assignment;
    private final Set<String> earlier;
    private final View view;

    /**
     * Renders for {@code assignment}, which builds on the assignments in {@code follows} (its {@code starter.follows});
     * any other id a marker names counts as a later assignment.
     */
    public Markers(String assignment, Set<String> follows, View view) {
        this.assignment = assignment;
        this.earlier = Set.copyOf(follows);
        this.view = view;
    }

    /**
     * Renders {@code source}, the text of the reference file {@code name} (used in messages and to check that a task
     * names the file's class).
     *
     * @throws IllegalArgumentException naming the file and line of a malformed or unbalanced marker
     */
    public Rendered render(String name, String source) {
        String[] lines = source.split("\n", -1);
        List<Task> tasks = new ArrayList<>();
        int first = 0;
        if (lines.length > 0 && lines[0].strip().startsWith(PREFIX + "file")) {
            String scope = lines[0].strip().substring(PREFIX.length());
            if (!scope.startsWith(FILE_SINCE + " ") || scope.split("\\s+").length != 3) {
                throw new IllegalArgumentException(name + ":1: a file marker reads \"//@file since ID\", not \"" + lines[0]
                        + "\"");
            }
            if (!includes(scope.split("\\s+")[2])) {
                return new Rendered(Optional.empty(), List.of());
            }
            first = 1;
        }
        Parser parser = new Parser(name, lines, first, tasks);
        List<String> out = parser.file();
        return new Rendered(Optional.of(String.join("\n", out)), List.copyOf(tasks));
    }

    /** Whether code marked "since {@code id}" exists in this assignment. */
    private boolean includes(String id) {
        return id.equals(assignment) || earlier.contains(id);
    }

    /** The parts of one block: before its separator, and after it when it has one. */
    private record Block(List<List<String>> parts) {
        List<String> part(int i) {
            return i < parts.size() ? parts.get(i) : List.of();
        }
    }

    private final class Parser {
        private final String name;
        private final String[] lines;
        private final List<Task> tasks;
        private int next;

        Parser(String name, String[] lines, int first, List<Task> tasks) {
            this.name = name;
            this.lines = lines;
            this.next = first;
            this.tasks = tasks;
        }

        /** Reads the whole file, which must close every block it opens. */
        List<String> file() {
            List<String> out = new ArrayList<>();
            while (next < lines.length) {
                String line = lines[next++];
                String[] marker = marker(line);
                if (marker == null) {
                    out.add(line);
                } else if (marker.length == 1 && CLOSERS.contains(marker[0])) {
                    throw problem(next, "\"//@" + marker[0] + "\" closes no block");
                } else {
                    out.addAll(nested(marker, indentation(line), next));
                }
            }
            return out;
        }

        /**
         * Reads the lines of the block opened at {@code opened} up to its {@code //@end}: one part, or two when the
         * block has its {@code separator} (which it must when {@code required}).
         */
        Block block(int opened, String separator, boolean required) {
            List<List<String>> parts = new ArrayList<>();
            List<String> current = new ArrayList<>();
            parts.add(current);
            while (next < lines.length) {
                String line = lines[next++];
                String[] marker = marker(line);
                if (marker == null) {
                    current.add(line);
                } else if (marker.length == 1 && marker[0].equals("end")) {
                    if (required && parts.size() == 1) {
                        throw problem(opened, "this block needs its \"//@" + separator + "\" before \"//@end\"");
                    }
                    return new Block(parts);
                } else if (marker.length == 1 && marker[0].equals(separator) && parts.size() == 1) {
                    current = new ArrayList<>();
                    parts.add(current);
                } else if (marker.length == 1 && CLOSERS.contains(marker[0])) {
                    throw problem(next, "\"//@" + marker[0] + "\" does not belong here (the block opened on line "
                            + opened + " takes " + (separator == null ? "" : "one \"//@" + separator + "\", then ")
                            + "\"//@end\")");
                } else {
                    current.addAll(nested(marker, indentation(line), next));
                }
            }
            throw problem(opened, "this block has no \"//@end\"");
        }

        private List<String> nested(String[] marker, String indent, int line) {
            switch (marker[0]) {
                case "task": {
                    if (marker.length != 4 || !marker[3].startsWith("§")) {
                        throw problem(line, "a task marker reads \"//@task ID Class.method §x.y\"");
                    }
                    Block b = block(line, "solution", true);
                    checkClass(line, marker[2]);
                    if (!marker[1].equals(assignment)) {
                        return b.part(1);
                    }
                    tasks.add(new Task(marker[2], marker[3], line));
                    if (view == View.SOLUTION) {
                        return b.part(1);
                    }
                    List<String> out = text(b.part(0), line);
                    out.add(indent + String.format(NOT_IMPLEMENTED, marker[2], marker[3]));
                    return out;
                }
                case "solution": {
                    id(marker, line, "//@solution ID");
                    Block b = block(line, "starter", false);
                    boolean task = marker[1].equals(assignment) && view == View.STARTER;
                    return task ? text(b.part(1), line) : b.part(0);
                }
                case "starter": {
                    id(marker, line, "//@starter ID");
                    Block b = block(line, null, false);
                    boolean task = marker[1].equals(assignment) && view == View.STARTER;
                    return task ? text(b.part(0), line) : new ArrayList<>();
                }
                case "since": {
                    id(marker, line, "//@since ID");
                    Block b = block(line, "else", false);
                    return includes(marker[1]) ? b.part(0) : text(b.part(1), line);
                }
                case "reference": {
                    if (marker.length != 1) {
                        throw problem(line, "\"//@reference\" takes no argument");
                    }
                    Block b = block(line, "starter", true);
                    return text(b.part(1), line);
                }
                default:
                    throw problem(line, "unknown marker \"//@" + marker[0] + "\" (known: task, solution, starter, since,"
                            + " reference, else, end, and \"//@file since ID\" on the first line)");
            }
        }

        private void id(String[] marker, int line, String form) {
            if (marker.length != 2) {
                throw problem(line, "this marker reads \"" + form + "\"");
            }
        }

        private void checkClass(int line, String method) {
            String file = name.substring(name.lastIndexOf('/') + 1).replaceFirst("\\.java$", "");
            if (!method.startsWith(file + ".") || method.length() == file.length() + 1) {
                throw problem(line, "the task \"" + method + "\" is not a method of " + file + ": write " + file
                        + ".methodName");
            }
        }

        /** Turns starter text (comment lines in the reference) into the lines the starter gets. */
        private List<String> text(List<String> raw, int line) {
            List<String> out = new ArrayList<>();
            for (String l : raw) {
                String content = l.strip();
                if (content.equals(TEXT)) {
                    out.add("");
                } else if (content.startsWith(TEXT + " ")) {
                    out.add(indentation(l) + content.substring(TEXT.length() + 1));
                } else if (content.isEmpty() || content.startsWith("//")) {
                    out.add(l);
                } else {
                    throw problem(line, "the starter's text in this block must be comment lines (\"//> code\" for"
                            + " code the starter gets), not \"" + content + "\"");
                }
            }
            return out;
        }

        private IllegalArgumentException problem(int line, String what) {
            return new IllegalArgumentException(name + ":" + line + ": " + what);
        }
    }

    private static String[] marker(String line) {
        String content = line.strip();
        if (!content.startsWith(PREFIX)) {
            return null;
        }
        return content.substring(PREFIX.length()).split("\\s+");
    }

    private static String indentation(String line) {
        return line.substring(0, line.length() - line.stripLeading().length());
    }
}
