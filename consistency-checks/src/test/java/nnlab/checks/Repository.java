package nnlab.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import nnlab.grader.authoring.AuthoringSpec;
import nnlab.testsupport.Trees;

/** Where things are: the repository root (found by walking up from this module) and the paths the checks compare. */
final class Repository {

    private static final Path ROOT = findRoot();
    /** The assignment whose starter most checks read; {@link #starter(String)} reaches the others. */
    private static final String FIRST = "ps1";

    private Repository() {
    }

    /** Returns the folder holding both {@code pom.xml} and {@code starter-code/}. */
    static Path root() {
        return ROOT;
    }

    /** Returns problem set 1's starter. */
    static Path starter() {
        return starter(FIRST);
    }

    /** Returns {@code assignment}'s starter: the folder its assignment.json's {@code starter.folder} names. */
    static Path starter(String assignment) {
        return existing(ROOT.resolve(starterSection(assignment).folder()), assignment + "'s starter");
    }

    static Path starterMainSources() {
        return existing(starter().resolve("src/main/java"), "the starter's main sources");
    }

    static Path starterTestSources() {
        return existing(starter().resolve("src/test/java"), "the starter's public tests");
    }

    static Path starterResources() {
        return existing(starter().resolve("src/main/resources"), "the starter's resources");
    }

    /** Returns the folder of {@code assignment}'s starter that its {@code starter.data.into} names. */
    static Path starterData(String assignment) {
        return existing(starter(assignment).resolve(starterSection(assignment).data().into()),
                assignment + "'s copy of the data sets");
    }

    /** Returns the one copy of the data sets: the folder {@code assignment}'s {@code starter.data.from} names. */
    static Path assignmentData(String assignment) {
        return existing(ROOT.resolve(starterSection(assignment).data().from()), "the data sets " + assignment
                + " takes");
    }

    /**
     * Returns a fresh, empty folder of this test JVM under this module's {@code target/} (so {@code mvn clean} removes it), named
     * {@code name}; whatever was there from an earlier run is deleted.
     */
    static Path scratch(String name) {
        // One folder per test JVM: the forks run side by side, and one's compilation must not rewrite another's classes.
        Path folder = moduleDirectory().resolve("target/consistency-work")
                .resolve(String.valueOf(ProcessHandle.current().pid())).resolve(name);
        try {
            Trees.delete(folder);
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the scratch folder " + folder, e);
        }
    }

    private static AuthoringSpec.Starter starterSection(String assignment) {
        try {
            return AuthoringSpec.read(ROOT, assignment).starter();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read assignments/" + assignment + "/assignment.json", e);
        }
    }

    /** The folder this module's test classes were loaded from, two levels below the module's own folder. */
    private static Path moduleDirectory() {
        try {
            Path testClasses = Path.of(Repository.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return testClasses.getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot tell where the consistency checks' classes live", e);
        }
    }

    private static Path findRoot() {
        Path start = moduleDirectory().toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("starter-code"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No folder above " + start + " holds both pom.xml and starter-code/: run the "
                + "consistency checks from inside the nnlab repository (mvn -pl consistency-checks -am verify).");
    }

    private static Path existing(Path path, String what) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(what + " should be at " + ROOT.relativize(path) + " but that path does "
                    + "not exist: restore it or update the consistency checks if the layout changed on purpose.");
        }
        return path;
    }
}
