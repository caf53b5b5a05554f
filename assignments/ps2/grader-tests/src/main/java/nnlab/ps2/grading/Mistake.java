package nnlab.ps2.grading;

import nnlab.grader.support.CataloguedMistake;

/**
 * The typical mistakes of problem set 2 the feedback can name. A test computes each candidate's output from the
 * oracle's inputs and names the mistake when the student's failing output matches it; the message never contains an
 * expected value.
 */
enum Mistake implements CataloguedMistake {
    VALIDATION_FROM_FRONT("your validation rows match the first fraction of the samples: Keras's validationSplit takes"
            + " the last fraction (see handout §1.1)"),
    VALIDATION_AFTER_SHUFFLE("your validation rows match rows picked after shuffling: split off the last fraction"
            + " once, before any shuffling, and shuffle only the training rows (see handout §1.1)"),
    VALIDATION_SIZE("your split keeps another number of validation rows: the training rows are the first"
            + " ⌊n·(1 − validationSplit)⌋, the validation rows all the others (see handout §1.1)"),
    VALIDATION_ROWS_TRAINED("your training also learns from the validation rows: they are only evaluated, never"
            + " in a batch (see handout §1.1)"),
    VAL_LOSS_BEFORE_UPDATES("your validation loss matches the loss before the epoch's updates: evaluate it after the"
            + " epoch's last update, like the training loss (see handout §1.1)"),
    PATIENCE_OFF_BY_ONE("your training stops one epoch away from where Keras stops: stop at the end of the epoch in"
            + " which `patience` epochs in a row have passed without improvement (see handout §1.2)"),
    MIN_DELTA_INCLUSIVE("your early stopping counts an improvement of exactly minDelta: an epoch improves only when"
            + " best − current > minDelta, strictly (see handout §1.2)"),
    MIN_DELTA_IGNORED("your early stopping counts every decrease as an improvement: it must exceed minDelta (see"
            + " handout §1.2)"),
    NO_RESTORE("your weights after an early stop are the last epoch's: with restoreBestWeights, put back the weights"
            + " of the best epoch (see handout §1.2)"),
    RESTORE_WITHOUT_REQUEST("your weights after an early stop are the best epoch's although restoreBestWeights is"
            + " false: keep the last epoch's weights then (see handout §1.2)"),
    MONITORS_TRAINING_LOSS("your early stopping follows the training loss: it monitors the validation loss (see handout"
            + " §1.2)"),
    FIRST_EPOCH_AGAINST_INFINITY("your early stopping compares the first epoch with a best of +∞, so a NaN first epoch"
            + " does not count: Keras starts with no best, and the first epoch is always the first best, whatever its"
            + " value (see handout §1.2)"),
    STATE_NOT_RESET("your EarlyStopping carries the state of an earlier fit into the next one: a fresh callback gets"
            + " it right, a reused one does not — onTrainBegin resets wait, stoppedEpoch, best, bestEpoch and the kept"
            + " weights (see handout §1.2)"),
    RESTORE_ONLY_WHEN_STOPPED("your weights after a fit that ran every epoch are the last epoch's: Keras 3 restores the"
            + " best weights at the end of every fit with restoreBestWeights, stopped early or not (see handout §1.2)"),
    VAL_LOSS_WITHOUT_PENALTY("your val_loss leaves out the regularization penalty: like loss, it is the compiled loss"
            + " with every layer's penalty, Sequential.loss on the validation rows (see handout §1.1 and §2.3)"),
    DROPOUT_MASK_ONCE_PER_FIT("your Dropout reuses one mask for every batch: draw a new mask at every training forward"
            + " pass, from the generator it is given (see handout §2.2)"),
    DROPOUT_RATE_ZERO_DRAWS("your Dropout(0) draws from the generator in training: with rate 0 nothing is drawn, so"
            + " the masks of the Dropout layers after it stay the same (see handout §2.2)"),
    FIT_RANDOM_NOT_PASSED("your fit's Dropout masks do not come from the fit's generator: pass the one"
            + " new Random(seed) of the fit, after the epoch's shuffle, to gradient(xb, yb, true, random) for every"
            + " batch (see handout §1.1 and §2.2)"),
    WAIT_NOT_RESET("your early stopping keeps counting epochs after an improvement: an improvement resets the count of"
            + " epochs without one to 0 (see handout §1.2)"),
    L2_GRADIENT_NO_FACTOR_2("your L2 gradient is exactly half the right one: ∂(λw²)/∂w = 2λw (see handout §2.1)"),
    L2_PENALTY_HALF("your L2 penalty is exactly half the right one: Keras's l2(λ) adds λΣw², without a ½ (see handout"
            + " §2.1)"),
    L1_SIGN_AT_ZERO("your L1 gradient is not 0 where a weight is exactly 0: use λ·sign(w) with sign(0) = 0 (see handout"
            + " §2.1)"),
    L1_GRADIENT_AS_L2("your L1 gradient matches λw, the shape of an L2 gradient: the derivative of λ|w| is λ·sign(w)"
            + " (see handout §2.1)"),
    PENALTY_GRADIENT_MISSING("your regularized model's gradient leaves out the penalty's gradient: add it to the kernel's"
            + " gradient (see handout §2.3)"),
    PENALTY_ON_BIAS("your regularized model also penalizes the bias: a kernel regularizer acts on the weights only"
            + " (see handout §2.3)"),
    PENALTY_AVERAGED("your penalty matches λΣw² divided by the batch size: the penalty is added once, not averaged"
            + " over the rows (see handout §2.3)"),
    GRADIENT_IN_INFERENCE_MODE("your gradient with training = true matches the one in inference mode: run the forward"
            + " pass with the training flag and generator you were given, so that Dropout draws its masks (see handout"
            + " §2.3)"),
    DROPOUT_NOT_SCALED("your dropout keeps units unscaled: inverted dropout multiplies the kept units by 1/(1 − rate)"
            + " (see handout §2.2)"),
    DROPOUT_IN_PREDICTION("your Dropout changes its input outside training: in prediction it is the identity (see"
            + " handout §2.2)"),
    DROPOUT_MASK_REDRAWN("your Dropout's backward pass uses another mask than its forward pass: keep the forward's mask"
            + " and reuse it (see handout §2.2)"),
    DROPOUT_RATE_KEPT("your Dropout keeps a unit with probability rate: rate is the fraction dropped, a unit is kept"
            + " when its uniform draw is ≥ rate (see handout §2.2)"),
    DROPOUT_BACKWARD_UNSCALED("your Dropout's backward pass masks the gradient without the 1/(1 − rate) factor its"
            + " forward pass applied (see handout §2.2)"),
    CONV_FLIPPED_KERNEL("your Conv2D matches a true convolution with the kernel flipped: Keras's Conv2D is a"
            + " cross-correlation, Z[i, j] = Σ X[i·s + u, j·s + v]·K[u, v] (see handout §3.1)"),
    CONV_BACKWARD_FLIPPED_KERNEL("your Conv2D forward pass is right, but its backward pass matches one with the kernel"
            + " flipped (rotated by 180°): ∂L/∂X sends K[u, v]·∂L/∂Z[i, j] back to the input at (i·s + u, j·s + v), the"
            + " same K[u, v] the forward pass used there, and ∂L/∂K[u, v] pairs it with that input (see handout §3.2)"),
    SAME_PADDING_TOP_LEFT("your \"same\" padding puts the odd row or column at the top or left: Keras puts it at the"
            + " bottom and right (see handout §3.1)"),
    CONV_NO_BIAS("your Conv2D output matches the cross-correlation without the bias (see handout §3.1)"),
    CONV_NO_ACTIVATION("your Conv2D output matches Z without the activation φ (see handout §3.1)"),
    CONV_SOFTMAX_AXIS("your Conv2D's softmax matches one over each image's whole output: Keras applies it over the last"
            + " axis, each pixel's filters, so φ goes on the (batch·oh·ow) × filters matrix of Z (see handout §3.1)"),
    CONV_STRIDE_IGNORED_BACKWARD("your Conv2D backward pass matches one that ignores the stride: output position (i, j)"
            + " reads input rows from i·s, in the backward pass too (see handout §3.2)"),
    CONV_GRADIENT_ACCUMULATED("your Conv2D's kernel gradient after a second backward pass is the sum of both passes':"
            + " each backward replaces the stored gradients (fit calls it once per batch, and the optimizer adds the"
            + " steps up) (see handout §3.2)"),
    CONV_BIAS_GRADIENT_AVERAGED("your Conv2D bias gradient matches the mean of ∂L/∂Z: it is the sum over the batch and"
            + " every position (see handout §3.2)"),
    CONV_MISSING_ACTIVATION_DERIVATIVE("your Conv2D gradients match ∂L/∂A passed on without φ′(Z): multiply by the"
            + " activation's derivative first (see handout §3.2)"),
    POOL_GRADIENT_EVERY_MAXIMUM("your MaxPooling2D backward pass sends the gradient to every maximum of a tied window:"
            + " it goes to the first maximum in row-major order only (see handout §3.3)"),
    POOL_GRADIENT_LAST_MAXIMUM("your MaxPooling2D backward pass sends a tied window's gradient to its last maximum: the"
            + " first in row-major order gets it (see handout §3.3)"),
    POOL_GRADIENT_OVERWRITTEN("your MaxPooling2D backward pass keeps one window's gradient where overlapping windows"
            + " share a maximum: add them up (see handout §3.3)"),
    POOL_STRIDE_IGNORED("your MaxPooling2D matches windows one step apart: the windows move by strides, which default to"
            + " the pool size (see handout §3.3)");

    private final String message;

    Mistake(String message) {
        this.message = message;
    }

    @Override
    public String sentence() {
        return message + ".";
    }
}
