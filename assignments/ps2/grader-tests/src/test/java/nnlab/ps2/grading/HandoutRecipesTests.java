package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nnlab.demo.Ps2Recipes;
import nnlab.demo.Recipes;

/**
 * Handout Part 4 quotes the recipes the grader trains with: every number of {@link Ps2Recipes} (and the shared ones of
 * {@link Recipes}) appears there as the handout states it, so the text and the targets set from it cannot drift.
 */
class HandoutRecipesTests {

    private static String partFour;

    @BeforeAll
    static void readPartFour() throws IOException {
        String handout = Files.readString(Grading.REPOSITORY.resolve("assignments/ps2/README.md"));
        int start = handout.indexOf("## Part 4");
        int end = handout.indexOf("\n## ", start + 1);
        partFour = handout.substring(start, end).replaceAll("\\s+", " ");
    }

    static List<String> quotes() {
        String mlpInputs = String.valueOf(Ps2Recipes.IMAGE_SIDE * Ps2Recipes.IMAGE_SIDE);
        int pooled = Ps2Recipes.IMAGE_SIDE / 2;
        String l2 = "l2(" + Ps2Recipes.L2_LAMBDA + ")";
        return List.of(
                "batch size " + Recipes.BATCH_SIZE + ", fit seed " + Recipes.FIT_SEED + " and validationSplit "
                        + Ps2Recipes.VALIDATION_SPLIT,
                "the first " + Ps2Recipes.SMALL_TRAINING_ROWS + " training images",
                "a " + mlpInputs + "-" + Ps2Recipes.MLP_HIDDEN + "-" + Ps2Recipes.CLASSES + " MLP",
                "learning rate " + Ps2Recipes.MLP_LEARNING_RATE + ", " + Ps2Recipes.MLP_EPOCHS + " epochs",
                "Dense(" + mlpInputs + ", " + Ps2Recipes.MLP_HIDDEN + ", RELU, 1, " + l2 + ")",
                "Dropout(" + Ps2Recipes.DROPOUT_RATE + ")",
                "Dense(" + Ps2Recipes.MLP_HIDDEN + ", " + Ps2Recipes.CLASSES + ", SOFTMAX, 2, " + l2 + ")",
                "at most " + Ps2Recipes.MLP_EPOCHS + " epochs with `EarlyStopping(\"val_loss\", 0, "
                        + Ps2Recipes.PATIENCE + ", true)`",
                "Conv2D(1, " + Ps2Recipes.CNN_FILTERS + ", 3, 1, SAME, RELU, 1)",
                "Dense(" + pooled * pooled * Ps2Recipes.CNN_FILTERS + ", " + Ps2Recipes.CLASSES + ", SOFTMAX, 2)",
                "learning rate " + Ps2Recipes.CNN_LEARNING_RATE + ", " + Ps2Recipes.CNN_EPOCHS + " epochs");
    }

    @ParameterizedTest
    @MethodSource("quotes")
    void partFourQuotesTheRecipe(String quote) {
        assertTrue(partFour.contains(quote), () -> "handout Part 4 (assignments/ps2/README.md) does not quote \"" + quote
                + "\" from nnlab.demo.Ps2Recipes; update the text or the recipe (and the targets set from it)");
    }
}
