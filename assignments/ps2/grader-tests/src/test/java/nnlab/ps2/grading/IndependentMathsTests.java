package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.Activation;
import nnlab.Conv2D;
import nnlab.EarlyStopping;
import nnlab.MaxPooling2D;
import nnlab.Padding;
import nnlab.Sequential;
import nnlab.Tensor;

/**
 * The grader's own maths ({@link ConvMaths}, {@link EarlyStoppingScript#emulate}) computes what the reference
 * computes, so the candidates it builds for naming mistakes differ from the right answer only by the mistake; and each
 * mistake switch really changes the result on the graded geometries.
 */
class IndependentMathsTests {

    /** Both sides sum the same products, in another order. */
    private static final double TOLERANCE = 1e-12;
    private static final int CASES = 2;

    @Nested
    class Convolution {
        @Test
        void forwardAndBackwardAgreeWithTheReferenceOnEveryGradedGeometry() {
            Random r = new Random(1);
            List<ConvGrading.Geometry> all = new ArrayList<>(ConvGrading.VALID);
            all.addAll(ConvGrading.SAME);
            for (ConvGrading.Geometry g : all) {
                for (int i = 0; i < CASES; i++) {
                    ConvGrading.Drawn d = ConvGrading.Drawn.of(r, g);
                    Conv2D reference = new Conv2D(Tensor.of(d.kernel()), d.bias(), g.stride(),
                            g.same() ? Padding.SAME : Padding.VALID, Activation.LINEAR);
                    double[][][][] z = ConvMaths.conv(d.x(), d.kernel(), d.bias(), g.conv());
                    assertArrayEquals(reference.forward(Tensor.of(d.x()), false, null).values(), ConvMaths.flatten(z),
                            TOLERANCE, g.describe());
                    double[][][][] dz = Gen.tensor(r, z.length, z[0].length, z[0][0].length, z[0][0][0].length, 1);
                    ConvMaths.ConvGradients mine = ConvMaths.convBackward(d.x(), d.kernel(), dz, g.conv());
                    assertArrayEquals(reference.backward(Tensor.of(dz)).values(), ConvMaths.flatten(mine.dx()), TOLERANCE,
                            "∂L/∂x, " + g.describe());
                    assertArrayEquals(reference.kernelGradient().values(), ConvMaths.flatten(mine.dKernel()), TOLERANCE,
                            "∂L/∂K, " + g.describe());
                    assertArrayEquals(reference.biasGradient(), mine.dBias(), TOLERANCE, "∂L/∂b, " + g.describe());
                }
            }
        }

        @Test
        void eachSameCaseHasAnOddPaddingSoTheTopLeftMistakeShows() {
            Random r = new Random(2);
            for (ConvGrading.Geometry g : ConvGrading.SAME) {
                ConvGrading.Drawn d = ConvGrading.Drawn.of(r, g);
                assertNotEquals(ConvMaths.flatten(ConvMaths.conv(d.x(), d.kernel(), d.bias(), g.conv()))[0],
                        ConvMaths.flatten(ConvMaths.conv(d.x(), d.kernel(), d.bias(), g.conv().paddingTopLeft()))[0],
                        g.describe());
            }
        }
    }

    @Nested
    class Pooling {
        @Test
        void forwardAndBackwardWithTiesAgreeWithTheReference() {
            Random r = new Random(3);
            for (int[] pool : new int[][] {{2, 2}, {3, 2}, {2, 1}}) {
                double[][][][] x = Gen.tiedTensor(r, 2, 6, 5, 2, 1);
                MaxPooling2D reference = new MaxPooling2D(pool[0], pool[1]);
                double[][][][] y = ConvMaths.maxPool(x, pool[0], pool[0], pool[1], pool[1]);
                assertArrayEquals(reference.forward(Tensor.of(x), false, null).values(), ConvMaths.flatten(y), TOLERANCE);
                double[][][][] g = Gen.tensor(r, y.length, y[0].length, y[0][0].length, y[0][0][0].length, 1);
                assertArrayEquals(reference.backward(Tensor.of(g)).values(), ConvMaths.flatten(ConvMaths.maxPoolBackward(
                        x, g, pool[0], pool[0], pool[1], pool[1], ConvMaths.Ties.FIRST)), TOLERANCE);
            }
        }
    }

    @Nested
    class Stopping {
        @Test
        void theEmulationTakesKerasDecisionsOnEveryScript() {
            for (EarlyStoppingScript script : ValidationGrading.scripts(new Random(4))) {
                EarlyStopping reference = new EarlyStopping(script.monitor(), script.minDelta(), script.patience(),
                        script.restore());
                Sequential model = new Sequential(new nnlab.Dense(2, 2, Activation.LINEAR, 1));
                reference.onTrainBegin(model);
                EarlyStoppingScript.Trace expected = script.emulate(null);
                for (int epoch = 0; epoch < expected.stops().length; epoch++) {
                    assertEquals(expected.stops()[epoch], reference.onEpochEnd(epoch, script.logs(epoch), model),
                            script.describe() + ", epoch " + epoch);
                    assertEquals(expected.waits()[epoch], reference.waitCount(), script.describe() + ", epoch " + epoch);
                    assertEquals(expected.bestEpochs()[epoch], reference.bestEpoch(), script.describe());
                }
            }
        }

        @Test
        void everyStoppingMistakeChangesTheDecisionsOnSomeScript() {
            List<EarlyStoppingScript> scripts = ValidationGrading.scripts(new Random(5));
            for (Mistake m : List.of(Mistake.MIN_DELTA_INCLUSIVE, Mistake.MIN_DELTA_IGNORED, Mistake.WAIT_NOT_RESET,
                    Mistake.MONITORS_TRAINING_LOSS, Mistake.PATIENCE_OFF_BY_ONE)) {
                assertNotEquals(0, scripts.stream().filter(s -> !s.emulate(null).equals(s.emulate(m))).count(), m.name());
            }
        }
    }
}
