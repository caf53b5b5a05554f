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
    /** For the handout's values printed to ten decimals (four for Nesterov's, which are exact in decimal). */
    private static final double TEN_DIGITS = 1e-9;

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
    void sgdNesterovMatchesTheHandoutsWorkedExample() {
        Expect.near("Sgd(0.1, μ=0.9, nesterov).update twice from θ=(0.5, −1) with g=(0.2, −0.4)",
                "v ← μ·v − η·g, θ ← θ + μ·v − η·g", new double[] {0.4078, -0.8156},
                "handout §4.1 worked example: Nesterov uses the v just updated", TEN_DIGITS,
                twoSteps(new Sgd(0.1, 0.9, true)));
    }

    @Test
    void rmsPropMatchesTheHandoutsWorkedExample() {
        Expect.near("RmsProp(0.01).update twice from θ=(0.5, −1) with g=(0.2, −0.4)",
                "s ← ρ·s + (1 − ρ)·g², θ ← θ − η·g/√(s + ε)", new double[] {0.4454361962, -0.9454357866},
                "handout §4.2 worked example: ε inside the square root", TEN_DIGITS, twoSteps(new RmsProp(0.01)));
    }

    @Test
    void adagradMatchesTheHandoutsWorkedExample() {
        Expect.near("Adagrad(0.1).update twice from θ=(0.5, −1) with g=(0.2, −0.4)",
                "a ← a + g², θ ← θ − η·g/√(a + ε), a starting at 0.1", new double[] {0.3994073317, -0.8598322284},
                "handout §4.3 worked example", TEN_DIGITS, twoSteps(new Adagrad(0.1)));
    }

    @Test
    void adadeltaMatchesTheHandoutsWorkedExample() {
        Expect.near("Adadelta(1.0).update twice from θ=(0.5, −1) with g=(0.2, −0.4)",
                "Δ = −√(E[Δ²] + ε)/√(E[g²] + ε)·g, then E[Δ²] updated, θ ← θ + η·Δ",
                new double[] {0.4971536283, -0.9971535746}, "handout §4.4 worked example: E[Δ²] is updated after Δ",
                TEN_DIGITS, twoSteps(new Adadelta(1.0)));
    }

    /** The handout's worked examples of Part 4: two steps with the same gradient from the same start. */
    private static double[] twoSteps(Optimizer optimizer) {
        double[] parameters = {0.5, -1};
        optimizer.update(parameters, new double[] {0.2, -0.4});
        optimizer.update(parameters, new double[] {0.2, -0.4});
        return parameters;
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
