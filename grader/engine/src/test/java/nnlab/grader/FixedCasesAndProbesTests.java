package nnlab.grader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.report.TestData;

/** Scoring cases fixed by the case seed, probes that never move points, and the descriptor's case version. */
class FixedCasesAndProbesTests {

    private static final long CASE_SEED = 11;
    private static final int DRAWS = 20;

    @Nested
    class Seeds {
        @Test
        void theCaseSeedAloneFixesTheScoringCasesAndTheProbeSeedOnlyTheProbes() {
            Score first = new Score(true, CASE_SEED, 1);
            Score second = new Score(true, CASE_SEED, 2);
            assertEquals(draws(first.random()), draws(second.random()));
            assertNotEquals(draws(first.probeRandom()), draws(second.probeRandom()));
        }

        private List<Double> draws(Random r) {
            return IntStream.range(0, DRAWS).mapToObj(i -> r.nextDouble()).toList();
        }
    }

    @Nested
    class Probes {
        @Test
        void aFailingProbeMovesNoPointsTellsTheStudentNothingAndFlagsAFullMarkTest() {
            Score score = new Score(true, CASE_SEED, 1);
            score.check("fixed", () -> { });
            score.probe("wide input", () -> score.require(false, "the probe's mismatch"));
            assertEquals(1, score.cases());
            assertEquals(1, score.passed());
            assertEquals("", score.feedback());
            TestData.Probes data = TestData.Probes.of(score, true);
            assertTrue(data.flag(), data::toString);
            assertEquals(1, data.run());
            assertEquals(1, data.failed());
            assertTrue(data.failures().toString().contains("the probe's mismatch"), data::toString);
        }

        @Test
        void aProbeFailureInATestThatLostPointsAlreadyIsNoNews() {
            Score score = new Score(false, CASE_SEED, 1);
            score.check("fixed", () -> score.require(false, "wrong"));
            score.probe("probe", () -> score.require(false, "wrong again"));
            assertFalse(TestData.Probes.of(score, false).flag());
        }

        @Test
        void notesRaisedDuringAProbeGoToTheTaRecordNotTheFeedback() {
            Score score = new Score(false, CASE_SEED, 1);
            score.probe("probe", () -> score.note("Likely mistake: something"));
            score.note("shown to the student");
            assertEquals("shown to the student", score.feedback());
            assertEquals(List.of("Likely mistake: something"), TestData.Probes.of(score, true).notes());
            assertFalse(TestData.Probes.of(score, true).flag(), "a note is not a failure");
        }

        @Test
        void aTestWithoutProbesRecordsNothing() {
            assertNull(TestData.Probes.of(new Score(false, CASE_SEED, 1), true));
        }

        @Test
        void aStudentFailureInAProbeIsCaughtAndRecorded() {
            Score score = new Score(false, CASE_SEED, 1);
            score.probe("probe", () -> {
                throw new StudentException(StudentException.Kind.TIMEOUT, "", "took too long", List.of());
            });
            assertTrue(score.probeFailures().get(0).contains("took too long"), score.probeFailures()::toString);
        }
    }

    @Nested
    class Descriptor {
        private static final String WITHOUT_CASES = "{\"id\": \"x\", \"parts\": [], \"totalPoints\": 1}";

        @Test
        void aDescriptorWithoutCasesIsRefusedWithWhatToAdd() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AssignmentSpec.read(
                    new ByteArrayInputStream(WITHOUT_CASES.getBytes(StandardCharsets.UTF_8))));
            assertTrue(e.getMessage().contains("\"cases\""), e.getMessage());
        }

        @Test
        void theDigestNamesVersionAndSeedWithoutShowingTheSeed() {
            AssignmentSpec.Cases cases = new AssignmentSpec.Cases("v1", 123456789L);
            assertEquals(cases.digest(), new AssignmentSpec.Cases("v1", 123456789L).digest());
            assertNotEquals(cases.digest(), new AssignmentSpec.Cases("v1", 123456788L).digest());
            assertNotEquals(cases.digest(), new AssignmentSpec.Cases("v2", 123456789L).digest());
            assertFalse(cases.digest().contains("123456789"));
            assertTrue(cases.digest().matches("[0-9a-f]{16}"), cases.digest());
        }
    }
}
