package nnlab.grader.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("Markers: what each assignment's starter gets from a reference file")
class MarkersTests {

    private static final String FILE = "nnlab/Dense.java";

    private static String starter(String assignment, Set<String> follows, String source) {
        return new Markers(assignment, follows, Markers.View.STARTER).render(FILE, source).text().orElseThrow();
    }

    private static String solution(String assignment, String source) {
        return new Markers(assignment, Set.of(), Markers.View.SOLUTION).render(FILE, source).text().orElseThrow();
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private static final String TASK = lines(
            "    public int units() {",
            "        //@task ps1 Dense.units §3.1",
            "        // TODO: return the number of units.",
            "        //@solution",
            "        return units;",
            "        //@end",
            "    }");

    @Nested
    class ATask {

        @Test
        void inItsAssignmentTheStarterGetsTheTodoTextAndTheThrow() {
            assertEquals(lines(
                    "    public int units() {",
                    "        // TODO: return the number of units.",
                    "        throw new UnsupportedOperationException(\"Not implemented yet: Dense.units — see handout §3.1\");",
                    "    }"), starter("ps1", Set.of(), TASK));
        }

        @Test
        void inALaterAssignmentTheStarterShipsTheSolution() {
            assertEquals(lines("    public int units() {", "        return units;", "    }"),
                    starter("ps2", Set.of("ps1"), TASK));
        }

        @Test
        void theSolutionViewSolvesItAndRecordsIt() {
            Markers.Rendered rendered = new Markers("ps1", Set.of(), Markers.View.SOLUTION).render(FILE, TASK);
            assertEquals(Optional.of(lines("    public int units() {", "        return units;", "    }")),
                    rendered.text());
            assertEquals(List.of("Dense.units"), rendered.tasks().stream().map(Markers.Task::method).toList());
        }

        @Test
        void aTaskOfAnotherClassIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> starter("ps1", Set.of(), TASK.replace("Dense.units", "Sequential.units")));
            assertTrue(e.getMessage().startsWith(FILE + ":2: "), e.getMessage());
        }

        @Test
        void codeInTheStarterTextIsRefused() {
            String source = TASK.replace("// TODO: return the number of units.", "return 0;");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> starter("ps1", Set.of(), source));
            assertTrue(e.getMessage().contains("comment lines"), e.getMessage());
        }

        @Test
        void aTaskWithoutItsSolutionSeparatorIsRefused() {
            String source = TASK.replace("        //@solution\n", "");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> starter("ps1", Set.of(), source));
            assertTrue(e.getMessage().contains("\"//@solution\""), e.getMessage());
        }
    }

    @Nested
    class SolutionAndStarterBlocks {

        private final String source = lines(
                "    private int units;",
                "    //@solution ps1",
                "    private Matrix lastZ;",
                "    //@starter",
                "    //> // add the fields your forward needs",
                "    //@end",
                "    //@starter ps1",
                "    //> /** Your backward sets it. */",
                "    //@end",
                "    private Matrix weightGradient;");

        @Test
        void theirAssignmentsStarterGetsTheStarterText() {
            assertEquals(lines(
                    "    private int units;",
                    "    // add the fields your forward needs",
                    "    /** Your backward sets it. */",
                    "    private Matrix weightGradient;"), starter("ps1", Set.of(), source));
        }

        @Test
        void anyOtherAssignmentGetsTheSolutionAndNoStarterText() {
            String expected = lines("    private int units;", "    private Matrix lastZ;", "    private Matrix weightGradient;");
            assertEquals(expected, starter("ps2", Set.of("ps1"), source));
            assertEquals(expected, solution("ps1", source));
        }
    }

    @Nested
    class Scoping {

        private final String source = lines(
                "//@since ps2",
                "public final class Dense implements Layer {",
                "//@else",
                "//> public final class Dense {",
                "//@end",
                "    //@since ps2",
                "    public int[] shape() {",
                "        return shape;",
                "    }",
                "    //@end",
                "}");

        @Test
        void anEarlierAssignmentGetsTheElseBranchAndNotTheLaterCode() {
            assertEquals(lines("public final class Dense {", "}"), starter("ps1", Set.of(), source));
        }

        @Test
        void theAssignmentAndThoseThatFollowItGetTheCode() {
            String expected = lines("public final class Dense implements Layer {", "    public int[] shape() {",
                    "        return shape;", "    }", "}");
            assertEquals(expected, starter("ps2", Set.of(), source));
            assertEquals(expected, starter("ps3", Set.of("ps1", "ps2"), source));
        }

        @Test
        void aFileSinceALaterAssignmentIsNotInAnEarlierStarter() {
            String file = lines("//@file since ps2", "package nnlab;");
            assertEquals(Optional.empty(), new Markers("ps1", Set.of(), Markers.View.STARTER).render(FILE, file).text());
            assertEquals(Optional.of(lines("package nnlab;")),
                    new Markers("ps2", Set.of("ps1"), Markers.View.STARTER).render(FILE, file).text());
        }
    }

    @Nested
    class TheStartersOwnForm {

        private final String source = lines(
                "        //@reference",
                "        Backends.current().scale(data, factor, out);",
                "        //@starter",
                "        //> for (int i = 0; i < out.length; i++) {",
                "        //>     out[i] = data[i] * factor;",
                "        //> }",
                "        //>",
                "        //@end");

        @Test
        void everyAssignmentsStarterGetsTheStarterForm() {
            String expected = lines("        for (int i = 0; i < out.length; i++) {", "            out[i] = data[i] * factor;",
                    "        }", "");
            assertEquals(expected, starter("ps1", Set.of(), source));
            assertEquals(expected, starter("ps2", Set.of("ps1"), source));
        }
    }

    @Nested
    class MalformedMarkers {

        @Test
        void anUnclosedBlockNamesTheLineThatOpenedIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> starter("ps1", Set.of(), lines("int a;", "//@since ps2", "int b;")));
            assertEquals(FILE + ":2: this block has no \"//@end\"", e.getMessage());
        }

        @Test
        void anEndWithoutABlockIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> starter("ps1", Set.of(), lines("int a;", "//@end")));
            assertTrue(e.getMessage().startsWith(FILE + ":2: "), e.getMessage());
        }

        @Test
        void anUnknownKeywordIsRefusedWithTheKnownOnes() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> starter("ps1", Set.of(), lines("//@todo ps1")));
            assertTrue(e.getMessage().contains("unknown marker \"//@todo\""), e.getMessage());
        }
    }

    @Nested
    @DisplayName("the starter's \"Not implemented yet\" message in a report that hides hidden values")
    class TheNotImplementedMessage {

        private static final String THROWN = "java.lang.UnsupportedOperationException";
        private static final List<String> FRAMES = List.of("nnlab.Dense.units(Dense.java:3)");

        private String starterMessage() {
            String text = starter("ps1", Set.of(), TASK);
            int open = text.indexOf("(\"") + 2;
            return text.substring(open, text.indexOf("\")", open));
        }

        @Test
        void isShownAsItIsBecauseItSaysWhereToLook() {
            String message = starterMessage();
            assertEquals("Not implemented yet: Dense.units — see handout §3.1", message);
            nnlab.grader.StudentException e = new nnlab.grader.StudentException(
                    nnlab.grader.StudentException.Kind.THREW, THROWN, message, FRAMES);
            assertTrue(e.notImplemented());
            assertEquals(message + ".", e.brief());
        }

        @Test
        void aStudentsLookalikeCarryingDataStaysHidden() {
            for (String forged : List.of("Not implemented yet: Dense.units — see handout §3.1 0.7312",
                    "Not implemented yet: Dense.units07312 — see handout §3.1",
                    "Not implemented yet: Dense.units — see handout §3.1.4.1.5")) {
                nnlab.grader.StudentException e = new nnlab.grader.StudentException(
                        nnlab.grader.StudentException.Kind.THREW, THROWN, forged, FRAMES);
                assertEquals("Your code threw " + THROWN + " at " + FRAMES.get(0) + ".", e.brief(), forged);
            }
            nnlab.grader.StudentException other = new nnlab.grader.StudentException(
                    nnlab.grader.StudentException.Kind.THREW, "java.lang.IllegalStateException", starterMessage(), FRAMES);
            assertTrue(other.brief().startsWith("Your code threw java.lang.IllegalStateException"), other.brief());
        }
    }
}
