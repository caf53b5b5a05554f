package nnlab.grader.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code course assign} reads from an assignment's {@code assignment.json}: its id, handout, student methods and
 * the {@code starter} section that says how the starter project is made from the reference solution.
 *
 * @param folder  the assignment's folder, {@code assignments/ID} (not in the JSON)
 * @param handout the handout, relative to {@code folder}
 * @param api     the student methods: one task marker each
 * @param starter how the starter is generated
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthoringSpec(Path folder, String id, String handout, Api api, Starter starter) {

    /** The student-facing API: every {@code Class.method} a student writes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Api(List<String> studentMethods) {
        /** An absent list reads as empty. */
        public Api {
            studentMethods = studentMethods == null ? List.of() : List.copyOf(studentMethods);
        }
    }

    /**
     * The {@code starter} section of assignment.json.
     *
     * @param folder    the committed starter project, relative to the repository root; the one source of the files
     *                  {@code authored} names
     * @param follows   the assignments this one builds on: their markers count as earlier ones
     * @param reference the reference solution's main sources, relative to the repository root
     * @param sources   where the rendered sources go in the starter
     * @param exclude   reference paths (prefixes, relative to {@code reference}) the starter never gets
     * @param handout   the name of the handout's copy in the starter
     * @param data      the data files copied into the starter
     * @param authored  starter paths (prefixes) written by hand in {@code folder}: copied as they are
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Starter(String folder, List<String> follows, String reference, String sources, List<String> exclude,
                          String handout, Data data, List<String> authored) {
        /** Absent lists read as empty. */
        public Starter {
            follows = follows == null ? List.of() : List.copyOf(follows);
            exclude = exclude == null ? List.of() : List.copyOf(exclude);
            authored = authored == null ? List.of() : List.copyOf(authored);
        }
    }

    /**
     * Data files: {@code files} from {@code from} (relative to the repository root, so that assignments share one
     * copy) into {@code into} (relative to the starter).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(String from, String into, List<String> files) {
        /** An absent list reads as empty. */
        public Data {
            files = files == null ? List.of() : List.copyOf(files);
        }
    }

    /**
     * Reads {@code assignments/ID/assignment.json} under {@code repository}.
     *
     * @throws IllegalArgumentException when the assignment does not exist or has no {@code starter} section
     */
    public static AuthoringSpec read(Path repository, String id) throws IOException {
        Path folder = RepositoryLayout.assignment(repository, id);
        Path json = RepositoryLayout.descriptor(repository, id);
        if (!Files.isRegularFile(json)) {
            throw new IllegalArgumentException("no assignment " + id + ": " + json + " does not exist (the assignments"
                    + " are the folders of " + RepositoryLayout.assignments(repository) + ")");
        }
        AuthoringSpec parsed = new ObjectMapper().readValue(json.toFile(), AuthoringSpec.class);
        AuthoringSpec spec = new AuthoringSpec(folder, parsed.id(), parsed.handout(),
                parsed.api() == null ? new Api(List.of()) : parsed.api(), parsed.starter());
        if (spec.starter() == null) {
            throw new IllegalArgumentException(json + " has no \"starter\" section: add one (docs/authoring.md,"
                    + " \"The starter section\") to generate the starter from the reference");
        }
        return spec;
    }
}
