package nnlab.grader.course.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.authoring.Markers;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.course.CourseMain;
import nnlab.grader.run.Grader;

/**
 * {@code course audit}: mutants are made by the parser inside the assignment's own solution blocks, one change each,
 * reproducibly from the seed; every operator makes a mutant that compiles; a change javac compiles away is set apart
 * as probably equivalent; and the audit's grading (the warm batch grader) resumes after an interruption and agrees
 * with grading the same mutants one by one.
 */
class AuditTests {

    /** The reference file of a small assignment "t1" with one construct for every operator. */
    private static final String TOY = """
            package toy;

            public final class Toy {
                private static final boolean DEBUG = false;
                private int count;
                private double last;

                public double compute(double a, double b, int n) {
                    //@task t1 Toy.compute §1.1
                    // TODO: the sum.
                    //@solution
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += a * i - b / 2;
                    }
                    if (s > 1.5 && n != 3) {
                        s = s % 7;
                    }
                    if (DEBUG) {
                        count = 5;
                    }
                    count++;
                    log(a, b);
                    return s;
                    //@end
                }

                public Matrix product(Matrix x, Matrix w) {
                    //@task t1 Toy.product §1.2
                    //@solution
                    return x.multiply(w.transpose());
                    //@end
                }

                public int other(int n) {
                    //@task t2 Toy.other §2.1
                    //@solution
                    return n + 1;
                    //@end
                }

                private void log(double a, double b) {
                    last = a - b;
                }
            }
            """;
    private static final String MATRIX = """
            package toy;

            public final class Matrix {
                public Matrix transpose() {
                    return new Matrix();
                }

                public Matrix multiply(Matrix o) {
                    return o;
                }

                public Matrix transposeMultiply(Matrix o) {
                    return this;
                }

                public Matrix multiplyTranspose(Matrix o) {
                    return new Matrix();
                }
            }
            """;
    private static final String TOY_FILE = "toy/Toy.java";
    /** A seed for the real assignments' mutants. */
    private static final long SEED = 3;

    private static MutantMaker toy() {
        return MutantMaker.parse(TOY_FILE, TOY, "t1");
    }

    private static MutantCompiler compiler(Path work) throws IOException {
        return new MutantCompiler(Map.of(TOY_FILE, TOY, "toy/Matrix.java", MATRIX),
                Files.createDirectories(work.resolve("starter")), work);
    }

    private static Path repository() {
        return RepositoryLayout.findRepository(Path.of(""));
    }

    @Nested
    class Generation {
        @Test
        void theSolutionBlocksAreTheAssignmentsOwnTasksOnly() {
            List<TaskRegion> regions = toy().regions();
            assertEquals(List.of("Toy.compute", "Toy.product"), regions.stream().map(TaskRegion::method).toList());
            int otherTask = TOY.lines().toList().indexOf("        return n + 1;") + 1;
            int helper = TOY.lines().toList().indexOf("        last = a - b;") + 1;
            for (Candidate c : toy().candidates(MutationOperator.parse(null))) {
                int line = lineOf(c.edits().get(0).start());
                assertTrue(line != otherTask && line != helper, () -> c + " changes code outside t1's solution blocks");
                assertTrue(regions.stream().anyMatch(r -> r.first() <= line && line <= r.last()), c::toString);
            }
        }

        @Test
        void starterTextThatStandsInForReferenceCodeIsChangedInTheSample() {
            String reference = """
                    package toy;

                    public final class Fast {
                        public double half(double x) {
                            //@task t1 Fast.half §1.1
                            //@solution
                            //@reference
                            return Backend.half(x);
                            //@starter
                            //> return x / 2;
                            //@end
                            //@end
                        }
                    }
                    """;
            String sample = new Markers("t1", Set.of(), Markers.View.SOLUTION).render("toy/Fast.java", reference).text()
                    .orElseThrow();
            List<TaskRegion> regions = TaskRegion.inRendered(MutantMaker.parse("toy/Fast.java", reference, "t1")
                    .regions(), reference, sample);
            List<String> mutated = MutantMaker.parse("toy/Fast.java", sample, regions)
                    .candidates(List.of(MutationOperator.ARITHMETIC)).stream().map(c -> c.applyTo(sample)).toList();
            assertEquals(List.of(sample.replace("x / 2", "x * 2")), mutated);
        }

        @Test
        void everyOperatorMakesAMutantThatCompiles(@TempDir Path work) throws IOException {
            MutantCompiler compiler = compiler(work);
            for (MutationOperator op : MutationOperator.values()) {
                List<Candidate> proposed = toy().candidates(List.of(op));
                assertFalse(proposed.isEmpty(), () -> op + " proposed no change in the toy");
                List<MutantCompiler.Verdict> verdicts = new ArrayList<>();
                for (Candidate c : proposed) {
                    String mutated = c.applyTo(TOY);
                    assertNotEquals(TOY, mutated, () -> c + " changes nothing");
                    verdicts.add(compiler.check(TOY_FILE, mutated));
                    if (verdicts.contains(MutantCompiler.Verdict.DIFFERENT)) {
                        break;
                    }
                }
                assertTrue(verdicts.contains(MutantCompiler.Verdict.DIFFERENT), () -> op + ": no mutant compiled to"
                        + " different bytecode: " + verdicts);
            }
        }

        @Test
        void aChangeJavacCompilesAwayIsProbablyEquivalent(@TempDir Path work) throws IOException {
            MutantCompiler compiler = compiler(work);
            int dead = TOY.indexOf("count = 5;") + "count = ".length();
            Candidate inDeadCode = toy().candidates(List.of(MutationOperator.CONSTANT)).stream()
                    .filter(c -> c.edits().get(0).start() == dead).findFirst().orElseThrow();
            assertEquals(MutantCompiler.Verdict.SAME_BYTECODE, compiler.check(TOY_FILE, inDeadCode.applyTo(TOY)));
            int live = TOY.indexOf("% 7") + "% ".length();
            Candidate inLiveCode = toy().candidates(List.of(MutationOperator.CONSTANT)).stream()
                    .filter(c -> c.edits().get(0).start() == live).findFirst().orElseThrow();
            assertEquals(MutantCompiler.Verdict.DIFFERENT, compiler.check(TOY_FILE, inLiveCode.applyTo(TOY)));
        }

        @Test
        @Tag("slow")
        void theSameSeedDrawsTheSameMutantsAndAnotherSeedOthers(@TempDir Path work) throws IOException {
            MutantGenerator generator = new MutantGenerator(repository(), spec("ps1"));
            List<MutationOperator> all = MutationOperator.parse(null);
            List<Mutant> first = generator.generate(all, SEED, 4, Files.createDirectories(work.resolve("a"))).mutants();
            List<Mutant> again = generator.generate(all, SEED, 4, Files.createDirectories(work.resolve("b"))).mutants();
            List<Mutant> other = generator.generate(all, SEED + 1, 4, Files.createDirectories(work.resolve("c")))
                    .mutants();
            assertEquals(first, again);
            assertNotEquals(first.stream().map(Mutant::id).toList(), other.stream().map(Mutant::id).toList());
            for (Mutant m : first) {
                assertNotEquals(generator.correct().get(m.file()), m.text(), m.id());
                assertTrue(m.diff().startsWith("--- a/" + m.file() + "\n+++ b/" + m.file() + "\n"), m.diff());
                assertTrue(generator.correct().get(m.file()).split("\n", -1).length >= m.line(), m.id());
            }
        }

        @Test
        void anUnknownOperatorIsRefusedWithTheKnownOnes() {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> MutationOperator.parse("arithmetic,flip"));
            assertTrue(e.getMessage().contains("flip") && e.getMessage().contains("swap-arguments"), e.getMessage());
            assertEquals(List.of(MutationOperator.ARITHMETIC, MutationOperator.LOOP_BOUND),
                    MutationOperator.parse("arithmetic, loop-bound"));
        }
    }

    @Nested
    @Tag("slow")
    class Grading {
        private static final int MUTANTS = 2;

        @Test
        void anInterruptedAuditGradesOnlyWhatHasNoResultAndAgreesWithGradingOneByOne(@TempDir Path out)
                throws Exception {
            AuditReport first = audit(out);
            assertEquals(MUTANTS, first.totals().made());
            assertEquals(first.totals().made(), first.totals().killed() + first.totals().survived()
                    + first.totals().probablyEquivalent() + first.totals().allowListed() + first.totals().errors());
            List<AuditReport.Fate> graded = first.mutants().stream()
                    .filter(f -> !f.status().equals(AuditReport.EQUIVALENT)).toList();
            assertFalse(graded.isEmpty());
            // An interruption: the last mutant's result was never written.
            Files.delete(new BatchFolder(out).result(graded.get(graded.size() - 1).mutant().id()));
            AuditReport resumed = audit(out);
            assertEquals(1, resumed.generation().gradedNow());
            assertEquals(graded.size() - 1, resumed.generation().alreadyGraded());
            assertEquals(first.totals(), resumed.totals());

            JsonNode json = new ObjectMapper().readTree(out.resolve("audit.json").toFile());
            for (String field : List.of("made", "killed", "survived", "probably_equivalent", "named")) {
                assertTrue(json.path("totals").path(field).isInt(), field);
            }
            assertTrue(Files.readString(out.resolve("index.html")).contains("Audit of ps1"));

            Grader grader = new Grader(assignment("ps1"));
            for (AuditReport.Fate f : graded) {
                var alone = grader.grade(out.resolve(Audit.SUBMISSIONS).resolve(f.mutant().id()),
                        Grader.Options.defaults().withSeed(SEED));
                boolean killed = alone.score() < alone.maxScore() - 1e-9;
                // A survivor the allow-list explains keeps its own status; killed or not is what grading decides.
                assertEquals(killed, f.status().equals(AuditReport.KILLED), f.mutant().id() + " " + f.status());
                assertEquals(f.score(), alone.score(), 1e-9, f.mutant().id());
            }
        }

        private AuditReport audit(Path out) throws Exception {
            return new Audit(new Audit.Options(repository(), spec("ps1"), out, MutationOperator.parse(null), SEED,
                    MUTANTS, 1, null, CourseMain.childCommand(), new PrintStream(PrintStream.nullOutputStream())))
                    .run();
        }
    }

    private static Assignment assignment(String id) {
        return Grader.find(id).orElseThrow();
    }

    private static AssignmentSpec spec(String id) {
        return assignment(id).spec();
    }

    private static int lineOf(int offset) {
        return (int) TOY.substring(0, offset).chars().filter(ch -> ch == '\n').count() + 1;
    }
}
