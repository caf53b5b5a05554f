package nnlab.grader;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import nnlab.grader.protocol.Protocol;
import nnlab.grader.runtime.Json;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;

/**
 * The engine's package rules, checked on its bytecode (annotations and generic signatures included, which an import
 * scan of the sources would miss): the contracts package {@code nnlab.grader} that assignment authors write against
 * depends on no stage of the grader, no two stages depend on each other in a cycle, nothing the contracts expose
 * belongs to the submission JVM's runtime, nothing of the authoring module is in the engine or used by it, on
 * both sides of the wire only the protocol's codec writes or reads it, and only the grader builds a results document.
 */
class PackageBoundariesTests {

    private static final String CONTRACTS = "nnlab.grader";
    /** The authoring module's package: the repository's layout, markers, starters, samples, mutant catalogues. */
    private static final String AUTHORING = CONTRACTS + ".authoring..";

    private static final JavaClasses ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .withImportOption(location -> !location.contains("/nnlab/grader/runtime/")
                    && !location.contains("/nnlab/grader/protocol/"))
            .importPackages(CONTRACTS);

    /** The engine and the runtime module (jar or folder): both ends of the wire. */
    private static final JavaClasses BOTH_ENDS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CONTRACTS);

    /** The packages that may build a results document: the grader's run stage and the model itself. */
    static final String[] RESULTS_BUILDERS = {CONTRACTS + ".run..", CONTRACTS + ".report"};

    /**
     * A call that makes a results document or a test's entry from parts, rather than reading one or deriving one
     * from another ({@code withScore}, …): their constructors and the factory of a document without tests.
     */
    static final DescribedPredicate<JavaCall<?>> BUILDS_A_RESULTS_DOCUMENT = DescribedPredicate.describe(
            "builds a results document or a test's entry",
            call -> {
                String owner = call.getTargetOwner().getName();
                boolean model = owner.equals(ResultsDocument.class.getName())
                        || owner.equals(TestResult.class.getName());
                return model && (call instanceof JavaConstructorCall
                        || call.getName().equals("of") && call.getTarget().getRawParameterTypes().size() == 3);
            });

    /** Each class's slice: "contracts" for the package itself, else its stage (run, report, sandbox, …). */
    private static final SliceAssignment BY_STAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(CONTRACTS)) {
                return SliceIdentifier.of("contracts");
            }
            if (!pkg.startsWith(CONTRACTS + ".")) {
                return SliceIdentifier.ignore();
            }
            String rest = pkg.substring(CONTRACTS.length() + 1);
            int dot = rest.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
        }

        @Override
        public String getDescription() {
            return "the contracts package and each stage of the grader";
        }
    };

    @Nested
    class TheContracts {
        @Test
        void dependOnNoStageButScoring() {
            noClasses().that().resideInAPackage(CONTRACTS)
                    .should().dependOnClassesThat().resideInAnyPackage(CONTRACTS + ".run..", CONTRACTS + ".cli..",
                            CONTRACTS + ".report..", CONTRACTS + ".sandbox..", CONTRACTS + ".compile..",
                            CONTRACTS + ".intake..")
                    .because("assignment authors compile against the contracts alone; the stages depend on them")
                    .check(ENGINE);
        }

        @Test
        void exposeNoTypeOfTheSubmissionJvmsRuntime() {
            noClasses().that().resideInAPackage(CONTRACTS)
                    .should().dependOnClassesThat().resideInAPackage(CONTRACTS + ".runtime..")
                    .because("the runtime's protocol is the engine's business, not the assignment's")
                    .check(ENGINE);
        }
    }

    /** Only the codec turns requests and replies into lines and back. */
    private static final ArchRule ONE_CODEC = noClasses().that().doNotBelongToAnyOf(Protocol.class, Json.class)
            .should().callMethod(Json.class, "write", Object.class)
            .orShould().callMethod(Json.class, "read", String.class)
            .because("requests and replies are typed records, and only Protocol names their operations and fields on"
                    + " the wire; a map written to a child anywhere else would be a second protocol");

    /** What {@link #ONE_CODEC} must catch: a class that writes a line of its own. */
    static final class ASecondCodec {
        static String line() {
            return Json.write(List.of());
        }
    }

    @Nested
    class TheWire {
        @Test
        void isWrittenAndReadOnlyByTheProtocolsCodec() {
            ONE_CODEC.check(BOTH_ENDS);
        }

        @Test
        void ruleCatchesAClassThatWritesALineOfItsOwn() {
            JavaClasses offender = new ClassFileImporter().importClasses(ASecondCodec.class);
            assertThrows(AssertionError.class, () -> ONE_CODEC.check(offender));
        }

        @Test
        void isSeenFromBothEnds() {
            // The rule above holds vacuously if the runtime's classes were not imported: make sure both ends are there.
            if (!BOTH_ENDS.contain(Protocol.class.getName()) || !BOTH_ENDS.contain("nnlab.grader.runtime.Server")
                    || !BOTH_ENDS.contain("nnlab.grader.sandbox.ChildJvm")) {
                throw new AssertionError("the import lacks the runtime or the engine: " + BOTH_ENDS.size() + " classes");
            }
        }
    }

    @Nested
    class TheEngine {
        @Test
        void holdsAndUsesNothingOfAuthoring() {
            noClasses().should().resideInAPackage(AUTHORING)
                    .orShould().dependOnClassesThat().resideInAPackage(AUTHORING)
                    .because("the engine grades any assignment from its plug-in alone; what knows the course"
                            + " repository's layout (markers, starters, samples, mutants) is grader/authoring's, which"
                            + " depends on the engine, never the other way")
                    .check(ENGINE);
        }
    }

    @Nested
    class TheResultsModel {
        @Test
        void isBuiltByTheRunStageAlone() {
            noClasses().that().resideOutsideOfPackages(RESULTS_BUILDERS)
                    .should().callCodeUnitWhere(BUILDS_A_RESULTS_DOCUMENT)
                    .because("the grader builds results; every other program reads them (ResultsDocument.read) and"
                            + " passes the document on")
                    .check(ENGINE);
        }
    }

    @Nested
    class TheStages {
        @Test
        void formNoCycle() {
            slices().assignedFrom(BY_STAGE).should().beFreeOfCycles().check(ENGINE);
        }

        @Test
        void reportingKnowsNothingOfTheCommandLine() {
            noClasses().that().resideInAPackage(CONTRACTS + ".report..")
                    .should().dependOnClassesThat().resideInAnyPackage(CONTRACTS + ".cli..", CONTRACTS + ".run..")
                    .because("reports are drawn from results.json alone, by whichever program reads it")
                    .check(ENGINE);
        }
    }
}
