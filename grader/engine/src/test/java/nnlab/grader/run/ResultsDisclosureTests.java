package nnlab.grader.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.Disclosure;
import nnlab.grader.Reader;
import nnlab.grader.Score;
import nnlab.grader.TestStatus;
import nnlab.grader.Visibility;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;

/** The grader's results builder writes each entry as the engine's {@link Disclosure} says. */
class ResultsDisclosureTests {

    private static final String DETAILS = "1 of 2 cases passed.\n- case 2: your value: 0.25.\nLikely mistake: halved.";
    private static final String DIAGNOSIS = "1 of 2 cases passed.\nLikely mistake: halved.";

    private static TestResult failedTest(Disclosure disclosure) {
        ResultsBuilder results = new ResultsBuilder();
        ResultsBuilder.Entry t = results.add("1.4.1", "Gradient", 4, disclosure, "");
        t.outcome(2, TestStatus.FAILED);
        t.details(DETAILS);
        t.diagnosis(DIAGNOSIS, List.of(new Score.Mistake("HALVED", "halved.")));
        return results.document().tests().get(0);
    }

    @Nested
    class TheTeachingDefault {
        private final TestResult t = failedTest(Disclosure.teaching(Visibility.HIDDEN));

        @Test
        void aStudentSeesTheNamedMistakeBeforeTheDueDateButNotTheCases() {
            String text = t.textFor(Reader.STUDENT);
            assertTrue(text.contains("Likely mistake: halved."), text);
            assertFalse(text.contains("0.25"), text);
        }

        @Test
        void staffSeeTheDetails() {
            assertEquals(DETAILS, t.textFor(Reader.TA));
        }

        @Test
        void gradescopeGetsAVisibleEntryWhoseOutputIsTheDiagnosisAndTheMistakesAsData() {
            TestResult entry = t;
            assertEquals("visible", entry.outcomeVisibility());
            assertFalse(entry.output().contains("0.25"));
            assertEquals(List.of(new Score.Mistake("HALVED", "halved.")), entry.extraData().mistakes());
            assertEquals(DETAILS, entry.extraData().details());
            assertEquals("hidden", entry.extraData().disclosure().details());
        }

        @Test
        void theWrittenEntryReadsBackAsTheSameModel() {
            ResultsBuilder results = new ResultsBuilder();
            ResultsBuilder.Entry written = results.add("1.4.1", "Gradient", 4, Disclosure.teaching(Visibility.HIDDEN),
                    "");
            written.outcome(2, TestStatus.FAILED);
            written.details(DETAILS);
            written.diagnosis(DIAGNOSIS, List.of(new Score.Mistake("HALVED", "halved.")));
            written.attached.put("loss_history", new double[] {1, 0.5});
            written.attached.put("gradient_check_b", Map.of("label", "b"));
            ResultsDocument document = results.document();
            ResultsDocument back = ResultsDocument.of(document.toTree());
            assertEquals(document, back);
            assertEquals(List.of("loss_history", "gradient_check_b"),
                    List.copyOf(back.tests().get(0).extraData().attached().keySet()), "attached data keeps its order");
            assertEquals(Disclosure.teaching(Visibility.HIDDEN), back.tests().get(0).disclosure());
        }
    }

    @Nested
    class AnAuthorsChoice {
        @Test
        void aTestMayKeepEvenItsOutcomeUntilTheDueDate() {
            TestResult t = failedTest(new Disclosure(Visibility.AFTER_DUE_DATE, Visibility.AFTER_DUE_DATE,
                    Visibility.AFTER_DUE_DATE));
            assertEquals("", t.textFor(Reader.STUDENT));
            assertEquals(DETAILS, t.textFor(Reader.STUDENT_AFTER_DUE_DATE));
            assertEquals("after_due_date", t.outcomeVisibility());
            assertEquals(DETAILS, t.output());
        }

        @Test
        void aPartCannotShowBeforeThePartItElaborates() {
            assertThrows(IllegalArgumentException.class,
                    () -> new Disclosure(Visibility.HIDDEN, Visibility.VISIBLE, Visibility.HIDDEN));
            assertThrows(IllegalArgumentException.class,
                    () -> new Disclosure(Visibility.VISIBLE, Visibility.HIDDEN, Visibility.VISIBLE));
        }

        @Test
        void aRecordedDisclosureReadsBack() {
            Disclosure d = Disclosure.teaching(Visibility.AFTER_DUE_DATE);
            assertEquals(d, TestData.Shown.of(d).toDisclosure(Visibility.VISIBLE));
            assertEquals(new Disclosure(Visibility.HIDDEN, Visibility.HIDDEN, Visibility.HIDDEN),
                    new TestResult("1 a", "1", 0, 1, TestStatus.FAILED, "", "hidden", null).disclosure());
        }
    }
}
