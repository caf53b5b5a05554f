package nnlab.grader;

import java.util.ServiceLoader;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit extension every {@link GradedTest} runs with: it hands each callback to the grader's
 * {@link Implementation}, found with {@link ServiceLoader}, so that this contracts package names no class of the
 * grader's run stage (which depends on it) and the two never form a cycle.
 */
public final class GradedTestExtension implements ParameterResolver, BeforeEachCallback, AfterEachCallback {

    /** What the grader's run stage provides: a graded test's parameters and the submission's state around it. */
    public interface Implementation extends ParameterResolver, BeforeEachCallback, AfterEachCallback {
    }

    private final Implementation delegate;

    /** Creates the extension; JUnit does this. */
    public GradedTestExtension() {
        this.delegate = ServiceLoader.load(Implementation.class, Implementation.class.getClassLoader()).findFirst()
                .orElseThrow(() -> new IllegalStateException("no grader on the class path implements graded tests:"
                        + " add the nnlab grader engine (its run stage registers " + Implementation.class.getName()
                        + ")"));
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return delegate.supportsParameter(p, e);
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return delegate.resolveParameter(p, e);
    }

    @Override
    public void beforeEach(ExtensionContext e) throws Exception {
        delegate.beforeEach(e);
    }

    @Override
    public void afterEach(ExtensionContext e) throws Exception {
        delegate.afterEach(e);
    }
}
