package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import nnlab.grader.authoring.AuthoringSpec;
import nnlab.grader.authoring.StarterProject;

/**
 * The committed ps2 starter (which the plug-in bundles and students get) is what {@code course assign --assignment
 * ps2} generates from the reference's markers today: a reference edit without regenerating fails here.
 */
class StarterUpToDateTests {

    @Test
    void theCommittedStarterIsTheGeneratedOne() throws IOException {
        StarterProject generated = StarterProject.generate(Grading.REPOSITORY,
                AuthoringSpec.read(Grading.REPOSITORY, "ps2"));
        assertEquals(List.of(), generated.differences(Grading.STARTER), "regenerate it: grader/course/bin/course"
                + " assign --assignment ps2 --out starter-code/ps2");
    }
}
