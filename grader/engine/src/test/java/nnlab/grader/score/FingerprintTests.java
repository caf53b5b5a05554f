package nnlab.grader.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.Score;
import nnlab.grader.StudentException;

/**
 * A test's fingerprint identifies the values a student's code produced, not the order of its arithmetic: the same
 * wrong formula computed another way gets the same one, and a different wrong formula another.
 */
class FingerprintTests {

    private static final int CASES = 6;
    private static final int LENGTH = 40;

    /** The correct mean of squares, the reference's. */
    private static double meanSquare(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s / x.length;
    }

    /** A wrong formula: the sum, not the mean, of squares, summed front to back. */
    private static double sumSquaresForward(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    /** The same wrong formula, summed back to front in pairs: its values differ in the last bits. */
    private static double sumSquaresBackwardPairs(double[] x) {
        double s = 0;
        for (int i = x.length - 1; i > 0; i -= 2) {
            s += x[i] * x[i] + x[i - 1] * x[i - 1];
        }
        return x.length % 2 == 1 ? s + x[0] * x[0] : s;
    }

    /** Another wrong formula: the sum of absolute values. */
    private static double sumAbs(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    /** Grades {@code student} as a hidden test of the mean of squares would, and returns the test's fingerprint. */
    private static String graded(java.util.function.ToDoubleFunction<double[]> student) {
        Score score = new Score(true, 42, 7);
        Random r = score.random();
        for (int c = 0; c < CASES; c++) {
            double[] x = new double[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                x[i] = (2 * r.nextDouble() - 1) * Math.pow(10, r.nextInt(7) - 3);
            }
            score.check("case " + c, () -> score.close("mean square", "", meanSquare(x), student.applyAsDouble(x)));
        }
        return score.fingerprint();
    }

    @Nested
    class TheSameWrongFormula {
        @Test
        void computedInAnotherOrderGetsTheSameFingerprint() {
            Random r = new Random(3);
            double[] x = new double[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                x[i] = (2 * r.nextDouble() - 1) * Math.pow(10, r.nextInt(7) - 3);
            }
            assertNotEquals(sumSquaresForward(x), sumSquaresBackwardPairs(x),
                    "the two orders must differ in the last bits for the test to mean something");
            assertEquals(graded(FingerprintTests::sumSquaresForward), graded(FingerprintTests::sumSquaresBackwardPairs));
        }

        @Test
        void perturbedAtTheTwelfthDigitKeepsItsFingerprint() {
            BiFunction<Double, Double, String> one = (v, w) -> {
                Fingerprint f = new Fingerprint();
                f.values(new double[] {v, w});
                return f.digest();
            };
            assertEquals(one.apply(0.123456789, -42.0), one.apply(0.123456789 * (1 + 1e-12), -42.0 * (1 - 1e-12)));
            assertEquals(one.apply(3e-17, 1.0), one.apply(-2e-16, 1.0), "cancellation noise below the tolerance is zero");
        }
    }

    @Nested
    class DifferentValues {
        @Test
        void ofAnotherWrongFormulaGetAnotherFingerprint() {
            assertNotEquals(graded(FingerprintTests::sumSquaresForward), graded(FingerprintTests::sumAbs));
            assertNotEquals(graded(FingerprintTests::sumSquaresForward), graded(x -> 2 * meanSquare(x)));
        }

        @Test
        void keepNaNInfinityAShapeAndAnExceptionApart() {
            List<String> prints = List.of(digest(f -> f.value(Double.NaN)), digest(f -> f.value(Double.POSITIVE_INFINITY)),
                    digest(f -> f.value(Double.NEGATIVE_INFINITY)), digest(f -> f.value(0)),
                    digest(f -> f.values(new double[][] {{1, 2}})), digest(f -> f.values(new double[][] {{1}, {2}})),
                    digest(f -> {
                        f.value(0);
                        f.token("!THREW:java.lang.ArithmeticException");
                    }));
            assertEquals(prints.size(), prints.stream().distinct().count(), prints::toString);
        }

        private String digest(java.util.function.Consumer<Fingerprint> add) {
            Fingerprint f = new Fingerprint();
            add.accept(f);
            return f.digest();
        }
    }

    @Nested
    class AScore {
        @Test
        void leavesProbesOutSinceTheyChangeFromRunToRun() {
            Score one = new Score(true, 1, 2);
            Score other = new Score(true, 1, 3);
            for (Score s : List.of(one, other)) {
                s.check("case", () -> s.close("v", "", 1, 2));
                s.probe("probe", () -> s.close("v", "", 1, s.probeRandom().nextDouble()));
            }
            assertEquals(one.fingerprint(), other.fingerprint());
        }

        @Test
        void countsAnExceptionByItsKindAndClassNeverItsMessage() {
            Score one = new Score(true, 1, 2);
            Score other = new Score(true, 1, 2);
            Score third = new Score(true, 1, 2);
            one.check("a", () -> one.close("v", "", 1, 2));
            other.check("a", () -> other.close("v", "", 1, 2));
            third.check("a", () -> third.close("v", "", 1, 2));
            one.check("b", () -> {
                throw new StudentException(StudentException.Kind.THREW, "java.lang.IllegalStateException", "x = 0.25",
                        List.of("nnlab.Sgd.update(Sgd.java:12)"));
            });
            other.check("b", () -> {
                throw new StudentException(StudentException.Kind.THREW, "java.lang.IllegalStateException", "other",
                        List.of("nnlab.Sgd.update(Sgd.java:40)"));
            });
            third.check("b", () -> {
                throw new StudentException(StudentException.Kind.THREW, "java.lang.ArithmeticException", "x = 0.25",
                        List.of("nnlab.Sgd.update(Sgd.java:12)"));
            });
            assertEquals(one.fingerprint(), other.fingerprint());
            assertNotEquals(one.fingerprint(), third.fingerprint());
        }

        @Test
        void hasNoFingerprintWhenItComparedNoValue() {
            Score threw = new Score(true, 1, 2);
            threw.check("a", () -> {
                throw new StudentException(StudentException.Kind.TIMEOUT, "", "slow", List.of());
            });
            threw.check("b", () -> threw.close("v", "", new double[] {1}, null, Tolerance.DEFAULT));
            assertNull(threw.fingerprint(), "exceptions and nulls alone tell one mistake from another too little");
            Score compared = new Score(true, 1, 2);
            compared.check("a", () -> compared.close("v", "", 1, 1));
            assertNotNull(compared.fingerprint());
        }

        @Test
        void neverShowsTheFingerprintInFeedback() {
            Score s = new Score(true, 1, 2);
            s.check("a", () -> s.close("v", "", 1, 2));
            assertFalse(s.feedback().contains(s.fingerprint()));
            assertFalse(s.diagnosis().contains(s.fingerprint()));
        }
    }
}
