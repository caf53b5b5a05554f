package nnlab.grader.course;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The class list, read from a CSV in Canvas's layout (Student, ID, SIS User ID, SIS Login ID, Section; other columns
 * are ignored). A submission named {@code NAME} belongs to the row whose optional {@code Submission} column, SIS Login
 * ID, SIS User ID or ID equals {@code NAME} (case-insensitive), tried in that order.
 */
public final class Roster {

    /** One student. */
    public record Student(String name, String id, String sisUserId, String sisLoginId, String section) {
    }

    /** A Canvas export's assignment column: its title, then Canvas's id in parentheses. */
    private static final java.util.regex.Pattern CANVAS_ASSIGNMENT = java.util.regex.Pattern.compile(".+ \\([0-9]+\\)");

    private final List<Map<String, String>> rows;

    private Roster(List<Map<String, String>> rows) {
        this.rows = rows;
    }

    /** A roster with no students: every submission stands for itself. */
    public static Roster empty() {
        return new Roster(List.of());
    }

    /** Reads a roster CSV. */
    public static Roster read(Path csv) throws IOException {
        List<Map<String, String>> rows = Csv.read(csv);
        if (!rows.isEmpty() && !rows.get(0).containsKey("Student") && !rows.get(0).containsKey("ID")) {
            throw new IOException(csv + " is not a Canvas roster: it needs the columns Student, ID, SIS User ID,"
                    + " SIS Login ID and Section");
        }
        return new Roster(rows.stream().filter(r -> !r.getOrDefault("Student", "").contains("Points Possible")).toList());
    }

    /** Returns the student who owns submission {@code name}; a student named after the submission when none does. */
    public Student lookup(String name) {
        return find(name).orElseGet(() -> new Student(name, name, "", "", ""));
    }

    /** Returns the roster's student who owns submission {@code name}, if any. */
    public Optional<Student> find(String name) {
        for (String column : List.of("Submission", "SIS Login ID", "SIS User ID", "ID")) {
            for (Map<String, String> row : rows) {
                if (row.getOrDefault(column, "").trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(student(row));
                }
            }
        }
        return Optional.empty();
    }

    /** Returns whether the roster lists no student (no roster was given). */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Returns the roster's columns that name a Canvas assignment, "TITLE (ID)" as a Canvas gradebook export heads
     * them: where a TA finds the id {@code --canvas-id} needs.
     */
    public List<String> canvasAssignments() {
        return rows.isEmpty() ? List.of() : rows.get(0).keySet().stream()
                .filter(h -> CANVAS_ASSIGNMENT.matcher(h.trim()).matches()).toList();
    }

    /** Returns every student on the roster. */
    public List<Student> students() {
        List<Student> all = new ArrayList<>();
        rows.forEach(r -> all.add(student(r)));
        return all;
    }

    private static Student student(Map<String, String> row) {
        return new Student(row.getOrDefault("Student", "").trim(), row.getOrDefault("ID", "").trim(),
                row.getOrDefault("SIS User ID", "").trim(), row.getOrDefault("SIS Login ID", "").trim(),
                row.getOrDefault("Section", "").trim());
    }
}
