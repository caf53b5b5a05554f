package nnlab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** §3.4: a convolutional network's parameters and its gradient against finite differences of its loss. */
@DisplayName("Part 3 — a convolutional network (§3.4)")
class ConvNetTests {

    private static final double STEP = 1e-5;
    /** Centered differences of a smooth loss at step 1e-5 agree with the exact gradient to about 1e-9. */
    private static final double GRADIENT_TOLERANCE = 1e-6;

    @Test
    void theHandoutsDigitsNetworkHas1370Parameters() {
        Sequential model = new Sequential(new Conv2D(1, 8, 3, 1, Padding.SAME, Activation.RELU, 1), new MaxPooling2D(2),
                new Flatten(), new Dense(128, 10, Activation.SOFTMAX, 2));
        assertEquals(1370, model.parameterCount(), "8·9 + 8 + 128·10 + 10 (handout §3.4)");
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheLoss() {
        Sequential model = new Sequential(new Conv2D(1, 2, 2, 1, Padding.SAME, Activation.TANH, 3), new Flatten(),
                new Dense(18, 2, Activation.SOFTMAX, 4));
        model.compile(new Sgd(0.1), Loss.CATEGORICAL_CROSSENTROPY);
        Random r = new Random(5);
        double[] values = new double[2 * 3 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextDouble() - 0.5;
        }
        Tensor x = Tensor.of(new int[] {2, 3, 3, 1}, values);
        Matrix y = Matrix.of(new double[][] {{1, 0}, {0, 1}});
        double[] theta = model.parameters();
        double[] analytic = model.gradient(x, y, true, new Random(6));
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            plus[i] += STEP;
            model.setParameters(plus);
            double up = model.loss(x, y);
            double[] minus = theta.clone();
            minus[i] -= STEP;
            model.setParameters(minus);
            double down = model.loss(x, y);
            assertEquals((up - down) / (2 * STEP), analytic[i], GRADIENT_TOLERANCE,
                    "parameter " + i + ": Sequential.gradient disagrees with finite differences (handout §3.4)");
        }
    }
}
