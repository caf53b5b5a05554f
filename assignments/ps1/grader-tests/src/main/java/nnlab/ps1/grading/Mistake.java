package nnlab.ps1.grading;

import nnlab.grader.support.CataloguedMistake;

/**
 * The typical mistakes the feedback can name. A test computes each candidate's output from the oracle's inputs and
 * names the mistake when the student's failing output matches it; the message never contains an expected value.
 */
enum Mistake implements CataloguedMistake {
    PERCEPTRON_NO_FACTOR_2("your gradient is exactly half the right one: ∂l/∂p = 2(p − y) for l = (y − p)² — the slide"
            + " drops the 2 (see handout §1.4)"),
    PERCEPTRON_NO_SIGMOID_DERIVATIVE("your gradient matches the chain rule without ∂p/∂h = p(1 − p) (see handout §1.4)"),
    GRADIENT_SIGN("your gradient has the opposite sign: ∂l/∂p = 2(p − y) for the squared error, −y/p + (1 − y)/(1 − p)"
            + " for binary cross-entropy (see handout §1.4 and §2.5)"),
    PREDICT_STRICT("at p = 0.5 exactly your prediction is 0: ŷ = 1 when p ≥ 0.5, not p > 0.5 (see handout §1.2)"),
    UPDATE_SIGN("your parameters move with the gradient instead of against it: the step is θ ← θ − η·g (see handout §1.5"
            + " and §4.1)"),
    SIGMOID_OVERFLOW("your sigmoid returns NaN for |h| = 1000: e^h overflows to ∞ and ∞/∞ is NaN — compute it from the side"
            + " where the exponent is ≤ 0 (see handout §1.1)"),
    PERCEPTRON_LOSS_DURING_EPOCH("your loss history matches the error summed row by row before each update: report the"
            + " mean squared error over all rows after the epoch's last update (see handout §1.5)"),
    RELU_KINK("your RELU derivative is 1 at z = 0: the handout fixes ReLU′(0) = 0 (see handout §2.2)"),
    LEAKY_SLOPE("your LEAKY_RELU matches a slope of 0.01: the lecture's leaky ReLU is max(0.1·z, z) (see handout §2.1)"),
    TANH_DERIVATIVE("your TANH derivative matches 1 − tanh z: it is 1 − tanh² z (see handout §2.2)"),
    ELU_DERIVATIVE("your ELU derivative for z < 0 matches α(eᶻ − 1), the function itself: the derivative is αeᶻ (see handout"
            + " §2.2)"),
    MISSING_ACTIVATION_DERIVATIVE("your ∂L/∂Z equals ∂L/∂A passed through unchanged: multiply by φ′(Z) (see handout §2.2"
            + " and §3.2)"),
    ACTIVATION_OVERFLOW("your derivative is NaN for |z| = 1000: an exponential overflows — rewrite it with σ(z) or e^(−|z|)"
            + " (see handout §2.2)"),
    SOFTMAX_NO_SHIFT("your softmax is NaN for |z| = 1000: subtract each row's maximum before exponentiating (see handout"
            + " §2.3)"),
    SOFTMAX_DIAGONAL("your softmax backward matches only the diagonal of the Jacobian, s(1 − s)·g: every output depends on"
            + " every input, ∂L/∂z = s ⊙ (g − g·s) (see handout §2.3)"),
    LOSS_NO_MEAN("your loss matches the sum instead of the mean: divide by the number of elements (MSE, binary"
            + " cross-entropy) or rows (categorical cross-entropy) (see handout §2.4 and §2.5)"),
    MEAN_OVER_ROWS_ONLY("your loss matches the mean over the rows of each row's sum: Keras averages over the last axis"
            + " (a row's outputs) first, then over the batch, so MSE and binary cross-entropy divide by rows × columns"
            + " (see handout §2.4)"),
    LOSS_GRADIENT_NO_MEAN("your loss gradient matches the gradient of the sum although your loss value is the mean:"
            + " the gradient of a mean keeps its 1/N (rows × columns for MSE and binary cross-entropy, rows for"
            + " categorical cross-entropy) (see handout §2.5)"),
    CCE_MEAN_OVER_ELEMENTS("your categorical cross-entropy matches the mean over every element: sum over the classes and"
            + " average over the rows only (see handout §2.4 and §2.5)"),
    CROSSENTROPY_NOT_CLIPPED("your cross-entropy is not finite for predictions of exactly 0 or 1: clip predictions to"
            + " [1e-7, 1 − 1e-7] and make the gradient 0 where clipped (see handout §2.4 and §2.5)"),
    BCE_GRADIENT_CLIPPED("your binary cross-entropy gradient matches the formula at the clipped prediction: where a"
            + " prediction was clipped the gradient is 0 (see handout §2.5)"),
    LOSS_GRADIENT_HALF("your MSE gradient is exactly half the right one: ∂(y − ŷ)²/∂ŷ = 2(ŷ − y) (see handout §2.5)"),
    SLIDE_HIDDEN_FORMULA("your hidden-layer gradient matches the formula without the w_oj factor (the slide's): ∂L/∂X ="
            + " ∂L/∂Z·Wᵀ — see handout §3.2"),
    TRANSPOSED_WEIGHT_GRADIENT("your weight gradient matches ∂L/∂Zᵀ·X, the transpose: ∂L/∂W = Xᵀ·∂L/∂Z is inputs × units,"
            + " like W (see handout §3.2)"),
    WEIGHT_GRADIENT_IN_TRANSPOSED_ORDER("your gradient lists each layer's ∂L/∂W entries in the order of its transpose:"
            + " either Dense.backward's ∂L/∂W is ∂L/∂Zᵀ·X (it is Xᵀ·∂L/∂Z, inputs × units like W, §3.2), or"
            + " Sequential.gradient flattens ∂L/∂W column by column (it goes row by row, like parameters(), §3.4)"),
    BIAS_AVERAGED("your bias gradient matches the column means of ∂L/∂Z: the loss's mean is already in ∂L/∂A, so ∂L/∂b"
            + " is the column sums (see handout §3.2)"),
    FORWARD_NO_BIAS("your forward pass matches φ(XW) without the bias b (see handout §3.1)"),
    FORWARD_NO_ACTIVATION("your forward pass matches Z = XW + b without the activation φ (see handout §3.1)"),
    NESTEROV_AS_MOMENTUM("with nesterov = true your steps match plain momentum: Nesterov's step is θ ← θ + μ·v − η·g with"
            + " the updated v (see handout §4.1)"),
    RMSPROP_EPSILON_OUTSIDE("your RMSprop matches ε outside the square root: Keras divides by √(s + ε) (see handout §4.2)"),
    ADAGRAD_ZERO_ACCUMULATOR("your Adagrad matches an accumulator that starts at 0: it starts at initialAccumulator (see"
            + " handout §4.3)"),
    ADADELTA_NO_LEARNING_RATE("your Adadelta matches the update without η: Keras scales Δ by the learning rate (see"
            + " handout §4.4)"),
    ADAM_NO_BIAS_CORRECTION("your Adam matches the update without bias correction: scale by √(1 − β₂ᵗ)/(1 − β₁ᵗ) (see"
            + " handout §4.5)"),
    FIT_NO_SHUFFLE("your fit matches one that never shuffles: shuffle a fresh index list every epoch with"
            + " Collections.shuffle(list, random) (see handout §4.6)"),
    FIT_FRESH_RANDOM("your fit matches one that creates a new Random(seed) every epoch: create it once per fit call (see"
            + " handout §4.6)"),
    FIT_DROPS_LAST_BATCH("your fit matches one that skips the last, smaller batch: it must be used too (see handout §4.6)"),
    FIT_LOSS_BEFORE_LAST_UPDATE("your loss history matches the loss computed before the epoch's last update: report it"
            + " after (see handout §4.6)"),
    PERCEPTRON_NO_BIAS("your weighted sum matches w·x without the bias: h = w·x + b (see handout §1.1)"),
    PREDICT_THRESHOLDS_H("your prediction matches the threshold applied to the weighted sum h: ŷ = 1 when the"
            + " probability p = σ(h) ≥ 0.5 (see handout §1.2)"),
    SQUARED_ERROR_HALF("your squared error is exactly half the right one: l = (y − p)², without the ½ some textbooks"
            + " use (see handout §1.3)"),
    BIAS_NOT_UPDATED("your weights move but your bias never does: the update θ ← θ − η·g covers b too, with the"
            + " gradient's last entry (see handout §1.5)"),
    PERCEPTRON_LOSS_SUM("your loss history matches the sum of the squared errors over the rows: report their mean"
            + " (see handout §1.5)"),
    DERIVATIVE_AT_OUTPUT("your derivative matches φ′ evaluated at the activation's output a = φ(z): backward gets the"
            + " pre-activation z, so evaluate φ′(z) (see handout §2.2)"),
    WEIGHT_GRADIENT_AVERAGED("your weight gradient matches Xᵀ·∂L/∂Z divided by the batch size: the loss's mean is"
            + " already in ∂L/∂A, so ∂L/∂W = Xᵀ·∂L/∂Z (see handout §3.2)"),
    GLOROT_LIMIT("your seeded Dense weights match the right draws scaled by another limit: Glorot-uniform's limit is"
            + " √(6 / (inputs + units)) (see handout §3.1)"),
    FIT_LOSS_LAST_BATCH("your loss history matches the loss on the epoch's last batch: report the loss on the whole"
            + " training set (see handout §4.6)");

    private final String message;

    Mistake(String message) {
        this.message = message;
    }

    @Override
    public String sentence() {
        return message + ".";
    }
}
