package nnlab.grader.course;

import java.io.IOException;
import java.nio.file.Path;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.report.html.BatchFolder;

import picocli.CommandLine.Option;

/**
 * The options of every command that writes a batch's gradebooks ({@code grade-all}, {@code merge},
 * {@code gradebook}): the roster, what an absent student gets, and Canvas's assignment id. One picocli mixin, so the
 * three commands take and explain them the same way.
 */
final class GradebookOptions {

    /** What a gradebook shows for a roster student who submitted nothing. */
    enum Absent {
        /** A score of 0, with the note "no submission". */
        ZERO,
        /** An empty cell: Canvas leaves the grade as it was. */
        BLANK
    }

    @Option(names = "--roster", description = "Canvas's gradebook export (columns Student, ID, SIS User ID, SIS Login"
            + " ID, Section; optional Submission): submission NAME belongs to the student whose Submission, SIS Login"
            + " ID, SIS User ID or ID is NAME, tried in that order. See docs/ta-guide.md.")
    Path roster;

    @Option(names = "--absent", defaultValue = "zero", description = "What a roster student with no submission gets:"
            + " zero (a 0 with the note \"no submission\") or blank (Canvas keeps its grade)."
            + " Default: ${DEFAULT-VALUE}.")
    Absent absent;

    @Option(names = "--canvas-id", description = "Canvas's assignment id (the number after /assignments/ in the"
            + " assignment's address in Canvas) for the gradebook column; without it Canvas cannot match the column.")
    String canvasId;

    /** Returns the roster --roster names, or an empty one; an unreadable roster is a usage error naming the option. */
    Roster readRoster() {
        return roster == null ? Roster.empty() : CourseMain.readInput("--roster", roster, () -> Roster.read(roster));
    }

    /**
     * Builds the gradebooks of {@code graded} against {@code roster}, writes them into {@code batch}, warns on stderr
     * when Canvas will not match their grade column, and returns them.
     */
    Gradebook write(AssignmentSpec spec, BatchFolder batch, Roster roster, BatchFolder.Read graded)
            throws IOException {
        Gradebook book = Gradebook.build(spec, graded.all(), roster, absent == Absent.ZERO);
        book.write(batch, canvasId);
        if (canvasId == null) {
            System.err.println("Warning: " + book.missingCanvasId());
        }
        return book;
    }
}
