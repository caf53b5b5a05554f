package nnlab.grader.run;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;
import nnlab.grader.sandbox.Endpoint;

/**
 * The student endpoint as the hidden tests see it after compilation replaced some submitted files by the starter's: a
 * stack frame in such a file points at a line of the starter's file, not of the student's, so the frame says so. Every
 * call and every other method goes to the wrapped endpoint unchanged.
 */
final class StarterFramesEndpoint implements Endpoint {

    private final Endpoint student;
    /** The replaced files' names as stack frames show them, e.g. "Dense.java". */
    private final Set<String> starterFiles;

    private StarterFramesEndpoint(Endpoint student, Set<String> starterFiles) {
        this.student = student;
        this.starterFiles = starterFiles;
    }

    /**
     * Returns {@code student} itself when {@code replaced} (source paths, e.g. "nnlab/Dense.java") is empty, else an
     * endpoint whose error replies mark the frames in those files.
     */
    static Endpoint wrap(Endpoint student, List<String> replaced) {
        if (replaced.isEmpty()) {
            return student;
        }
        Set<String> names = replaced.stream().map(p -> p.substring(p.lastIndexOf('/') + 1)).collect(Collectors.toSet());
        return new StarterFramesEndpoint(student, names);
    }

    @Override
    public Reply.Answer exchange(Request request) {
        Reply.Answer reply = student.exchange(request);
        if (!(reply instanceof Reply.Failed failed)) {
            return reply;
        }
        List<String> marked = failed.frames().stream().map(this::mark).toList();
        return new Reply.Failed(failed.id(), failed.failure(), failed.className(), failed.message(), marked,
                failed.fatal(), failed.output());
    }

    private String mark(String frame) {
        for (String name : starterFiles) {
            if (frame.contains("(" + name + ":")) {
                return frame + " — a line of the starter's " + name + ", used because yours did not compile";
            }
        }
        return frame;
    }

    @Override
    public int generation() {
        return student.generation();
    }

    @Override
    public String drainOutput() {
        return student.drainOutput();
    }

    @Override
    public void recycle() {
        student.recycle();
    }

    @Override
    public void close() {
        student.close();
    }
}
