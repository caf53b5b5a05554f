package nnlab.grader.sandbox;

import nnlab.grader.StudentException;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;

/** Where facade calls go: the submission JVM or a dispatcher in this process. */
public interface Endpoint extends AutoCloseable {

    /**
     * Sends one request and returns the reply to it.
     *
     * @throws StudentException when no reply can be had (timeout, crash, budget used up, a reply too large)
     */
    Reply.Answer exchange(Request request);

    /** Returns a number that changes whenever the objects created so far are lost (a JVM restart). */
    int generation();

    /** Returns and clears what student code printed since the last call, capped. */
    String drainOutput();

    /**
     * Discards everything the submission's code has started or kept: the next call runs in a fresh JVM (with a fresh
     * working folder), or, in process, with freshly loaded classes. Objects created so far are lost.
     */
    void recycle();

    @Override
    void close();
}
