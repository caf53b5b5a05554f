package nnlab.grader.course;

import java.util.OptionalDouble;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The leaderboard quantities of a submission: the held-out accuracy of each Part 5 training recipe (the tests that
 * record {@code test_accuracy}), in Gradescope's {@code leaderboard} format — a name, a value and a sort order, higher
 * first — and their mean, by which the batch page ranks submissions.
 */
final class Leaderboard {

    /** The test data key under which a training test records its held-out accuracy. */
    static final String ACCURACY = "test_accuracy";
    /** Gradescope's sort order that ranks the higher value first. */
    private static final String HIGHER_FIRST = "desc";
    private static final double ACCURACY_SCALE = 1e4;

    private Leaderboard() {
    }

    /**
     * Sets Gradescope's top-level {@code leaderboard} of {@code results} from its training tests, in place; leaves
     * results without a recorded accuracy (a refused submission) unchanged.
     */
    static void addTo(ObjectNode results) {
        ArrayNode board = ResultsDoc.JSON.createArrayNode();
        for (JsonNode t : results.path("tests")) {
            JsonNode accuracy = t.path("extra_data").get(ACCURACY);
            if (accuracy != null && accuracy.isNumber()) {
                ObjectNode entry = board.addObject();
                entry.put("name", shortName(t) + " accuracy");
                entry.put("value", fourDigits(accuracy.asDouble()));
                entry.put("order", HIGHER_FIRST);
            }
        }
        OptionalDouble mean = mean(results);
        if (mean.isPresent()) {
            ObjectNode entry = board.insertObject(0);
            entry.put("name", "Mean held-out accuracy");
            entry.put("value", fourDigits(mean.getAsDouble()));
            entry.put("order", HIGHER_FIRST);
        }
        if (!board.isEmpty()) {
            results.set("leaderboard", board);
        }
    }

    /** Returns the mean held-out accuracy of the training tests of {@code results}; empty when none recorded one. */
    static OptionalDouble mean(JsonNode results) {
        double sum = 0;
        int n = 0;
        for (JsonNode t : results.path("tests")) {
            JsonNode accuracy = t.path("extra_data").get(ACCURACY);
            if (accuracy != null && accuracy.isNumber()) {
                sum += accuracy.asDouble();
                n++;
            }
        }
        return n == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / n);
    }

    /** Accuracies to four digits: one test sample in a few thousand, finer than any test set here resolves. */
    private static double fourDigits(double v) {
        return Math.round(v * ACCURACY_SCALE) / ACCURACY_SCALE;
    }

    /** "Breast cancer" from "5.1.1 Breast cancer: held-out accuracy with the recipe". */
    private static String shortName(JsonNode test) {
        String name = test.path("name").asText(test.path("number").asText("test"));
        String number = test.path("number").asText("");
        if (!number.isEmpty() && name.startsWith(number)) {
            name = name.substring(number.length()).trim();
        }
        int colon = name.indexOf(':');
        return colon > 0 ? name.substring(0, colon) : name;
    }
}
