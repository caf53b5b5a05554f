package nnlab.ps1.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import nnlab.grader.Disclosure;
import nnlab.grader.GradedTest;
import nnlab.grader.Visibility;
import nnlab.grader.authoring.MutantCatalogue;

/**
 * Who sees what: every test's outcome and named mistake show before the due date; only the lecture's worked examples
 * and the fixed recipes show their details (inputs, expected values) then, every randomized or edge-case test's
 * details are hidden or shown after the due date. Points add up to the parts of the handout.
 */
class VisibilityTests {

    /** The fixed, lecture-derived tests: OR example, squared-error table, OR training, BCE table, the two recipes. */
    private static final Set<String> VISIBLE = Set.of("1.1.1", "1.3.1", "1.5.2", "2.4.1", "5.1.1", "5.2.1");
    private static final Map<Integer, Double> POINTS_PER_PART = Map.of(1, 20.0, 2, 20.0, 3, 30.0, 4, 20.0, 5, 10.0);

    private static List<GradedTest> graded() {
        List<GradedTest> tests = new ArrayList<>();
        for (Class<?> c : new Ps1Assignment().testClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                GradedTest g = m.getAnnotation(GradedTest.class);
                if (g != null) {
                    tests.add(g);
                }
            }
        }
        return tests;
    }

    @Test
    void onlyTheLectureExamplesAndRecipesAreVisible() {
        for (GradedTest g : graded()) {
            if (VISIBLE.contains(g.number())) {
                assertEquals(Visibility.VISIBLE, g.visibility(), g.number());
            } else {
                assertNotEquals(Visibility.VISIBLE, g.visibility(), () -> g.number() + " " + g.name()
                        + " uses random or edge-case inputs: make it hidden or after_due_date");
            }
        }
    }

    @Test
    void everyTestShowsItsOutcomeAndNamedMistakeBeforeTheDueDate() {
        for (GradedTest g : graded()) {
            Disclosure d = Disclosure.of(g);
            assertEquals(Visibility.VISIBLE, d.outcome(), () -> g.number() + ": a student should see where points went");
            assertEquals(Visibility.VISIBLE, d.diagnosis(), () -> g.number() + ": a student should see the named mistake"
                    + " while they can still act on it");
        }
    }

    @Test
    void pointsAddUpToEachPartOfTheHandout() {
        Map<Integer, Double> points = new TreeMap<>();
        graded().forEach(g -> points.merge(MutantCatalogue.partOf(g.number()), g.points(), Double::sum));
        assertEquals(new TreeMap<>(POINTS_PER_PART), points);
    }
}
