package nnlab.grader.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The layout's paths are where this repository keeps each assignment's files, and the repository is found from
 * inside it.
 */
class RepositoryLayoutTests {

    /** This module's tests run in grader/authoring, inside the repository. */
    private static final Path REPOSITORY = RepositoryLayout.findRepository(Path.of(""));
    private static final List<String> ASSIGNMENTS = List.of("ps1", "ps2");

    @Nested
    class EveryAssignment {
        @Test
        void hasItsDescriptorSamplesAndMutantCatalogueWhereTheLayoutSays() {
            for (String id : ASSIGNMENTS) {
                assertTrue(Files.isRegularFile(RepositoryLayout.descriptor(REPOSITORY, id)), id);
                assertTrue(Files.isDirectory(RepositoryLayout.samples(REPOSITORY, id)), id);
                assertTrue(Files.isRegularFile(RepositoryLayout.mutantCatalogue(REPOSITORY, id)), id);
            }
        }

        @Test
        void hasAMutantCatalogueThatReadsFromTheRepository() throws IOException {
            for (String id : ASSIGNMENTS) {
                MutantCatalogue catalogue = MutantCatalogue.read(REPOSITORY, id, 1, UnaryOperator.identity())
                        .orElseThrow(() -> new AssertionError(id + " has no catalogue"));
                assertFalse(catalogue.mutants().isEmpty(), id);
            }
        }
    }

    @Nested
    class AnAssignmentWithoutACatalogue {
        @Test
        void readsAsNone() throws IOException {
            assertTrue(MutantCatalogue.read(REPOSITORY, "no-such-assignment", 1, UnaryOperator.identity()).isEmpty());
        }
    }

    @Nested
    class TheRepository {
        @Test
        void isFoundFromAnyFolderInsideIt() {
            assertEquals(REPOSITORY, RepositoryLayout.findRepository(REPOSITORY.resolve("grader/authoring/src")));
        }

        @Test
        void isNotFoundOutsideItAndTheMessageSaysWhatToPass(@TempDir Path outside) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RepositoryLayout.findRepository(outside));
            assertTrue(e.getMessage().contains("--repository"), e.getMessage());
        }
    }
}
