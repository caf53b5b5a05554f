package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each starter's data sets are byte-identical to the one copy its assignment.json's {@code starter.data.from} names
 * (assignments/ps1/data for both problem sets), as that folder's SHA256SUMS records them.
 */
@DisplayName("Data copies in starter-code/psN/src/main/resources/nnlab/data")
class DataCopiesTests {

    private static final String SUMS = "SHA256SUMS";
    private static final String LICENSE = "LICENSE";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ps1", "ps2"})
    void everyChecksummedFileIsCopiedUnchangedWithItsLicence(String assignment) throws IOException {
        Path source = Repository.assignmentData(assignment);
        Path copy = Repository.starterData(assignment);
        String regenerate = ": regenerate the starter with grader/course/bin/course assign --assignment " + assignment
                + " --out " + Repository.root().relativize(Repository.starter(assignment));
        List<String> problems = new ArrayList<>();
        Set<String> expectedFiles = new TreeSet<>(Set.of(LICENSE));
        for (String line : Files.readAllLines(source.resolve(SUMS))) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split("\\s+\\*?", 2);
            String hash = parts[0];
            String name = parts[1];
            expectedFiles.add(name);
            if (!hash.equals(sha256(source.resolve(name)))) {
                problems.add(source.resolve(name) + " does not match " + SUMS + ": regenerate both with regenerate.sh");
            }
            Path copied = copy.resolve(name);
            if (!Files.exists(copied)) {
                problems.add(name + " is missing from " + copy + regenerate);
            } else if (!hash.equals(sha256(copied))) {
                problems.add(copied + " differs from " + SUMS + regenerate);
            }
        }
        Path license = copy.resolve(LICENSE);
        if (!Files.exists(license) || Files.mismatch(license, source.resolve(LICENSE)) != -1) {
            problems.add(license + " is missing or differs from " + source.resolve(LICENSE) + regenerate);
        }
        assertThat("Data copies out of step:\n  " + String.join("\n  ", problems) + "\n", problems, empty());
        try (Stream<Path> files = Files.list(copy)) {
            Set<String> present = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat("Files in " + copy + " (exactly the checksummed data sets and their licence; remove anything"
                    + " else)", present, equalTo(expectedFiles));
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
