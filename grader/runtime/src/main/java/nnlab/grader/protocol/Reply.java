package nnlab.grader.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one {@link Request}, carrying its {@code id}; {@link Protocol} alone writes and reads them. The
 * submission JVM writes each reply as a fresh line that starts with the run's secret, so that text student code
 * writes to the real stdout is never taken for one.
 */
public sealed interface Reply {

    /** The id of a reply that answers no request: one to a request line that could not be read. */
    long NO_ID = -1;

    /** Returns the id of the request this answers, or {@link #NO_ID}. */
    long id();

    /** The submission JVM read {@link Request.Init} and is ready for calls. */
    record Ready() implements Reply {
        @Override
        public long id() {
            return NO_ID;
        }
    }

    /**
     * What the student's code printed during a call, capped by the submission JVM: {@code truncated} says some was
     * dropped.
     */
    record Output(String out, String err, boolean truncated) {
        /** Nothing printed, or output not captured (in the grader's own process). */
        public static final Output NONE = new Output("", "", false);
    }

    /** A call's answer from the dispatcher, which says what the student's code printed during it. */
    sealed interface Answer extends Reply {
        /** Returns what the student's code printed during the call. */
        Output output();

        /** Returns this answer with {@code output} in place of its own. */
        Answer with(Output output);
    }

    /**
     * The request was carried out: {@code value} is its result as a protocol value ({@code null} for void),
     * {@code inout} the values after the call of the arguments the request named as changed in place (by index), and
     * {@code restart} (only after {@link Request.Reset}) asks the grader to replace the JVM.
     */
    record Returned(long id, Object value, Map<Integer, Object> inout, boolean restart, Output output)
            implements Answer {
        /** Copies {@code inout}, keeping its order; its values may be {@code null}. */
        public Returned {
            inout = Collections.unmodifiableMap(new LinkedHashMap<>(inout));
        }

        @Override
        public Returned with(Output output) {
            return new Returned(id, value, inout, restart, output);
        }
    }

    /** Why a request failed. */
    enum Failure {
        /** The student's code threw {@code className}. */
        EXCEPTION,
        /** The submission lacks the class or member asked for, or it has the wrong shape. */
        MISSING,
        /** The request could not be carried out at all (a grader error, or a reply out of shape). */
        PROTOCOL
    }

    /**
     * The request failed: {@code frames} are the student's own stack frames (at most a few), {@code fatal} says the
     * JVM is no longer trustworthy (an OutOfMemoryError, say) and ends after this reply.
     */
    record Failed(long id, Failure failure, String className, String message, List<String> frames, boolean fatal,
                  Output output) implements Answer {
        /** Copies the frames. */
        public Failed {
            frames = List.copyOf(frames);
        }

        @Override
        public Failed with(Output output) {
            return new Failed(id, failure, className, message, frames, fatal, output);
        }
    }

    /** A compiler error (or a file's failure) as javac reported it. */
    record Diagnostic(String file, long line, String message) {
    }

    /**
     * javac finished: whether it succeeded, its errors, the class files (path under the classes folder, e.g.
     * "nnlab/Dense.class", to base64 of the bytes) and what javac reported outside diagnostics (its own
     * StackOverflowError, say).
     */
    record Compiled(long id, boolean success, List<Diagnostic> diagnostics, Map<String, String> classes, String log)
            implements Reply {
        /** Copies the lists, keeping the classes' order. */
        public Compiled {
            diagnostics = List.copyOf(diagnostics);
            classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
        }
    }

    /**
     * javac threw (a StackOverflowError on deeply nested code, say) or its output grew too large: {@code reason} names
     * it. After an OutOfMemoryError the compiler process replies if it can and halts.
     */
    record CompileCrashed(long id, String reason) implements Reply {
    }
}
