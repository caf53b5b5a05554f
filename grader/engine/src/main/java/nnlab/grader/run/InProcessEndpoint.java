package nnlab.grader.run;

import java.util.List;
import java.util.Map;

import nnlab.grader.runtime.Dispatcher;
import nnlab.grader.runtime.Json;
import nnlab.grader.sandbox.Endpoint;

/**
 * Runs requests through the runtime's dispatcher inside this JVM, with the same JSON encoding as the submission
 * JVM: the oracle, and the unsandboxed fast path for trusted code.
 */
final class InProcessEndpoint implements Endpoint {

    private final Dispatcher dispatcher;

    InProcessEndpoint(ClassLoader loader, List<Dispatcher.ValueType> valueTypes) {
        this.dispatcher = new Dispatcher(loader, valueTypes, null);
    }

    @Override
    public Map<?, ?> exchange(Map<String, Object> request) {
        return (Map<?, ?>) Json.read(dispatcher.handle(Json.write(request)));
    }

    @Override
    public int generation() {
        return 0;
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
