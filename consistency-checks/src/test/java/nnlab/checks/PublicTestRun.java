package nnlab.checks;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs compiled public tests on the JUnit Platform Launcher, in their own class loader, and reports every test. */
final class PublicTestRun {

    /** Surefire's convention in this repository: test classes end in {@code Tests}. */
    private static final String TEST_CLASS_SUFFIX = "Tests.class";

    /** One test's outcome. */
    record Outcome(String name, TestExecutionResult.Status status, Optional<Throwable> failure) {
    }

    private PublicTestRun() {
    }

    /**
     * Runs every top-level {@code *Tests} class in {@code testClasses} (with their {@code @Nested} groups), loading
     * {@code nnlab.*} from {@code roots} (the test classes first) and JUnit from this JVM.
     */
    static List<Outcome> run(Path testClasses, List<Path> roots) {
        List<Path> loaderRoots = new ArrayList<>();
        loaderRoots.add(testClasses);
        loaderRoots.addAll(roots);
        List<Outcome> outcomes = new ArrayList<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (NnlabFirstClassLoader loader = new NnlabFirstClassLoader("public-tests", loaderRoots,
                PublicTestRun.class.getClassLoader())) {
            List<ClassSelector> selectors = new ArrayList<>();
            for (String name : testClassNames(testClasses)) {
                selectors.add(selectClass(Class.forName(name, false, loader)));
            }
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectors).build();
            Launcher launcher = LauncherFactory.create();
            thread.setContextClassLoader(loader);
            launcher.execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    if (test.isTest()) {
                        outcomes.add(new Outcome(nameOf(test), result.getStatus(), result.getThrowable()));
                    }
                }

                @Override
                public void executionSkipped(TestIdentifier test, String reason) {
                    if (test.isTest()) {
                        outcomes.add(new Outcome(nameOf(test) + " (skipped: " + reason + ")",
                                TestExecutionResult.Status.ABORTED, Optional.empty()));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("A compiled test class could not be loaded: " + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
        return outcomes;
    }

    /** "PerceptronTests$LectureTable.weightedSumIsWDotXPlusB()" style: the class as compiled, then the method. */
    private static String nameOf(TestIdentifier test) {
        return test.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .map(m -> m.getClassName().replaceFirst("^nnlab\\.", "") + "." + m.getMethodName() + "()")
                .orElse(test.getDisplayName());
    }

    private static List<String> testClassNames(Path testClasses) throws IOException {
        try (Stream<Path> walk = Files.walk(testClasses)) {
            List<String> names = walk
                    .filter(p -> p.getFileName().toString().endsWith(TEST_CLASS_SUFFIX))
                    .filter(p -> !p.getFileName().toString().contains("$"))
                    .map(p -> testClasses.relativize(p).toString().replace(p.getFileSystem().getSeparator(), ".")
                            .replaceFirst("\\.class$", ""))
                    .sorted()
                    .toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("No *Tests classes were compiled into " + testClasses
                        + ": the starter's public tests must live in classes whose names end in Tests.");
            }
            return names;
        }
    }
}
