package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.run.Grader;

/** A batch decides whether a submission's result is final and uses that result from one reading of its file. */
class FinalResultsTests {

    @Nested
    class AResultIsFinal {
        @Test
        void whenItsFileIsACompleteResultsDocumentWhichIsReturnedAsRead(@TempDir Path tmp) throws Exception {
            ResultsDocument written = Grader.notGraded("ps1", 7L, "the grader did not finish within 1 s", 1.5);
            Path file = tmp.resolve("s01.json");
            written.write(file);
            assertEquals(written, BatchGrader.finalResults(file));
        }

        @Test
        void neverWhenTheFileIsMissingOrCutShort(@TempDir Path tmp) throws Exception {
            assertNull(BatchGrader.finalResults(tmp.resolve("missing.json")));
            Path partial = Files.writeString(tmp.resolve("partial.json"), "{\"score\": 1, \"tests\": [");
            assertNull(BatchGrader.finalResults(partial));
        }
    }

    @Nested
    class AGradingThatLeftNoResults {
        @Test
        void isAGraderErrorThatTellsTheStudentItIsNotTheirFault() {
            ResultsDocument none = Grader.notGraded("ps1", null, "the grader process died twice", 3);
            assertEquals("the grader process died twice", none.extraData().graderError());
            assertEquals(0, none.extraData().seed());
            assertEquals(0, none.tests().size());
            assertEquals("Grading failed: the grader process died twice. This is not your fault: the course staff will"
                    + " regrade.", none.output());
        }
    }
}
