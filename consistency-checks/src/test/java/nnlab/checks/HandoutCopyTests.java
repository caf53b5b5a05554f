package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Students receive starter-code/ps1/ alone, so it carries the handout: starter-code/ps1/HANDOUT.md is
 * assignments/ps1/README.md byte for byte, and the starter's README sends students there, not to the course repository
 * (which holds the reference solution).
 */
@DisplayName("The handout inside starter-code/ps1/")
class HandoutCopyTests {

    private static final String COPY = "HANDOUT.md";

    @Test
    void theStarterCarriesAnUnchangedCopyOfTheHandout() throws IOException {
        Path handout = Repository.root().resolve("assignments/ps1/README.md");
        Path copy = Repository.starter().resolve(COPY);
        assertThat("starter-code/ps1/" + COPY + " differs from assignments/ps1/README.md: copy the handout over it",
                Files.exists(copy) && Files.mismatch(handout, copy) == -1, is(true));
    }

    @Test
    void theStarterReadmePointsAtTheCopy() throws IOException {
        String readme = Files.readString(Repository.starter().resolve("README.md"));
        assertThat(readme, containsString("`" + COPY + "`"));
        assertThat(readme, not(containsString("course repository")));
    }
}
