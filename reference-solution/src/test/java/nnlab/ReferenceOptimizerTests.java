package nnlab;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * §4.1–4.5: every optimizer against the Keras 3 update formulas. One-step values are worked out in the comments;
 * three-step values come from src/test/golden/optimizer_golden.py, which implements the formulas separately and
 * prints every intermediate state (quoted in the comments).
 *
 * <p>Every test starts from θ = (1, −2) and feeds the gradients g₁ = (0.5, −1), g₂ = (0.2, 0), g₃ = (−0.3, 1.5);
 * the zero in g₂ shows that momentum-like state keeps moving a parameter whose gradient vanished.
 */
class ReferenceOptimizerTests {

    /** The script evaluates the same formulas in a different operation order: values O(1) agree to ~1e-16. */
    private static final double FORMULA_ROUNDING = 1e-12;

    private static final double[] THETA0 = {1, -2};
    private static final double[][] GRADIENTS = {{0.5, -1}, {0.2, 0}, {-0.3, 1.5}};

    /** Returns θ after {@code steps} updates of one optimizer instance, checking that the gradient is not modified. */
    private static double[] run(Optimizer optimizer, int steps) {
        double[] theta = THETA0.clone();
        for (int k = 0; k < steps; k++) {
            double[] g = GRADIENTS[k].clone();
            optimizer.update(theta, g);
            assertArrayEquals(GRADIENTS[k], g, "update must not modify the gradient");
        }
        return theta;
    }

    private static void assertSteps(Supplier<Optimizer> optimizer, double[] afterOne, double[] afterThree) {
        assertArrayEquals(afterOne, run(optimizer.get(), 1), FORMULA_ROUNDING, "after one step");
        assertArrayEquals(afterThree, run(optimizer.get(), 3), FORMULA_ROUNDING, "after three steps");
    }

    @Nested
    class PlainSgd {

        @Test
        void stepsByLearningRateTimesGradient() {
            // θ − 0.1·g: (1 − 0.05, −2 + 0.1) = (0.95, −1.9); then −(0.02, 0) → (0.93, −1.9);
            // then +(0.03, −0.15) → (0.96, −2.05).
            assertSteps(() -> new Sgd(0.1), new double[] {0.95, -1.9}, new double[] {0.96, -2.05});
        }

        @Test
        void defaultLearningRateIsOneHundredth() {
            // Keras SGD(): η = 0.01, no momentum: θ − 0.01·g = (0.995, −1.99), …, (0.996, −2.005).
            assertSteps(Sgd::new, new double[] {0.995, -1.99}, new double[] {0.996, -2.005});
        }

        @Test
        void zeroMomentumIsPlainSgdEvenWithNesterov() {
            assertSteps(() -> new Sgd(0.1, 0, true), new double[] {0.95, -1.9}, new double[] {0.96, -2.05});
        }
    }

    @Nested
    class SgdWithMomentum {

        @Test
        void accumulatesAVelocity() {
            // η = 0.1, μ = 0.9; v ← μv − ηg, θ ← θ + v.
            // v₁ = (−0.05, 0.1) → θ = (0.95, −1.9); v₂ = (0.9·−0.05 − 0.02, 0.9·0.1 − 0) = (−0.065, 0.09)
            // → (0.885, −1.81); v₃ = (−0.0585 + 0.03, 0.081 − 0.15) = (−0.0285, −0.069) → (0.8565, −1.879).
            assertSteps(() -> new Sgd(0.1, 0.9, false), new double[] {0.95, -1.9}, new double[] {0.8565, -1.879});
        }

        @Test
        void nesterovLooksAheadWithTheUpdatedVelocity() {
            // θ ← θ + μv − ηg with the new v: step 1 (0.9·−0.05 − 0.05, 0.9·0.1 + 0.1) = (−0.095, 0.19)
            // → (0.905, −1.81); step 2 (0.9·−0.065 − 0.02, 0.9·0.09) = (−0.0785, 0.081) → (0.8265, −1.729);
            // step 3 (0.9·−0.0285 + 0.03, 0.9·−0.069 − 0.15) = (0.00435, −0.2121) → (0.83085, −1.9411).
            assertSteps(() -> new Sgd(0.1, 0.9, true), new double[] {0.905, -1.81}, new double[] {0.83085, -1.9411});
        }
    }

    @Nested
    class RmsPropScaledSteps {

        @Test
        void withoutMomentum() {
            // η = 0.01, ρ = 0.9, ε = 1e-7: s₁ = 0.1·g² = (0.025, 0.1); Δ = ηg/√(s + ε) = 0.01·0.5/√0.0250001 =
            // 0.0316227 and 0.01·−1/√0.1000001 = −0.0316228 → θ = (0.9683773, −1.9683772).
            // Script: s₂ = (0.0265, 0.09), Δ₂ = (0.0122859, 0); s₃ = (0.03285, 0.306), Δ₃ = (−0.0165521, 0.0271163).
            assertSteps(() -> new RmsProp(0.01, 0.9, 0, 1e-7),
                    new double[] {0.9683772866436797, -1.9683772392096925},
                    new double[] {0.9726435000665057, -1.9954935420062565});
        }

        @Test
        void withMomentum() {
            // μ = 0.5: m ← μm + Δ, θ ← θ − m; step 1 equals the plain step. Script: m₂ = (0.0280972, −0.0158114),
            // m₃ = (−0.0025035, 0.0192106).
            assertSteps(() -> new RmsProp(0.01, 0.9, 0.5, 1e-7),
                    new double[] {0.9683772866436797, -1.9683772392096925},
                    new double[] {0.942783525471367, -1.971776471413526});
        }

        @Test
        void kerasDefaults() {
            // RMSprop(): η = 0.001, ρ = 0.9, μ = 0, ε = 1e-7: a tenth of the steps above.
            assertSteps(RmsProp::new, new double[] {0.9968377286643679, -1.9968377239209694},
                    new double[] {0.9972643500066505, -1.9995493542006257});
            assertSteps(() -> new RmsProp(0.01), new double[] {0.9683772866436797, -1.9683772392096925},
                    new double[] {0.9726435000665057, -1.9954935420062565});
        }
    }

    @Nested
    class AdagradAccumulates {

        @Test
        void fromTheInitialAccumulator() {
            // η = 0.1, a₀ = 0.1, ε = 1e-7: a₁ = 0.1 + g² = (0.35, 1.1); θ − ηg/√(a + ε) =
            // (1 − 0.05/0.5916080, −2 + 0.1/1.0488089) = (0.9154846, −1.9046537).
            // a₂ = (0.39, 1.1), a₃ = (0.48, 3.35).
            assertSteps(() -> new Adagrad(0.1, 0.1, 1e-7), new double[] {0.9154845866007779, -1.9046537454093613},
                    new double[] {0.9267602256242834, -1.9866074988923939});
        }

        @Test
        void kerasDefaults() {
            // Adagrad(): η = 0.001, a₀ = 0.1, ε = 1e-7; a zero initial accumulator would give a first step of
            // η·g/|g| = 0.001 instead of 0.001·0.5/0.5916080 = 0.000845154.
            assertSteps(Adagrad::new, new double[] {0.9991548458660078, -1.9990465374540936},
                    new double[] {0.9992676022562429, -1.9998660749889239});
            assertSteps(() -> new Adagrad(0.1), new double[] {0.9154845866007779, -1.9046537454093613},
                    new double[] {0.9267602256242834, -1.9866074988923939});
        }
    }

    @Nested
    class AdadeltaAdaptsItsOwnStep {

        @Test
        void withLearningRateOne() {
            // η = 1, ρ = 0.95, ε = 1e-7: E[g²]₁ = 0.05·g² = (0.0125, 0.05); Δ = −√(0 + ε)/√(E[g²] + ε)·g =
            // −(3.1622777e-4/0.1118038)·0.5 = −0.0014142 and +0.0014142 → θ = (0.9985858, −1.9985858);
            // E[Δ²]₁ = 0.05·Δ² ≈ 1e-7. Script: Δ₂ = (−0.000759322, 0), Δ₃ = (0.00106738, −0.00166838).
            assertSteps(() -> new Adadelta(1.0, 0.95, 1e-7), new double[] {0.9985857920944472, -1.9985857878518383},
                    new double[] {0.9988938535008463, -2.000254170504772});
        }

        @Test
        void kerasDefaults() {
            // Adadelta(): η = 0.001 scales the same Δ: first step (−1.4142e-6, 1.4142e-6).
            assertSteps(Adadelta::new, new double[] {0.9999985857920944, -1.999998585787852},
                    new double[] {0.9999988938535008, -2.000000254170505});
            assertSteps(() -> new Adadelta(1.0), new double[] {0.9985857920944472, -1.9985857878518383},
                    new double[] {0.9988938535008463, -2.000254170504772});
        }
    }

    @Nested
    class AdamWithBiasCorrection {

        @Test
        void firstStepIsAboutTheLearningRateTimesTheSignOfG() {
            // t = 1: m = 0.1g, v = 0.001g², α = η·√(1 − 0.999)/(1 − 0.9) = η·0.0316228/0.1, so
            // α·m/(√v + ε) = η·g/(|g| + ε/√0.001) = η·0.5/(0.5 + 3.16228e-6) = 0.01·0.99999368 for g = 0.5:
            // θ = (1 − 0.0099999368, −2 + 0.0099999684) = (0.9900000632, −1.9900000316).
            // Without the bias correction the first step would be 0.01·0.1·0.5/(0.0158114) = 0.0316.
            assertArrayEquals(new double[] {0.9900000632451532, -1.9900000316226767},
                    run(new Adam(0.01, 0.9, 0.999, 1e-7), 1), FORMULA_ROUNDING);
        }

        @Test
        void threeSteps() {
            // Script: m̂₂ = (0.3421053, −0.4736842), v̂₂ = (0.1449475, 0.4997499); m̂₃ = (0.1051661, 0.2546125),
            // v̂₃ = (0.1266133, 1.0837504).
            assertSteps(() -> new Adam(0.01, 0.9, 0.999, 1e-7), new double[] {0.9900000632451532, -1.9900000316226767},
                    new double[] {0.978058845779315, -1.9857452334724117});
        }

        @Test
        void kerasDefaults() {
            // Adam(): η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-7: the first step is 0.001·0.99999368 for g = 0.5.
            assertSteps(Adam::new, new double[] {0.9990000063245154, -1.9990000031622677},
                    new double[] {0.9978058845779315, -1.9985745233472412});
            assertSteps(() -> new Adam(0.01), new double[] {0.9900000632451532, -1.9900000316226767},
                    new double[] {0.978058845779315, -1.9857452334724117});
        }
    }

    static Stream<Arguments> statefulOptimizers() {
        return Stream.of(
                Arguments.of("Sgd with momentum", (Supplier<Optimizer>) () -> new Sgd(0.1, 0.9, false)),
                Arguments.of("RmsProp", (Supplier<Optimizer>) RmsProp::new),
                Arguments.of("Adagrad", (Supplier<Optimizer>) Adagrad::new),
                Arguments.of("Adadelta", (Supplier<Optimizer>) Adadelta::new),
                Arguments.of("Adam", (Supplier<Optimizer>) Adam::new));
    }

    static Stream<Arguments> allOptimizers() {
        return Stream.concat(Stream.of(Arguments.of("plain Sgd", (Supplier<Optimizer>) Sgd::new)), statefulOptimizers());
    }

    @Nested
    class StateAndContract {

        @ParameterizedTest(name = "{0}")
        @MethodSource("nnlab.ReferenceOptimizerTests#allOptimizers")
        void aZeroFirstGradientLeavesTheParametersAlone(String name, Supplier<Optimizer> optimizer) {
            double[] theta = THETA0.clone();
            optimizer.get().update(theta, new double[] {0, 0});
            assertArrayEquals(THETA0, theta);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nnlab.ReferenceOptimizerTests#allOptimizers")
        void separateInstancesDoNotShareState(String name, Supplier<Optimizer> optimizer) {
            Optimizer first = optimizer.get();
            run(first, 3);
            assertArrayEquals(run(optimizer.get(), 1), run(optimizer.get(), 1));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nnlab.ReferenceOptimizerTests#statefulOptimizers")
        void stateIsKeptBetweenCalls(String name, Supplier<Optimizer> optimizer) {
            // The same gradient twice: a stateless rule would take two equal steps.
            double[] theta = {0, 0};
            Optimizer o = optimizer.get();
            o.update(theta, new double[] {1, -1});
            double[] firstStep = theta.clone();
            o.update(theta, new double[] {1, -1});
            double secondStep = theta[0] - firstStep[0];
            assertThat(name + " took equal steps", secondStep != firstStep[0]);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nnlab.ReferenceOptimizerTests#statefulOptimizers")
        void stateIsSizedByTheFirstCall(String name, Supplier<Optimizer> optimizer) {
            Optimizer o = optimizer.get();
            o.update(new double[] {1, 2}, new double[] {0.1, 0.2});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> o.update(new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.3}));
            assertThat(e.getMessage(), allOf(containsString("sized for 2 parameters"),
                    containsString("use a new optimizer instance for each model")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nnlab.ReferenceOptimizerTests#allOptimizers")
        void rejectsAGradientOfAnotherLength(String name, Supplier<Optimizer> optimizer) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> optimizer.get().update(new double[] {1, 2}, new double[] {1}));
            assertThat(e.getMessage(), allOf(containsString("parameters has 2 entries but gradient has 1"),
                    containsString("match one to one")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nnlab.ReferenceOptimizerTests#allOptimizers")
        void rejectsNullArguments(String name, Supplier<Optimizer> optimizer) {
            assertThrows(NullPointerException.class, () -> optimizer.get().update(null, new double[] {1}));
            assertThrows(NullPointerException.class, () -> optimizer.get().update(new double[] {1}, null));
        }

        @Test
        void plainSgdHasNoStateToSize() {
            Optimizer sgd = new Sgd(0.1);
            sgd.update(new double[] {1, 2}, new double[] {0.1, 0.2});
            assertDoesNotThrow(() -> sgd.update(new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.3}));
        }
    }

    @Nested
    class HyperparameterValidation {

        private void assertRejected(Executable construction, String... messageParts) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
            for (String part : messageParts) {
                assertThat(e.getMessage(), containsString(part));
            }
        }

        @Test
        void learningRateMustBeFiniteAndNonNegative() {
            assertRejected(() -> new Sgd(-0.1), "learningRate must be a finite number ≥ 0, got -0.1.");
            assertRejected(() -> new RmsProp(Double.NaN), "learningRate must be a finite number ≥ 0, got NaN.");
            assertRejected(() -> new Adagrad(Double.POSITIVE_INFINITY), "learningRate", "Infinity");
            assertRejected(() -> new Adadelta(-1), "learningRate", "-1.0");
            assertRejected(() -> new Adam(-1e-3), "learningRate", "-0.001");
        }

        @Test
        void decayRatesAndMomentumMustBeInTheUnitInterval() {
            assertRejected(() -> new Sgd(0.1, 1.0, false), "momentum must be in [0, 1), got 1.0.");
            assertRejected(() -> new Sgd(0.1, -0.5, true), "momentum must be in [0, 1), got -0.5.");
            assertRejected(() -> new RmsProp(0.1, 1.0, 0, 1e-7), "rho must be in [0, 1)");
            assertRejected(() -> new RmsProp(0.1, 0.9, 1.5, 1e-7), "momentum must be in [0, 1)");
            assertRejected(() -> new Adadelta(1, 1.0, 1e-7), "rho must be in [0, 1)");
            assertRejected(() -> new Adam(0.1, 1.0, 0.999, 1e-7), "beta1 must be in [0, 1)");
            assertRejected(() -> new Adam(0.1, 0.9, Double.NaN, 1e-7), "beta2 must be in [0, 1), got NaN.");
        }

        @Test
        void epsilonAndInitialAccumulatorMustBeNonNegative() {
            assertRejected(() -> new RmsProp(0.1, 0.9, 0, -1e-7), "epsilon must be a finite number ≥ 0");
            assertRejected(() -> new Adagrad(0.1, -0.1, 1e-7), "initialAccumulator must be a finite number ≥ 0");
            assertRejected(() -> new Adagrad(0.1, 0.1, -1), "epsilon");
            assertRejected(() -> new Adadelta(1, 0.95, -1), "epsilon");
            assertRejected(() -> new Adam(0.1, 0.9, 0.999, Double.NaN), "epsilon");
        }
    }
}
