package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The starter's public tests, compiled for real and run on the JUnit Platform Launcher: they all pass on the
 * reference (so they pin correct behaviour), and on the untouched starter they all fail because a method is not
 * implemented yet (so a student's first run names the methods to write, never a crash in provided code).
 */
@Tag("slow")
@DisplayName("Public tests of starter-code/ps1/src/test/java")
class PublicTestsTests {

    /**
     * How many public tests the brief asks for: enough to guide — one per worked example of the handout, every
     * optimizer included — few enough to leave the grading to hidden tests.
     */
    private static final int FEWEST_PUBLIC_TESTS = 15;
    private static final int MOST_PUBLIC_TESTS = 40;
    private static final String NOT_IMPLEMENTED = "Not implemented yet:";
    /** The exact shape of every TODO's message, e.g. "Not implemented yet: Perceptron.weightedSum — see handout §1.1". */
    private static final Pattern NOT_IMPLEMENTED_SHAPE =
            Pattern.compile("Not implemented yet: [A-Z]\\w*\\.\\w+ — see handout §\\d\\.\\d");

    @Nested
    @DisplayName("against the reference solution")
    class AgainstTheReference {

        @Test
        void everyPublicTestPassesOnTheReference() {
            Path reference = Compilation.referenceClasses();
            List<Path> classPath = new ArrayList<>(List.of(reference));
            classPath.addAll(Compilation.librariesWithoutReference());
            Path tests = Compilation.compile("public-tests-on-reference", Repository.starterTestSources(), classPath);
            List<PublicTestRun.Outcome> outcomes = PublicTestRun.run(tests, List.of(reference));

            assertThat("Number of public tests found in starter-code/ps1/src/test/java (top-level *Tests classes with "
                    + "their @Nested groups)", outcomes.size(),
                    allOf(greaterThanOrEqualTo(FEWEST_PUBLIC_TESTS), lessThanOrEqualTo(MOST_PUBLIC_TESTS)));
            List<String> notPassing = new ArrayList<>();
            for (PublicTestRun.Outcome outcome : outcomes) {
                if (outcome.status() != Status.SUCCESSFUL) {
                    notPassing.add(outcome.name() + " " + outcome.status() + ": " + stackTrace(outcome.failure()));
                }
            }
            assertThat("Public tests that do not pass on the reference solution; a public test must pin the "
                    + "reference's behaviour, so fix the test (or, if the reference is wrong, the reference):\n  "
                    + String.join("\n  ", notPassing) + "\n", notPassing, empty());
        }
    }

    @Nested
    @DisplayName("against the untouched starter")
    class AgainstTheStarter {

        @Test
        void everyPublicTestFailsBecauseAMethodIsNotImplementedYet() {
            Path starter = Compilation.starterMain();
            List<Path> classPath = new ArrayList<>(List.of(starter));
            classPath.addAll(Compilation.librariesWithoutReference());
            Path tests = Compilation.compile("public-tests-on-starter", Repository.starterTestSources(), classPath);
            List<PublicTestRun.Outcome> outcomes =
                    PublicTestRun.run(tests, List.of(starter, Repository.starterResources()));

            assertThat("Number of public tests run on the starter", outcomes.size(),
                    allOf(greaterThanOrEqualTo(FEWEST_PUBLIC_TESTS), lessThanOrEqualTo(MOST_PUBLIC_TESTS)));
            List<String> wrong = new ArrayList<>();
            for (PublicTestRun.Outcome outcome : outcomes) {
                Optional<UnsupportedOperationException> todo = outcome.failure().flatMap(PublicTestsTests::notImplemented);
                if (outcome.status() != Status.FAILED) {
                    wrong.add(outcome.name() + " ended " + outcome.status()
                            + " but should fail: it must exercise a method the student writes");
                } else if (todo.isEmpty()) {
                    wrong.add(outcome.name() + " failed for another reason than a TODO (no UnsupportedOperationException "
                            + "starting \"" + NOT_IMPLEMENTED + "\" in its cause chain): " + stackTrace(outcome.failure()));
                } else if (!NOT_IMPLEMENTED_SHAPE.matcher(todo.get().getMessage()).matches()) {
                    wrong.add(outcome.name() + ": the TODO message \"" + todo.get().getMessage() + "\" does not have "
                            + "the shape \"Not implemented yet: <Class>.<method> — see handout §x.y\"");
                }
            }
            assertThat("Public tests that do not fail cleanly on the untouched starter (each must fail with the "
                    + "starter's \"" + NOT_IMPLEMENTED + " …\" exception):\n  " + String.join("\n  ", wrong) + "\n",
                    wrong, empty());
        }
    }

    private static Optional<UnsupportedOperationException> notImplemented(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnsupportedOperationException todo && todo.getMessage() != null
                    && todo.getMessage().startsWith(NOT_IMPLEMENTED)) {
                return Optional.of(todo);
            }
        }
        return Optional.empty();
    }

    private static String stackTrace(Optional<Throwable> failure) {
        if (failure.isEmpty()) {
            return "(no exception)";
        }
        StringWriter text = new StringWriter();
        failure.get().printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
