package nnlab.ps2.grading;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Problem set 2's data files are byte-identical copies of problem set 1's (see assignments/ps2/data/README.md). */
class DataCopiesTests {

    @ParameterizedTest
    @ValueSource(strings = {"LICENSE", "breast_cancer.csv", "digits.csv", "SHA256SUMS"})
    void theCopyEqualsProblemSet1s(String file) throws IOException {
        Path assignments = Grading.REPOSITORY.resolve("assignments");
        assertArrayEquals(Files.readAllBytes(assignments.resolve("ps1/data").resolve(file)),
                Files.readAllBytes(assignments.resolve("ps2/data").resolve(file)), file);
    }
}
