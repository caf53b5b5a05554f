package nnlab.grader;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Who reads a graded test's result, and when: the one model of a reader that {@link Disclosure} decides for and every
 * report (Gradescope's output, the HTML pages, the terminal summary) is drawn for. On command lines a reader is
 * written {@code student}, {@code student-after-due-date} or {@code ta}.
 */
public enum Reader {
    /** A student while submissions (late ones included) are still accepted. */
    STUDENT,
    /** A student once no submission is accepted any more. */
    STUDENT_AFTER_DUE_DATE,
    /** Course staff: everything, with the run's data. */
    TA;

    /** Returns the name a command line uses for this reader, e.g. {@code student-after-due-date}. */
    public String commandLineName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns the reader a command line names ({@link #commandLineName()}, any case); fails with an
     * IllegalArgumentException that lists the names to use.
     */
    public static Reader fromCommandLine(String value) {
        for (Reader r : values()) {
            if (r.commandLineName().equalsIgnoreCase(value)) {
                return r;
            }
        }
        List<String> names = Arrays.stream(values()).map(Reader::commandLineName).toList();
        throw new IllegalArgumentException("unknown reader '" + value + "': use "
                + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1));
    }

    /** Returns the student before or after the due date. */
    public static Reader student(boolean afterDueDate) {
        return afterDueDate ? STUDENT_AFTER_DUE_DATE : STUDENT;
    }
}
