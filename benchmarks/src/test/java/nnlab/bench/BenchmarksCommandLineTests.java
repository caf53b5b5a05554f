package nnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The benchmark's command line: usage errors are one line and exit code 2, before any table is timed. */
class BenchmarksCommandLineTests {

    /** What one run printed and returned. */
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Benchmarks.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Nested
    class Help {

        @Test
        void listsEveryOptionAndExitsZero() {
            Outcome outcome = run("--help");
            assertEquals(0, outcome.code(), outcome.err());
            for (String option : new String[] {"--sizes", "--lengths", "--epochs", "--tables", "--help"}) {
                assertTrue(outcome.out().contains(option), () -> option + " missing from:\n" + outcome.out());
            }
            assertTrue(outcome.out().replaceAll("\\s+", " ").contains("of products, elementwise, training"),
                    outcome.out());
        }
    }

    @Nested
    class UsageErrors {

        /** Runs {@code args}, expects a usage error and returns its one stderr line, which must hold {@code text}. */
        private String usageError(String text, String... args) {
            Outcome outcome = run(args);
            assertEquals(Benchmarks.USAGE, outcome.code(), outcome::toString);
            assertEquals(1, outcome.err().lines().count(), "one line, no stack trace:\n" + outcome.err());
            assertTrue(outcome.err().contains(text), outcome.err());
            assertEquals("", outcome.out(), "nothing is timed after a usage error");
            return outcome.err();
        }

        @Test
        void anUnknownOptionExitsTwoAndPointsAtHelp() {
            String error = usageError("--size=64", "--size=64");
            assertTrue(error.contains("see --help"), error);
        }

        @Test
        void aSizeThatIsNotANumberExitsTwo() {
            usageError("big", "--sizes=64,big");
        }

        @Test
        void aSizeBelowOneExitsTwoWithAnExample() {
            usageError("--sizes takes whole numbers from 1 up, not 0: e.g. --sizes=256,1024", "--sizes=0");
        }

        @Test
        void anUnknownTableExitsTwoAndNamesTheTables() {
            usageError("products, elementwise, training", "--tables=matmul");
        }

        @Test
        void zeroEpochsExitTwo() {
            usageError("--epochs=20", "--epochs=0");
        }
    }
}
