package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnlab.grader.run.MirrorCheck;
import nnlab.ps1.grading.api.Ps1;
import nnlab.testsupport.PluginContractTests;

/**
 * The plug-in matches the reference's public API and the descriptor's points (the checks every plug-in shares are
 * in {@link PluginContractTests}), and the mirror check reports a mirror the reference lacks.
 */
class MirrorInterfacesTests extends PluginContractTests {

    MirrorInterfacesTests() {
        super(new Ps1Assignment(), Ps1.class);
    }

    @Test
    void aMirrorOfAMethodTheReferenceLacksIsReported() {
        List<String> problems = MirrorCheck.problems(Broken.class, assignment.oracleLoader());
        assertEquals(1, problems.size(), problems::toString);
    }

    /** An API interface with one constructor the reference does not have. */
    interface Broken {
        @nnlab.grader.New("nnlab.Perceptron")
        nnlab.ps1.grading.api.Perceptron perceptron(double[] weights);
    }
}
