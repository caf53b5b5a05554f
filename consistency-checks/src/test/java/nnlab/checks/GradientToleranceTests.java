package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The public gradient check, the hidden one and the reference's own accept the same error with the same step, so a
 * gradient that passes one passes the others: the engine's GradientCheck holds the constants, and the starter's
 * SequentialTests (which builds alone) and the reference's FiniteDifferences (which does not depend on the grader)
 * repeat them. Read from the sources.
 */
@DisplayName("One gradient-check tolerance for public, hidden and reference tests")
class GradientToleranceTests {

    private static final String ENGINE = "grader/engine/src/main/java/nnlab/grader/score/GradientCheck.java";
    private static final String REFERENCE = "reference-solution/src/test/java/nnlab/FiniteDifferences.java";

    @ParameterizedTest(name = "{0} = starter''s {1} = reference''s {2}")
    @CsvSource({
            "RELATIVE_TOLERANCE, GRADIENT_RELATIVE_TOLERANCE, RELATIVE_TOLERANCE",
            "ABSOLUTE_TOLERANCE, GRADIENT_ABSOLUTE_TOLERANCE, ABSOLUTE_TOLERANCE",
            "STEP, FINITE_DIFFERENCE_STEP, STEP"})
    void publicHiddenAndReferenceGradientChecksShareTheConstant(String engine, String starter, String reference)
            throws IOException {
        double hidden = constant(Repository.root().resolve(ENGINE), engine);
        double publicCheck = constant(Repository.starterTestSources().resolve("nnlab/SequentialTests.java"), starter);
        double own = constant(Repository.root().resolve(REFERENCE), reference);
        assertThat("the starter's public gradient check uses " + starter + " = " + publicCheck + ", the grader's "
                + engine + " = " + hidden + ": make them equal", publicCheck == hidden, is(true));
        assertThat("the reference's FiniteDifferences uses " + reference + " = " + own + ", the grader's " + engine
                + " = " + hidden + ": make them equal", own == hidden, is(true));
    }

    private static double constant(Path source, String name) throws IOException {
        Matcher m = Pattern.compile("static final double " + name + " = ([-0-9.eE]+);").matcher(Files.readString(source));
        assertThat(name + " is declared in " + source, m.find(), is(true));
        return Double.parseDouble(m.group(1));
    }
}
