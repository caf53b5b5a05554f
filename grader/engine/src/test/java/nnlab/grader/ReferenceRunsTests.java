package nnlab.grader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The reference runs' file round-trips every double exactly, and tells a stale or broken file apart, naming the fix. */
class ReferenceRunsTests {

    private static final double[] LOSS = {0.6633965637641281, 0.3025403977738224, 1.0 / 3, 4.9e-324, 1e300};
    private static final ReferenceRuns RUNS = new ReferenceRuns.Builder().put("5.2.1", "loss", LOSS)
            .put("5.2.1", "accuracy", 0.9749303621169917).put("5.1.1", "accuracy", 0.9736842105263158).build();

    @Nested
    class ItsFile {
        @Test
        void roundTripsEveryValueBitForBitSortedOneSeriesALine() {
            String text = RUNS.text("ps1");
            ReferenceRuns back = ReferenceRuns.parse(text);
            assertArrayEquals(LOSS, back.series("5.2.1", "loss"), 0.0);
            assertEquals(0.9749303621169917, back.value("5.2.1", "accuracy"), 0.0);
            assertEquals(text, back.text("ps1"), "regenerating the same runs changes no byte");
            List<String> series = text.lines().filter(l -> !l.startsWith("#")).toList();
            assertEquals(List.of("5.1.1\taccuracy", "5.2.1\taccuracy", "5.2.1\tloss"),
                    series.stream().map(l -> l.substring(0, l.lastIndexOf('\t'))).toList());
            assertTrue(text.contains(ReferenceRuns.REGENERATE.replace("ID", "ps1")), "the file names its command");
        }

        @Test
        void aLineThatIsNotASeriesIsRefusedNamingTheLineAndTheCommand() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ReferenceRuns.parse("# comment\n5.1.1\taccuracy\tnot-a-number\n"));
            assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("reference-runs"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.parse("5.1.1\taccuracy\n"));
            assertThrows(IllegalArgumentException.class, () -> ReferenceRuns.parse("5.1.1\ta\t1\n5.1.1\ta\t2\n"));
        }

        @Test
        void aMissingSeriesOrFileSaysHowToMakeIt() {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RUNS.series("4.1.1", "loss"));
            assertTrue(e.getMessage().contains("course reference-runs"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> RUNS.value("5.2.1", "loss"), "a series is not one value");
            IllegalStateException none = assertThrows(IllegalStateException.class,
                    () -> ReferenceRuns.committed(ReferenceRunsTests.class.getClassLoader(), "no-such-assignment"));
            assertTrue(none.getMessage().contains("course reference-runs --assignment no-such-assignment"),
                    none.getMessage());
        }

        @Test
        void aSeriesHandedOutIsACopy() {
            RUNS.series("5.2.1", "loss")[0] = 42;
            assertEquals(LOSS[0], RUNS.series("5.2.1", "loss")[0], 0.0);
        }
    }

    @Nested
    class Staleness {
        @Test
        void theSameRunsAreCurrentAndRoundingOfAnotherBackendIsTolerated() {
            assertEquals(List.of(), RUNS.differences(RUNS));
            double[] rounded = LOSS.clone();
            rounded[1] = Math.nextUp(rounded[1]);
            assertEquals(List.of(), runs(rounded, 0.9749303621169917).differences(RUNS));
        }

        @Test
        void anotherValueLengthOrSetOfSeriesIsStaleOneLineEach() {
            double[] changed = LOSS.clone();
            changed[2] = 0.334;
            assertEquals(List.of("5.2.1 loss[2]: 0.334, the oracle gives 0.3333333333333333"),
                    runs(changed, 0.9749303621169917).differences(RUNS));
            assertEquals(List.of("5.2.1 accuracy[0]: 0.9721448467966574, the oracle gives 0.9749303621169917"),
                    runs(LOSS, 0.9721448467966574).differences(RUNS), "one held-out row more or less is stale");
            assertEquals(List.of("5.2.1 loss: 4 values, the oracle gives 5"),
                    runs(java.util.Arrays.copyOf(LOSS, 4), 0.9749303621169917).differences(RUNS));
            ReferenceRuns extra = new ReferenceRuns.Builder().put("5.2.1", "loss", LOSS)
                    .put("5.2.1", "accuracy", 0.9749303621169917).put("5.1.1", "accuracy", 0.9736842105263158)
                    .put("9.9.9", "loss", 1).build();
            assertEquals(List.of("9.9.9 loss: not a series the oracle gives"), extra.differences(RUNS));
            ReferenceRuns fewer = new ReferenceRuns.Builder().put("5.2.1", "loss", LOSS).build();
            assertEquals(List.of("5.1.1 accuracy: missing", "5.2.1 accuracy: missing"), fewer.differences(RUNS));
        }

        private ReferenceRuns runs(double[] loss, double accuracy) {
            return new ReferenceRuns.Builder().put("5.2.1", "loss", loss).put("5.2.1", "accuracy", accuracy)
                    .put("5.1.1", "accuracy", 0.9736842105263158).build();
        }
    }
}
