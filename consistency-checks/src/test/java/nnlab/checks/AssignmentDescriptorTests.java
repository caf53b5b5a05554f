package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every assignment's descriptor is valid against its schema (the one beside it, else problem set 1's): the grader and
 * {@code course assign} read only what the schema allows, so a typo in a field name is caught here, not ignored.
 */
@DisplayName("assignments/*/assignment.json")
class AssignmentDescriptorTests {

    private static final Path FALLBACK_SCHEMA = Path.of("assignments/ps1/assignment.schema.json");

    @Test
    void everyDescriptorIsValidAgainstItsSchema() throws IOException {
        List<Path> descriptors;
        try (Stream<Path> folders = Files.list(Repository.root().resolve("assignments"))) {
            descriptors = folders.map(f -> f.resolve("assignment.json")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat("no assignments/*/assignment.json", descriptors, not(empty()));
        List<String> problems = new ArrayList<>();
        for (Path descriptor : descriptors) {
            Path beside = descriptor.resolveSibling("assignment.schema.json");
            Path schemaFile = Files.isRegularFile(beside) ? beside : Repository.root().resolve(FALLBACK_SCHEMA);
            JsonSchema schema;
            try (InputStream in = Files.newInputStream(schemaFile)) {
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            }
            schema.validate(new ObjectMapper().readTree(descriptor.toFile()))
                    .forEach(m -> problems.add(Repository.root().relativize(descriptor) + ": " + m.getMessage()));
        }
        assertThat("Descriptors that break their schema:\n  " + String.join("\n  ", problems) + "\n", problems, empty());
    }
}
