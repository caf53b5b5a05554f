package nnlab.grader;

import java.util.List;

/**
 * A call into student code did not return normally: it threw, a class or method is missing, or the submission JVM
 * crashed, timed out or broke the protocol. The message is written for the student.
 */
public final class StudentException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Kind {
        /** Student code threw; {@link #exceptionClass()} names the exception. */
        THREW,
        /** A class, constructor, method or enum constant the API requires is absent or has another signature. */
        MISSING,
        /** The call used more than its processor time, or waited past its wall-clock backstop. */
        TIMEOUT,
        /** The submission JVM ended (System.exit, Runtime.halt, a crash, a resource limit). */
        CRASHED,
        /** The submission's time budget is used up. */
        BUDGET,
        /** The reply could not be understood. */
        PROTOCOL,
        /** The grading machine was too busy for the call to finish: not the student's fault; the grader retries. */
        OVERLOADED
    }

    private final Kind kind;
    private final String exceptionClass;
    private final List<String> frames;

    /** Creates a failure; {@code exceptionClass} is empty unless student code threw. */
    public StudentException(Kind kind, String exceptionClass, String message, List<String> frames) {
        super(message);
        this.kind = kind;
        this.exceptionClass = exceptionClass == null ? "" : exceptionClass;
        this.frames = List.copyOf(frames);
    }

    /** Returns why the call failed. */
    public Kind kind() {
        return kind;
    }

    /** Returns the class name of the exception student code threw, or "". */
    public String exceptionClass() {
        return exceptionClass;
    }

    /** Returns a few stack frames from student code, innermost first. */
    public List<String> frames() {
        return frames;
    }

    /**
     * Returns the failure in words that reveal no value, for a report that must keep hidden cases hidden: the kind of
     * failure, the exception's class and the innermost student frame — never the message, which student code may have
     * filled with a hidden input.
     */
    public String brief() {
        String where = frames.isEmpty() ? "" : " at " + frames.get(0);
        return switch (kind) {
            case THREW -> "Your code threw " + exceptionClass + where + ".";
            case MISSING -> "A method or class the handout requires is missing or has another signature.";
            case TIMEOUT -> "Your code took too long.";
            case CRASHED -> "The JVM running your code ended (System.exit, a crash or a resource limit).";
            case BUDGET -> "Your submission used up its time budget.";
            case PROTOCOL -> "Your code's reply could not be understood.";
            case OVERLOADED -> "The grading machine was too busy to finish a call (not your code's fault).";
        };
    }

    /** Returns the message with the exception class and frames, for a student report. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (kind == Kind.THREW) {
            sb.append("your code threw ").append(exceptionClass).append(": ").append(getMessage());
        } else {
            sb.append(getMessage());
        }
        for (String f : frames) {
            sb.append("\n    at ").append(f);
        }
        return sb.toString();
    }
}
