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

        @Test
        void anUnknownOptionExitsTwoAndPointsAtHelp() {
            Outcome outcome = run("--size=64");
            assertEquals(Benchmarks.USAGE, outcome.code());
            assertTrue(outcome.err().contains("--size=64"), outcome.err());
            assertTrue(outcome.err().contains("--help"), outcome.err());
            assertEquals(1, outcome.err().lines().count(), "one line, no stack trace:\n" + outcome.err());
        }

        @Test
        void aSizeThatIsNotANumberExitsTwo() {
            Outcome outcome = run("--sizes=64,big");
            assertEquals(Benchmarks.USAGE, outcome.code());
            assertTrue(outcome.err().contains("big"), outcome.err());
        }

        @Test
        void aSizeBelowOneExitsTwoWithAnExample() {
            Outcome outcome = run("--sizes=0");
            assertEquals(Benchmarks.USAGE, outcome.code());
            assertTrue(outcome.err().contains("--sizes takes whole numbers from 1 up, not 0: e.g. --sizes=256,1024"),
                    outcome.err());
            assertEquals("", outcome.out(), "nothing is timed after a usage error");
        }

        @Test
        void anUnknownTableExitsTwoAndNamesTheTables() {
            Outcome outcome = run("--tables=matmul");
            assertEquals(Benchmarks.USAGE, outcome.code());
            assertTrue(outcome.err().contains("products, elementwise, training"), outcome.err());
        }

        @Test
        void zeroEpochsExitTwo() {
            Outcome outcome = run("--epochs=0");
            assertEquals(Benchmarks.USAGE, outcome.code());
            assertTrue(outcome.err().contains("--epochs=20"), outcome.err());
        }
    }
}
