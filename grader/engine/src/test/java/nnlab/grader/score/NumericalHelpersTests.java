package nnlab.grader.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.Score;
import nnlab.grader.StudentException;
import nnlab.grader.runtime.Json;

/** Tolerances, messages that respect visibility, the gradient checker and the protocol's number encoding. */
class NumericalHelpersTests {

    private static final long SEED = 7;

    @Nested
    class Tolerances {
        @Test
        void acceptsWithinAbsolutePlusRelativeAndTreatsNaNAndInfinityExactly() {
            Tolerance t = new Tolerance(1e-9, 1e-6);
            assertTrue(t.accepts(1.0, 1.0 + 5e-7));
            assertFalse(t.accepts(1.0, 1.0 + 5e-6));
            assertTrue(t.accepts(Double.NaN, Double.NaN));
            assertFalse(t.accepts(0.0, Double.NaN));
            assertTrue(t.accepts(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY));
            assertFalse(t.accepts(Double.POSITIVE_INFINITY, 1e308));
        }
    }

    @Nested
    class Messages {
        @Test
        void visibleMessagesShowInputExpectedAndActualAndCallOutNaN() {
            Score score = new Score(false, SEED, SEED);
            AssertionError e = assertThrows(AssertionError.class,
                    () -> score.close("probability", "x = [1, 2]", 0.25, Double.NaN));
            assertTrue(e.getMessage().contains("x = [1, 2]"), e.getMessage());
            assertTrue(e.getMessage().contains("expected 0.25"), e.getMessage());
            assertTrue(e.getMessage().contains("NaN (not a number)"), e.getMessage());
        }

        @Test
        void hiddenMessagesRevealNeitherInputNorExpectedValue() {
            Score score = new Score(true, SEED, SEED);
            AssertionError e = assertThrows(AssertionError.class, () -> score.close("gradient", "x = [0.123456]",
                    new double[] {0.987654321, 1}, new double[] {0.5, 1}, Tolerance.DEFAULT));
            assertFalse(e.getMessage().contains("0.123456"), e.getMessage());
            assertFalse(e.getMessage().contains("0.987654321"), e.getMessage());
            assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        }

        @Test
        void casesGivePartialCreditAndListFailures() {
            Score score = new Score(false, SEED, SEED);
            score.check("a", () -> { });
            score.check("b", () -> score.require(false, "wrong"));
            score.check("c", () -> {
                throw new StudentException(StudentException.Kind.TIMEOUT, "", "took too long", List.of());
            });
            assertEquals(3, score.cases());
            assertEquals(1, score.passed());
            assertTrue(score.feedback().contains("1 of 3 cases passed"), score.feedback());
            assertTrue(score.feedback().contains("took too long"), score.feedback());
        }

        @Test
        void shapeMismatchAndNullAreReportedAsSuch() {
            Score score = new Score(false, SEED, SEED);
            AssertionError shape = assertThrows(AssertionError.class, () -> score.close("forward", "",
                    new double[][] {{1, 2}}, new double[][] {{1}, {2}}, Tolerance.DEFAULT));
            assertTrue(shape.getMessage().contains("2×1 matrix but a 1×2"), shape.getMessage());
            AssertionError nothing = assertThrows(AssertionError.class,
                    () -> score.close("forward", "", new double[][] {{1}}, null, Tolerance.DEFAULT));
            assertTrue(nothing.getMessage().contains("returned null"), nothing.getMessage());
        }
    }

    @Nested
    class GradientChecks {
        private final List<GradientCheck.Block> blocks = List.of(new GradientCheck.Block("W", 0, 2, 2),
                new GradientCheck.Block("b", 4, 1, 2));

        private double loss(double[] p) {
            double total = 0;
            for (int i = 0; i < p.length; i++) {
                total += (i + 1) * p[i] * p[i] * p[i];
            }
            return total;
        }

        private double[] gradient(double[] p) {
            double[] g = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                g[i] = 3 * (i + 1) * p[i] * p[i];
            }
            return g;
        }

        @Test
        void aCorrectGradientPassesInEveryBlock() {
            double[] p = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            GradientCheck.Result r = GradientCheck.check("cubic", p, gradient(p), this::loss, null, blocks, 10,
                    GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertTrue(r.passed(), r.table());
            assertEquals(6, r.checked());
        }

        @Test
        void aWrongEntryFailsAndLeadsTheWorstEntriesTable() {
            double[] p = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            double[] g = gradient(p);
            g[5] *= 1.01;
            GradientCheck.Result r = GradientCheck.check("cubic", p, g, this::loss, null, blocks, 10,
                    GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertEquals(1, r.failed());
            assertEquals("b", r.worst().get(0).block());
            assertTrue(r.table().contains("✗"), r.table());
        }

        @Test
        void entriesOnAKinkOfTheReferenceAreResampled() {
            // θ₀ sits on a ReLU-like kink: the analytic convention (0) disagrees with the centered difference (1).
            double[] p = kinkedPoint();
            double[] g = kinkedGradient(p);
            GradientCheck.Result r = GradientCheck.check("kinked", p, g, this::kinked, this::kinked,
                    List.of(new GradientCheck.Block("W", 0, 1, 20)), 19, GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertTrue(r.passed(), r.table());
            assertEquals(1, r.kinksResampled(), r.table());
            assertEquals(19, r.checked(), r.table());
        }

        @Test
        void kinksOfTheFunctionUnderTestAloneAreNeverResampled() {
            // The attack of issue 11: a jitter of 5e-8·Σ sign(sin(1e6·θ)) is invisible to a forward test but makes
            // every entry's one-sided slopes disagree; with a doubled gradient every entry fails.
            double[] p = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            double[] doubled = gradient(p);
            for (int i = 0; i < doubled.length; i++) {
                doubled[i] *= 2;
            }
            GradientCheck.Result r = GradientCheck.check("jittery", p, doubled, q -> loss(q) * (1 + jitter(q)),
                    this::loss, blocks, 10, GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertFalse(r.passed(), r.table());
            assertEquals(0, r.kinksResampled(), r.table());
            assertEquals(6, r.failed(), r.table());
        }

        @Test
        void aBlockWithMoreKinksThanItCanReplaceFailsWithAMessage() {
            // Every entry of W sits on a kink of the reference and the gradient follows no convention there.
            double[] p = new double[12];
            double[] g = new double[12];
            java.util.Arrays.fill(g, 5);
            ToDoubleFunction<double[]> vShapes = q -> java.util.Arrays.stream(q).map(Math::abs).sum();
            GradientCheck.Result r = GradientCheck.check("all kinks", p, g, vShapes, vShapes,
                    List.of(new GradientCheck.Block("W", 0, 3, 4)), 4, GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertFalse(r.passed(), r.table());
            assertEquals(4, r.kinksResampled(), r.table());
            assertEquals(4, r.checked(), r.table());
            assertTrue(r.table().contains("too many entries sit on kinks"), r.table());
        }

        @Test
        void everyBlockIsCheckedOnItsFullQuota() {
            double[] p = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            GradientCheck.Result r = GradientCheck.check("cubic", p, gradient(p), this::loss, this::loss,
                    List.of(new GradientCheck.Block("W", 0, 1, 5), new GradientCheck.Block("b", 5, 1, 1)), 3,
                    GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertTrue(r.passed(), r.table());
            assertEquals(4, r.checked(), r.table());
        }

        @Test
        void aLossLinearAroundTheGradientPointWithTheStudentsSlopeVouchesForNothing() {
            // The attack of issue 21: L₀ + g·(θ − θ₀) near θ₀, with g the student's own 1.5×-too-large gradient. Right
            // at θ₀, so any check of the loss at θ alone is passed; its differences reproduce g exactly.
            double[] p = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            double[] wrong = scaled(gradient(p), 1.5);
            GradientCheck.Result r = GradientCheck.check("linearized", p, wrong, linearized(p, wrong, false),
                    this::loss, blocks, 10, GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertFalse(r.passed(), r.table());
            assertEquals(6, r.failed(), r.table());
            assertEquals(6, r.lossDisagreements(), r.table());
            assertTrue(r.table().contains("disagree with the reference's"), r.table());
            assertTrue(r.summary().contains("not trusted"), r.summary());
        }

        @Test
        void aLossLinearOnlyAtTheChecksOwnStepsVouchesForNothing() {
            // The same lie told only where a gradient check looks: one coordinate moved by exactly the step.
            double[] p = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            double[] wrong = scaled(gradient(p), 1.5);
            GradientCheck.Result r = GradientCheck.check("linearized at ±h", p, wrong, linearized(p, wrong, true),
                    this::loss, blocks, 10, GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertFalse(r.passed(), r.table());
            assertEquals(6, r.lossDisagreements(), r.table());
        }

        @Test
        void anHonestLossThatDiffersFromTheReferenceByRoundingIsTrusted() {
            // Another order of the same sum: values differ in the last bits, as two correct implementations do.
            double[] p = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            ToDoubleFunction<double[]> reordered = q -> {
                double total = 0;
                for (int i = q.length - 1; i >= 0; i--) {
                    total += (i + 1) * q[i] * q[i] * q[i];
                }
                return total * (1 + 1e-16);
            };
            GradientCheck.Result r = GradientCheck.check("reordered", p, gradient(p), reordered, this::loss, blocks, 10,
                    GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertTrue(r.passed(), r.table());
            assertEquals(0, r.lossDisagreements(), r.table());
        }

        @Test
        void aWrongGradientIsDescribedWithoutAnyValue() {
            double[] p = {0.3, -0.7, 1.1, 0.2, -0.4, 0.9};
            GradientCheck.Result r = GradientCheck.check("cubic", p, scaled(gradient(p), 1.5), this::loss, this::loss,
                    blocks, 10, GradientCheck.RELATIVE_TOLERANCE, new Random(SEED));
            assertEquals("W: 4 of 4 checked entries wrong (all off by one factor: yours are 1.500× the differences); b: 2"
                    + " of 2 checked entries wrong (all off by one factor: yours are 1.500× the differences)", r.summary());
        }

        /**
         * A loss equal to the true one except near {@code at}, where it is linear with slope {@code slope}: everywhere
         * within 1e-4, or ({@code onlyAtSteps}) only where one coordinate moved by exactly the check's step.
         */
        private ToDoubleFunction<double[]> linearized(double[] at, double[] slope, boolean onlyAtSteps) {
            return q -> {
                double linear = loss(at);
                int moved = 0;
                double farthest = 0;
                for (int i = 0; i < q.length; i++) {
                    double d = q[i] - at[i];
                    linear += slope[i] * d;
                    moved += d != 0 ? 1 : 0;
                    farthest = Math.max(farthest, Math.abs(d));
                }
                boolean near = onlyAtSteps ? moved == 1 && Math.abs(farthest - GradientCheck.STEP) < 1e-12
                        : farthest <= 1e-4;
                return near ? linear : loss(q);
            };
        }

        private double[] scaled(double[] g, double factor) {
            double[] out = g.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] *= factor;
            }
            return out;
        }

        private double[] kinkedPoint() {
            double[] p = new double[20];
            for (int i = 1; i < p.length; i++) {
                p[i] = 0.1 * i;
            }
            return p;
        }

        private double[] kinkedGradient(double[] p) {
            double[] g = new double[20];
            for (int i = 1; i < p.length; i++) {
                g[i] = Math.signum(p[i]) + 2 * p[i];
            }
            return g;
        }

        private double kinked(double[] q) {
            double total = Math.max(0, q[0]) * 2;
            for (int i = 1; i < q.length; i++) {
                total += Math.abs(q[i]) + q[i] * q[i];
            }
            return total;
        }

        private double jitter(double[] q) {
            double sum = 0;
            for (double v : q) {
                sum += Math.signum(Math.sin(1e6 * v));
            }
            return 5e-8 * sum;
        }
    }

    @Nested
    class ProtocolNumbers {
        @Test
        void nonFiniteAndExtremeDoublesSurviveTheJsonRoundTrip() {
            double[] values = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
                Double.MAX_VALUE, 0.1 + 0.2};
            List<?> back = (List<?>) Json.read(Json.write(values));
            for (int i = 0; i < values.length; i++) {
                assertEquals(Double.doubleToLongBits(values[i]), Double.doubleToLongBits(Json.toDouble(back.get(i))));
            }
        }
    }
}
