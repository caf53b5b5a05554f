package nnlab.grader.run;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import nnlab.grader.runtime.Dispatcher;
import nnlab.grader.runtime.Json;
import nnlab.grader.sandbox.Endpoint;

/**
 * Runs requests through the runtime's dispatcher inside this JVM, with the same JSON encoding as the submission
 * JVM: the oracle (one class loader throughout), and the unsandboxed fast path for trusted code, which like the
 * submission JVM loads the student classes afresh for every test.
 */
final class InProcessEndpoint implements Endpoint {

    private final Dispatcher dispatcher;
    private int generation;

    /** An endpoint over classes that keep their state for the whole run (the oracle). */
    InProcessEndpoint(ClassLoader loader, List<Dispatcher.ValueType> valueTypes) {
        this.dispatcher = new Dispatcher(loader, valueTypes, null);
    }

    /** An endpoint that takes a fresh loader from {@code loaders} at every test boundary (trusted submissions). */
    InProcessEndpoint(Supplier<ClassLoader> loaders, List<Dispatcher.ValueType> valueTypes) {
        this.dispatcher = new Dispatcher(loaders, valueTypes, null, () -> true);
    }

    @Override
    public Map<?, ?> exchange(Map<String, Object> request) {
        return (Map<?, ?>) Json.read(dispatcher.handle(Json.write(request)));
    }

    @Override
    public int generation() {
        return generation;
    }

    @Override
    public void recycle() {
        Map<String, Object> reset = new java.util.LinkedHashMap<>();
        reset.put("id", 0);
        reset.put("op", "reset");
        exchange(reset);
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
