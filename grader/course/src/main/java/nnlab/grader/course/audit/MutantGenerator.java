package nnlab.grader.course.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SortedMap;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.authoring.AuthoringSpec;
import nnlab.grader.authoring.MutantCatalogue;
import nnlab.grader.authoring.Samples;

/**
 * Makes an assignment's mutants: every change the operators propose in the correct sample's files, only inside the
 * assignment's own solution blocks (found from the reference's markers, then located in the rendered sample, so that
 * starter text such as a {@code //@reference} block's plain-Java form is changed too); then, in an order drawn from the seed, keeps the first {@code max} that compile,
 * setting apart those whose bytecode equals the correct sample's.
 */
public final class MutantGenerator {

    /** Lines of context around the change in a mutant's diff. */
    private static final int CONTEXT = 3;

    /** What generation gave: the mutants to grade, the probably equivalent ones, and what was dropped. */
    public record Generated(List<Mutant> mutants, List<Mutant> equivalent, int proposed, int tried,
                            int notCompiling, int unchanged) {
    }

    private final Path repository;
    private final AuthoringSpec authoring;
    private final AssignmentSpec spec;
    private final SortedMap<String, String> correct;

    /** Reads {@code spec}'s assignment from {@code repository}: its markers and its correct sample. */
    public MutantGenerator(Path repository, AssignmentSpec spec) throws IOException {
        this.repository = repository;
        this.spec = spec;
        this.authoring = AuthoringSpec.read(repository, spec.id());
        this.correct = Samples.correct(repository, authoring);
    }

    /** Returns the correct sample's files by their path in a submission. */
    public SortedMap<String, String> correct() {
        return correct;
    }

    /** Returns every change {@code operators} propose, in a fixed order: by file, then operator, then position. */
    public List<Candidate> propose(List<MutationOperator> operators) throws IOException {
        List<Candidate> all = new ArrayList<>();
        for (var file : correct.entrySet()) {
            all.addAll(MutantMaker.parse(file.getKey(), file.getValue(), regions(file.getKey())).candidates(operators));
        }
        return all;
    }

    /** Returns the assignment's solution blocks in {@code sampleFile} of the correct sample, in its own lines. */
    public List<TaskRegion> regions(String sampleFile) throws IOException {
        String reference = referenceName(sampleFile);
        String source = Files.readString(referenceRoot().resolve(reference));
        return TaskRegion.inRendered(MutantMaker.parse(reference, source, spec.id()).regions(), source,
                correct.get(sampleFile));
    }

    /**
     * Draws mutants in an order from {@code seed} and keeps the first {@code max} (all, when null) that compile and
     * change the rendered sample; {@code work} is a scratch folder.
     */
    public Generated generate(List<MutationOperator> operators, long seed, Integer max, Path work) throws IOException {
        List<Candidate> all = propose(operators);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        Path starter = repository.resolve(authoring.starter().folder()).resolve(authoring.starter().sources());
        MutantCompiler compiler = new MutantCompiler(correct, starter, work);
        List<Mutant> mutants = new ArrayList<>();
        List<Mutant> equivalent = new ArrayList<>();
        int tried = 0;
        int notCompiling = 0;
        int unchanged = 0;
        int width = Integer.toString(all.size()).length();
        for (int index : order) {
            if (max != null && mutants.size() + equivalent.size() >= max) {
                break;
            }
            tried++;
            Candidate c = all.get(index);
            String file = c.file();
            String text = c.applyTo(correct.get(file));
            if (text.equals(correct.get(file))) {
                unchanged++;
                continue;
            }
            MutantCompiler.Verdict verdict = compiler.check(file, text);
            if (verdict == MutantCompiler.Verdict.DOES_NOT_COMPILE) {
                notCompiling++;
                continue;
            }
            String id = String.format(Locale.ROOT, "m%0" + width + "d-%s", index, c.operator().label());
            Mutant m = mutant(id, c, file, text);
            (verdict == MutantCompiler.Verdict.SAME_BYTECODE ? equivalent : mutants).add(m);
        }
        return new Generated(mutants, equivalent, all.size(), tried, notCompiling, unchanged);
    }

    /** The mutant {@code c} makes, named {@code id}: {@code text} is the changed file's whole text. */
    Mutant mutant(String id, Candidate c, String file, String text) {
        List<String> before = List.of(correct.get(file).split("\n", -1));
        List<String> after = List.of(text.split("\n", -1));
        Patch<String> patch = DiffUtils.diff(before, after);
        int line = patch.getDeltas().get(0).getSource().getPosition() + 1;
        String diff = String.join("\n", UnifiedDiffUtils.generateUnifiedDiff("a/" + file, "b/" + file, before, patch,
                CONTEXT)) + "\n";
        int part = MutantCatalogue.partOf(c.task().section().replace("§", ""));
        return new Mutant(id, c.operator().label(), c.task().method(), c.task().section(), part, file, line, diff, text);
    }

    private Path referenceRoot() {
        return repository.resolve(authoring.starter().reference());
    }

    /** The reference file (relative to the reference's source folder) of a sample file. */
    private String referenceName(String sampleFile) {
        return sampleFile.substring(authoring.starter().sources().length() + 1);
    }
}
