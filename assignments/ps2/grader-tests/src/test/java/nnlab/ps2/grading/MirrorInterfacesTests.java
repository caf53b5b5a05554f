package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnlab.grader.run.MirrorCheck;
import nnlab.ps2.grading.api.Ps2;
import nnlab.testsupport.PluginContractTests;

/**
 * The plug-in matches the reference's public API and the descriptor's points (the checks every plug-in shares are
 * in {@link PluginContractTests}), and the mirror check reports a mirror the reference lacks.
 */
class MirrorInterfacesTests extends PluginContractTests {

    MirrorInterfacesTests() {
        super(new Ps2Assignment(), Ps2.class);
    }

    @Test
    void aMirrorOfAMethodTheReferenceLacksIsReported() {
        List<String> problems = MirrorCheck.problems(Broken.class, assignment.oracleLoader());
        assertEquals(1, problems.size(), problems::toString);
    }

    @Test
    void theStarterBundledIsProblemSet2s() {
        assertTrue(assignment.starterSources().containsKey("nnlab/Conv2D.java"), "the ps2 starter is not bundled");
        assertTrue(assignment.starterSources().get("nnlab/Conv2D.java").contains("Not implemented yet: Conv2D.forward"),
                "the bundled Conv2D is not the starter's");
    }

    /** An API interface with one constructor the reference does not have. */
    interface Broken {
        @nnlab.grader.New("nnlab.Conv2D")
        nnlab.ps2.grading.api.Conv2D conv2d(int filters);
    }
}
