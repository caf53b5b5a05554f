package nnlab.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import nnlab.testsupport.Trees;

/** Where things are: the repository root (found by walking up from this module) and the paths the checks compare. */
final class Repository {

    private static final Path ROOT = findRoot();

    private Repository() {
    }

    /** Returns the folder holding both {@code pom.xml} and {@code starter-code/}. */
    static Path root() {
        return ROOT;
    }

    static Path starter() {
        return ROOT.resolve("starter-code");
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

    static Path starterData() {
        return existing(starterResources().resolve("nnlab/data"), "the starter's copy of the data sets");
    }

    static Path assignmentData() {
        return existing(ROOT.resolve("assignments/ps1/data"), "the problem set's data sets");
    }

    /**
     * Returns a fresh, empty folder under this module's {@code target/} (so {@code mvn clean} removes it), named
     * {@code name}; whatever was there from an earlier run is deleted.
     */
    static Path scratch(String name) {
        Path folder = moduleDirectory().resolve("target/consistency-work").resolve(name);
        try {
            Trees.delete(folder);
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the scratch folder " + folder, e);
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
