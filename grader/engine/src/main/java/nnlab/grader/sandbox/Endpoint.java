package nnlab.grader.sandbox;

import java.util.Map;

import nnlab.grader.StudentException;

/** Where facade calls go: the submission JVM or a dispatcher in this process. */
public interface Endpoint extends AutoCloseable {

    /**
     * Sends one request and returns the reply as plain JSON values.
     *
     * @throws StudentException when no reply can be had (timeout, crash, budget used up, unreadable reply)
     */
    Map<?, ?> exchange(Map<String, Object> request);

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
