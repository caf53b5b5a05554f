package nnlab.ps1.grading;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import nnlab.grader.authoring.MutantCatalogue;
import nnlab.grader.run.Grader;
import nnlab.testsupport.Trees;

/**
 * Problem set 1's catalogue of buggy implementations ({@code mutants.json}, read by grader/authoring's {@link
 * MutantCatalogue}): each mutant applied to a temporary copy of the correct sample and graded with the fixed seed.
 */
final class Mutants {

    /** Problem set 1 has 5 parts. */
    static final int PARTS = 5;
    static final MutantCatalogue CATALOGUE = read();

    private Mutants() {
    }

    /** Returns the catalogue's mutants. */
    static List<MutantCatalogue.Mutant> catalogue() {
        return CATALOGUE.mutants();
    }

    /** Copies the correct sample into {@code folder} and applies the mutant's patches. */
    static Path apply(MutantCatalogue.Mutant m, Path folder) throws IOException {
        return MutantCatalogue.apply(m, Trees.copy(Grading.CORRECT, folder));
    }

    /** Grades the mutant in process (trusted code) or sandboxed, as {@code options} say, with the fixed seed. */
    static MutantCatalogue.Outcome grade(MutantCatalogue.Mutant m, Path tmp, Grader.Options options) throws IOException {
        Path submission = apply(m, Files.createDirectories(tmp.resolve(m.id())));
        return Grading.WARM.with(grader -> CATALOGUE.grade(m, submission, grader, options));
    }

    private static MutantCatalogue read() {
        try (InputStream in = Mutants.class.getResourceAsStream("mutants.json")) {
            return MutantCatalogue.read(in, PARTS, hint -> Mistake.valueOf(hint).message());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
