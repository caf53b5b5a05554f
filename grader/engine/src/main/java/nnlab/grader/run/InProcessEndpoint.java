package nnlab.grader.run;

import java.util.List;
import java.util.function.Supplier;

import nnlab.grader.protocol.Protocol;
import nnlab.grader.protocol.Reply;
import nnlab.grader.protocol.Request;
import nnlab.grader.protocol.ValueType;
import nnlab.grader.runtime.Dispatcher;
import nnlab.grader.sandbox.Endpoint;

/**
 * Runs requests through the runtime's dispatcher inside this JVM, encoded and decoded by {@link Protocol} as for the
 * submission JVM, so that values cross the same way: the oracle (one class loader throughout), and the unsandboxed fast path for trusted code, which like the
 * submission JVM loads the student classes afresh for every test.
 */
final class InProcessEndpoint implements Endpoint {

    private final Dispatcher dispatcher;
    private int generation;

    /** An endpoint over classes that keep their state for the whole run (the oracle). */
    InProcessEndpoint(ClassLoader loader, List<ValueType> valueTypes) {
        this.dispatcher = new Dispatcher(loader, valueTypes, null);
    }

    /** An endpoint that takes a fresh loader from {@code loaders} at every test boundary (trusted submissions). */
    InProcessEndpoint(Supplier<ClassLoader> loaders, List<ValueType> valueTypes) {
        this.dispatcher = new Dispatcher(loaders, valueTypes, null, () -> true);
    }

    @Override
    public Reply.Answer exchange(Request request) {
        return (Reply.Answer) Protocol.decodeReply(Protocol.encode(dispatcher.handle(Protocol.encode(request))));
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public void recycle() {
        exchange(new Request.Reset(0));
        generation++;
    }

    @Override
    public String drainOutput() {
        return "";
    }

    @Override
    public void close() {
        // Nothing to release: the dispatcher's objects go with it.
    }
}
