package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The public gradient check and the hidden ones accept the same relative error, so a gradient that passes one passes
 * the other: the starter's SequentialTests.GRADIENT_RELATIVE_TOLERANCE equals the engine's
 * GradientCheck.RELATIVE_TOLERANCE. Read from the sources, as the starter builds alone.
 */
@DisplayName("One gradient-check tolerance for public and hidden tests")
class GradientToleranceTests {

    @Test
    void publicAndHiddenGradientChecksShareTheRelativeTolerance() throws IOException {
        double publicTolerance = constant(Repository.starterTestSources().resolve("nnlab/SequentialTests.java"),
                "GRADIENT_RELATIVE_TOLERANCE");
        double hiddenTolerance = constant(Repository.root().resolve(
                "grader/engine/src/main/java/nnlab/grader/score/GradientCheck.java"), "RELATIVE_TOLERANCE");
        assertThat("the starter's public gradient check uses " + publicTolerance + ", the grader's " + hiddenTolerance
                + ": make them equal", publicTolerance == hiddenTolerance, is(true));
    }

    private static double constant(Path source, String name) throws IOException {
        Matcher m = Pattern.compile("static final double " + name + " = ([-0-9.eE]+);").matcher(Files.readString(source));
        assertThat(name + " is declared in " + source, m.find(), is(true));
        return Double.parseDouble(m.group(1));
    }
}
