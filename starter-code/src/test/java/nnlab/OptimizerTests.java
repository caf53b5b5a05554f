package nnlab;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Part 4: single steps of the optimizers that can be checked by hand. */
@DisplayName("Part 4 — optimizers")
class OptimizerTests {

    /** For a few exact floating-point operations. */
    private static final double ARITHMETIC_TOLERANCE = 1e-12;
    /** Adam's first step is η·sign(g) up to ε's share of √v, far below this for the gradients used here. */
    private static final double ADAM_SIGN_TOLERANCE = 1e-6;
    /** For values that must not move at all. */
    private static final double UNCHANGED = 0;

    @Test
    void sgdStepsAgainstTheGradient() {
        double[] parameters = {1, -2};
        double[] gradient = {0.5, -1};
        new Sgd(0.1).update(parameters, gradient);
        Expect.near("Sgd(0.1).update for θ=(1, −2), g=(0.5, −1)", "θ − η·g", new double[] {0.95, -1.9},
                "handout §4.1, w_new = w_old − η·g", ARITHMETIC_TOLERANCE, parameters);
        Expect.near("the gradient after Sgd.update", "unchanged g", new double[] {0.5, -1},
                "Optimizer.update modifies only the parameters", UNCHANGED, gradient);
    }

    @Test
    void sgdMomentumCarriesVelocityBetweenCalls() {
        double[] parameters = {1};
        Sgd sgd = new Sgd(0.1, 0.9, false);
        sgd.update(parameters, new double[] {1});
        sgd.update(parameters, new double[] {1});
        Expect.near("Sgd(0.1, μ=0.9).update twice with g=1 from θ=1", "v₁ = −0.1, v₂ = 0.9·v₁ − 0.1, θ = 1 + v₁ + v₂",
                new double[] {0.71}, "handout §4.1, v ← μ·v − η·g, θ ← θ + v; the optimizer keeps v",
                ARITHMETIC_TOLERANCE, parameters);
    }

    @Test
    void adamFirstStepIsLearningRateTimesSignOfGradient() {
        double[] parameters = {1, 1, 1};
        new Adam(0.01).update(parameters, new double[] {3, -0.5, 0});
        Expect.near("Adam(0.01).update from θ=(1, 1, 1) with g=(3, −0.5, 0)", "θ − η·sign(g) on the first step",
                new double[] {0.99, 1.01, 1}, "handout §4.5, bias-corrected m/√v = sign(g) at t = 1",
                ADAM_SIGN_TOLERANCE, parameters);
    }
}
