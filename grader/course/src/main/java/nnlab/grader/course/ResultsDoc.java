package nnlab.grader.course;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.report.AtomicFile;

/**
 * Reads and atomically writes the course tooling's own JSON documents (gradebooks, the ledger, Gradescope's
 * metadata) as Jackson trees; results.json is read and written through the engine's typed
 * {@link nnlab.grader.report.ResultsDocument}.
 */
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
}
