package nnlab.grader.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;

class ExitCodeTests {

    private static ResultsDocument written(RunData.Builder run) {
        return ResultsDocument.of(0, "", run.build());
    }

    @Nested
    class AGradingsResultsMapToOneCode {

        @Test
        void aGradedSubmissionIsOkWhateverItsScore() {
            assertEquals(ExitCode.OK, ExitCode.of(written(new RunData.Builder())));
            assertEquals(ExitCode.OK, ExitCode.of(ResultsDocument.of(0, "", RunData.NONE)));
        }

        @Test
        void aRefusedSubmissionIsRefused() {
            assertEquals(ExitCode.REFUSED, ExitCode.of(written(new RunData.Builder().refused("not a zip"))));
        }

        @Test
        void aGraderFailureIsAGraderError() {
            assertEquals(ExitCode.GRADER_ERROR, ExitCode.of(written(new RunData.Builder().graderError("boom"))));
        }

        @Test
        void aGraderFailureOutranksARefusal() {
            assertEquals(ExitCode.GRADER_ERROR,
                    ExitCode.of(written(new RunData.Builder().refused("not a zip").graderError("boom"))));
        }
    }

    @Nested
    class TheNumbersCallersRelyOn {

        /** run_autograder, the CI workflows and the docs name these numbers: changing one breaks a caller. */
        @Test
        void eachCodeKeepsItsNumber() {
            Map<ExitCode, Integer> numbers = Arrays.stream(ExitCode.values())
                    .collect(Collectors.toMap(c -> c, ExitCode::code));
            assertEquals(Map.of(ExitCode.OK, 0, ExitCode.NOT_WRITTEN, 1, ExitCode.USAGE, 2, ExitCode.REFUSED, 3,
                    ExitCode.GRADER_ERROR, 4, ExitCode.BATCH_ERRORS, 5, ExitCode.SURVIVORS, 6), numbers);
        }
    }
}
