package nnlab.grader.report.html;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The report module reads results through the engine's contracts and typed results model only: it can draw a page
 * from any results.json, in any program, without the grader's command line, run stage or sandbox.
 */
class ReportBoundariesTests {

    private static final JavaClasses REPORTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("nnlab.grader.report.html");

    @Test
    void dependsOnNoInternalOfTheGrader() {
        noClasses().that().resideInAPackage("nnlab.grader.report.html..")
                .should().dependOnClassesThat().resideInAnyPackage("nnlab.grader.cli..", "nnlab.grader.run..",
                        "nnlab.grader.sandbox..", "nnlab.grader.compile..", "nnlab.grader.intake..",
                        "nnlab.grader.runtime..")
                .because("a report is drawn from results.json alone")
                .check(REPORTS);
    }
}
