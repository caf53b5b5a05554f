package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.GradedTest;
import nnlab.grader.run.MirrorCheck;
import nnlab.ps2.grading.api.Ps2;

/** The plug-in matches the reference's public API and the descriptor's points. */
class MirrorInterfacesTests {

    private final Ps2Assignment assignment = new Ps2Assignment();

    @Test
    void mirrorInterfacesMatchTheReferencesPublicApi() {
        assertEquals(List.of(), MirrorCheck.problems(Ps2.class, assignment.oracleLoader()));
    }

    @Test
    void aMirrorOfAMethodTheReferenceLacksIsReported() {
        List<String> problems = MirrorCheck.problems(Broken.class, assignment.oracleLoader());
        assertEquals(1, problems.size(), problems::toString);
    }

    @Test
    void pointsPerPartMatchAssignmentJson() {
        AssignmentSpec spec = assignment.spec();
        for (AssignmentSpec.Part part : spec.parts()) {
            double sum = 0;
            for (Class<?> type : assignment.testClasses()) {
                for (Method m : type.getDeclaredMethods()) {
                    GradedTest g = m.getAnnotation(GradedTest.class);
                    if (g != null && spec.partOf(g.number()) == part) {
                        sum += g.points();
                    }
                }
            }
            assertEquals(part.points(), sum, 1e-9, part.id());
        }
    }

    @Test
    void everyTestNumberIsUniqueAndBelongsToAPart() {
        Set<String> numbers = new TreeSet<>();
        for (Class<?> type : assignment.testClasses()) {
            for (Method m : type.getDeclaredMethods()) {
                GradedTest g = m.getAnnotation(GradedTest.class);
                if (g != null) {
                    assertFalse(!numbers.add(g.number()), "duplicate number " + g.number());
                    assertFalse(assignment.spec().partOf(g.number()) == null, g.number() + " is in no part");
                }
            }
        }
    }

    @Test
    void starterSourcesAreBundled() {
        assertFalse(assignment.starterSources().isEmpty(), "the ps2 starter's sources are missing from the plug-in");
        assertFalse(Arrays.asList(assignment.starterSources().keySet().toArray()).isEmpty());
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
