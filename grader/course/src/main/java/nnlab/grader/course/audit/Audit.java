package nnlab.grader.course.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.course.BatchGrader;
import nnlab.grader.course.Roster;
import nnlab.grader.course.Shard;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.runtime.FileTrees;

/**
 * {@code course audit}: measures an assignment's hidden tests with machine-made mutants. Makes the mutants
 * ({@link MutantGenerator}), writes each as a submission (the correct sample plus its change) under
 * {@code OUT/submissions/}, grades them with the warm {@link BatchGrader} exactly as {@code grade-all} does (its
 * results under {@code OUT/results/}; a re-run grades only the mutants without a final result), then tabulates and
 * writes {@code OUT/audit.json} and {@code OUT/index.html} ({@link AuditReport}), with the survivors the assignment's
 * {@link AllowList} holds reported as equivalent.
 */
public final class Audit {

    /** The mutants' submissions, inside the audit's folder. */
    static final String SUBMISSIONS = "submissions";
    /** The list of mutants made, inside the audit's folder. */
    static final String MUTANTS = "mutants.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * What to audit. {@code seed} draws the mutants and is the grading's run seed; {@code max} null takes every mutant;
     * {@code shard} null grades them all.
     */
    public record Options(Path repository, AssignmentSpec spec, Path out, List<MutationOperator> operators, long seed,
                          Integer max, int jobs, Shard shard, List<String> javaCommand, PrintStream err) {
    }

    private final Options options;

    /** Creates an audit with {@code options}. */
    public Audit(Options options) {
        this.options = options;
    }

    /** Makes, grades and tabulates the mutants; returns the report (also written into the audit's folder). */
    public AuditReport run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        Path out = Files.createDirectories(options.out());
        AllowList allowList = AllowList.read(options.repository().resolve("assignments").resolve(options.spec().id())
                .resolve(AllowList.FILE));
        MutantGenerator generator = new MutantGenerator(options.repository(), options.spec());
        Path scratch = Files.createTempDirectory("nnlab-audit-");
        MutantGenerator.Generated generated;
        try {
            generated = generator.generate(options.operators(), options.seed(), options.max(), scratch);
        } finally {
            FileTrees.delete(scratch);
        }
        options.err().printf("Audit of %s: %d changes proposed, %d tried: %d mutants to grade, %d probably equivalent"
                        + " (same bytecode), %d did not compile, %d left the sample unchanged.%n",
                options.spec().id(), generated.proposed(), generated.tried(), generated.mutants().size(),
                generated.equivalent().size(), generated.notCompiling(), generated.unchanged());
        List<Mutant> mine = inShard(generated.mutants());
        List<Mutant> equivalent = inShard(generated.equivalent());
        Path submissions = out.resolve(SUBMISSIONS);
        dropOthers(submissions, mine);
        for (Mutant m : mine) {
            write(generator.correct(), m, submissions.resolve(m.id()));
        }
        Files.writeString(out.resolve(MUTANTS), JSON.writeValueAsString(Map.of("graded", mine,
                "probably_equivalent", equivalent)));
        Files.createDirectories(submissions);
        BatchGrader.Summary summary = new BatchGrader(new BatchGrader.Options(options.spec(), submissions, out,
                options.jobs(), Roster.empty(), Map.of(), false, options.seed(), null, options.javaCommand(),
                options.err(), false, options.shard())).run();
        List<AuditReport.Graded> graded = new ArrayList<>();
        for (Mutant m : mine) {
            Path result = new BatchFolder(out).result(m.id());
            graded.add(new AuditReport.Graded(m, ResultsDocument.read(result)));
        }
        AuditReport report = AuditReport.of(options.spec(), graded, equivalent, allowList, generated,
                (System.nanoTime() - start) / 1e9, summary.graded().size(), summary.skipped().size(),
                kinds(generator, mine), Diagnoses.committed(options.repository(), options.spec()));
        report.write(out);
        return report;
    }

    /** The kind of change of each mutant, by id (whose number is the change's index among those proposed). */
    private Map<String, ChangeKind> kinds(MutantGenerator generator, List<Mutant> mutants) throws IOException {
        List<Candidate> proposed = generator.propose(options.operators());
        Map<String, ChangeKind> kinds = new java.util.TreeMap<>();
        for (Mutant m : mutants) {
            Candidate c = proposed.get(Integer.parseInt(m.id().substring(1, m.id().indexOf('-'))));
            kinds.put(m.id(), ChangeKind.of(c, generator.correct().get(c.file())));
        }
        return kinds;
    }

    /**
     * Removes the submissions of mutants this run does not grade (left by a run with a larger {@code --max}, or another
     * seed), since the batch grader grades every submission in the folder; their results stay.
     */
    private static void dropOthers(Path submissions, List<Mutant> mine) throws IOException {
        if (!Files.isDirectory(submissions)) {
            return;
        }
        java.util.Set<String> ids = new java.util.HashSet<>(mine.stream().map(Mutant::id).toList());
        try (var folders = Files.list(submissions)) {
            for (Path folder : folders.toList()) {
                if (!ids.contains(folder.getFileName().toString())) {
                    FileTrees.delete(folder);
                }
            }
        }
    }

    /** Writes mutant {@code m} as a submission into {@code folder}: the correct sample with the mutated file. */
    static void write(Map<String, String> correct, Mutant m, Path folder) throws IOException {
        for (var file : correct.entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            String text = file.getKey().equals(m.file()) ? m.text() : file.getValue();
            if (!Files.isRegularFile(target) || !Files.readString(target).equals(text)) {
                Files.writeString(target, text);
            }
        }
    }

    private List<Mutant> inShard(List<Mutant> mutants) {
        return options.shard() == null ? mutants : mutants.stream().filter(m -> options.shard().contains(m.id())).toList();
    }
}
