package nnlab.grader;

import java.util.List;
import java.util.regex.Pattern;

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

    /**
     * The message every starter method throws until the student writes it ({@code authoring.Markers} writes it into
     * the starter): a class, a method and a handout section, nothing more, so it is safe to show with a hidden test.
     * The bounds keep a student's own message from passing for it with data in it.
     */
    private static final Pattern NOT_IMPLEMENTED = Pattern.compile(
            "Not implemented yet: [A-Z][A-Za-z]{0,40}\\.[a-z][A-Za-z]{0,40} — see handout §[0-9]{1,2}(\\.[0-9]{1,2}){0,3}");
    private static final String UNSUPPORTED = UnsupportedOperationException.class.getName();

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
     * filled with a hidden input; only the starter's own "Not implemented yet: Class.method — see handout §x.y" is
     * shown as it is, because it says what to do next.
     */
    public String brief() {
        String where = frames.isEmpty() ? "" : " at " + frames.get(0);
        if (notImplemented()) {
            return getMessage() + ".";
        }
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

    /** Returns whether student code threw the starter's "Not implemented yet" exception: a method not written yet. */
    public boolean notImplemented() {
        return kind == Kind.THREW && UNSUPPORTED.equals(exceptionClass) && getMessage() != null
                && NOT_IMPLEMENTED.matcher(getMessage()).matches();
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
