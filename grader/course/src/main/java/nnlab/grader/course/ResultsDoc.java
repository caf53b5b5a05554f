package nnlab.grader.course;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.report.AtomicFile;

/** Reads and atomically writes JSON documents (results.json, gradebooks, the ledger) as Jackson trees. */
final class ResultsDoc {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultsDoc() {
    }

    /** Reads {@code file} as a JSON object; throws IOException when it is missing, unparsable or not an object. */
    static ObjectNode read(Path file) throws IOException {
        JsonNode node = JSON.readTree(file.toFile());
        if (!(node instanceof ObjectNode object)) {
            throw new IOException(file + " does not hold a JSON object");
        }
        return object;
    }

    /** Writes {@code node} to {@code file} atomically: readers see the old file or the complete new one. */
    static void write(Path file, JsonNode node) throws IOException {
        writeBytes(file, JSON.writeValueAsBytes(node));
    }

    /** Writes {@code bytes} to {@code file} atomically. */
    static void writeBytes(Path file, byte[] bytes) throws IOException {
        AtomicFile.write(file, bytes);
    }

    /** Returns {@code results.extra_data}, creating it when absent. */
    static ObjectNode extraData(ObjectNode results) {
        JsonNode extra = results.get("extra_data");
        return extra instanceof ObjectNode o ? o : results.putObject("extra_data");
    }

    /** Returns the sum of the tests' max_score. */
    static double maxScore(JsonNode results) {
        double sum = 0;
        for (JsonNode t : results.path("tests")) {
            sum += t.path("max_score").asDouble();
        }
        return round(sum);
    }

    /** Rounds to hundredths, as the engine reports points. */
    static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
