package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.authoring.Samples;
import nnlab.grader.run.Grader;

/** Test support: the repository, the ps1 descriptor, the engine's results schema and real child JVMs. */
final class Course {

    /** A seed fixed for every grading in these tests, so results can be compared. */
    static final long SEED = 7;

    private static final JsonSchema SCHEMA = loadSchema();

    private Course() {
    }

    /** Returns the repository root (set by the build; the working directory's grandparent otherwise). */
    static Path repository() {
        String set = System.getProperty("nnlab.repository");
        return (set != null ? Path.of(set) : Path.of("../..")).toAbsolutePath().normalize();
    }

    /** Writes problem set 1's sample submission {@code name} (the reference's student files, patched) afresh. */
    static Path sample(String name) throws IOException {
        return sample("ps1", name);
    }

    /** Writes {@code assignment}'s sample submission {@code name} (the reference's student files, patched) afresh. */
    static Path sample(String assignment, String name) throws IOException {
        return Samples.writeFresh(repository(), assignment, name,
                Path.of("target", "samples", assignment).toAbsolutePath());
    }

    static AssignmentSpec ps1() {
        return spec("ps1");
    }

    /** Returns {@code assignment}'s descriptor, as the grader finds it. */
    static AssignmentSpec spec(String assignment) {
        return Grader.find(assignment).orElseThrow().spec();
    }

    /** Fails unless {@code results} is valid against the engine's results schema. */
    static void assertValidResults(JsonNode results, String what) {
        Set<ValidationMessage> errors = SCHEMA.validate(results);
        assertTrue(errors.isEmpty(), () -> what + " violates the results schema: " + errors);
    }

    /** Returns a command line that runs {@code mainClass} with {@code args} in a new JVM on this JVM's classpath. */
    static List<String> java(Class<?> mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Returns a command line that runs {@code nnlab-grader course ARGS} in a new JVM on this JVM's classpath. */
    static List<String> course(String... args) {
        List<String> cmd = java(NnlabGrader.class, "course");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs {@code nnlab-grader course ARGS} in this JVM and returns its exit code. */
    static int runCourse(String... args) {
        List<String> all = new ArrayList<>(List.of("course"));
        all.addAll(List.of(args));
        return NnlabGrader.run(all.toArray(String[]::new));
    }

    private static JsonSchema loadSchema() {
        try (InputStream in = Grader.class.getResourceAsStream("/nnlab/grader/report/results.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("the engine's results.schema.json is not on the classpath");
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
