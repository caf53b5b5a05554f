package nnlab.grader.authoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where an author's files sit in the course repository: the one class that knows the repository's layout, so moving a
 * folder is a change here (and in the {@code starter} section of each {@code assignment.json}, which names the
 * starter's and the reference's folders).
 */
public final class RepositoryLayout {

    /** The folder that holds one folder per assignment, named by its id. */
    private static final String ASSIGNMENTS = "assignments";
    /** The assignment's descriptor in its folder. */
    private static final String DESCRIPTOR = "assignment.json";
    /** The folder of the assignment's sample patches in its folder. */
    private static final String SAMPLES = "samples";
    /** The assignment's mutant catalogue in its folder: a test resource of its grader-tests, for id {@code %1$s}. */
    private static final String MUTANT_CATALOGUE = "grader-tests/src/test/resources/nnlab/%1$s/grading/mutants.json";
    /** What marks the repository's root besides {@value #ASSIGNMENTS}/. */
    private static final String ROOT_POM = "pom.xml";

    private RepositoryLayout() {
    }

    /** Returns the folder that holds every assignment's folder. */
    public static Path assignments(Path repository) {
        return repository.resolve(ASSIGNMENTS);
    }

    /** Returns assignment {@code id}'s folder: its handout, descriptor, data, samples and grader-tests. */
    public static Path assignment(Path repository, String id) {
        return assignments(repository).resolve(id);
    }

    /** Returns assignment {@code id}'s {@code assignment.json}. */
    public static Path descriptor(Path repository, String id) {
        return assignment(repository, id).resolve(DESCRIPTOR);
    }

    /**
     * Returns the folder of assignment {@code id}'s grader plug-in resources that reach the grader's classpath as
     * {@code nnlab-ID/}: its diagnosis dictionary, its reference runs.
     */
    public static Path graderResources(Path repository, String id) {
        return assignment(repository, id).resolve("grader-tests/src/main/resources").resolve("nnlab-" + id);
    }

    /** Returns the folder of assignment {@code id}'s sample patches. */
    public static Path samples(Path repository, String id) {
        return assignment(repository, id).resolve(SAMPLES);
    }

    /** Returns assignment {@code id}'s mutant catalogue, {@code mutants.json} (it may not exist). */
    public static Path mutantCatalogue(Path repository, String id) {
        return assignment(repository, id).resolve(String.format(Locale.ROOT, MUTANT_CATALOGUE, id));
    }

    /**
     * Returns the repository that holds {@code start}: the nearest folder at or above it with both {@code pom.xml}
     * and {@code assignments/}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static Path findRepository(Path start) {
        Path from = start.toAbsolutePath().normalize();
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(ROOT_POM)) && Files.isDirectory(assignments(dir))) {
                return dir;
            }
        }
        throw new IllegalArgumentException("no folder at or above " + from + " holds both pom.xml and assignments/:"
                + " run this inside the course repository, or pass --repository");
    }
}
