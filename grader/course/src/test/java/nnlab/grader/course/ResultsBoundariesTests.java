package nnlab.grader.course;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestResult;

/**
 * Outside the engine, results are read, never built: the course tooling and the reports get a document from the grader
 * or from {@code ResultsDocument.read} and derive others from it ({@code withScore}, {@code withExtraData}, …), so
 * every results.json is the engine's. Checked on the bytecode of every module on this class path (engine, reports,
 * course, the assignments' plug-ins).
 */
class ResultsBoundariesTests {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("nnlab");

    /** A call that makes a results document or a test's entry from parts: their constructors and the empty factory. */
    private static final DescribedPredicate<JavaCall<?>> BUILDS_A_RESULTS_DOCUMENT = DescribedPredicate.describe(
            "builds a results document or a test's entry",
            call -> {
                String owner = call.getTargetOwner().getName();
                boolean model = owner.equals(ResultsDocument.class.getName())
                        || owner.equals(TestResult.class.getName());
                return model && (call instanceof JavaConstructorCall
                        || call.getName().equals("of") && call.getTarget().getRawParameterTypes().size() == 3);
            });

    @Nested
    class NothingOutsideTheEngine {
        @Test
        void buildsAResultsDocument() {
            noClasses().that().resideOutsideOfPackages("nnlab.grader.run..", "nnlab.grader.report")
                    .should().callCodeUnitWhere(BUILDS_A_RESULTS_DOCUMENT)
                    .because("the engine's grader builds results (Grader.grade, Grader.notGraded); everything else"
                            + " reads them once (ResultsDocument.read) and passes the document on")
                    .check(ALL);
        }

        @Test
        void isCheckedOnTheCourseToolingAndTheReports() {
            // A rule over classes it never imported would pass vacuously.
            assertTrue(ALL.contain(BatchGrader.class) && ALL.contain(Gradebook.class)
                    && ALL.contain(nnlab.grader.report.html.BatchPage.class)
                    && ALL.contain(nnlab.grader.run.Grader.class),
                    "the rule must see the engine, the reports and the course tooling");
        }
    }
}
