package nnlab.grader.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.Disclosure;
import nnlab.grader.Disclosure.Reader;
import nnlab.grader.Score;
import nnlab.grader.Visibility;

class ResultsDisclosureTests {

    private static final String DETAILS = "1 of 2 cases passed.\n- case 2: your value: 0.25.\nLikely mistake: halved.";
    private static final String DIAGNOSIS = "1 of 2 cases passed.\nLikely mistake: halved.";

    private static Results.Test failedTest(Disclosure disclosure) {
        Results results = new Results();
        Results.Test t = results.add("1.4.1", "Gradient", 4, disclosure, "");
        t.outcome(2, "failed");
        t.output(DETAILS);
        t.diagnosis(DIAGNOSIS, List.of(new Score.Mistake("HALVED", "halved.")));
        return t;
    }

    @Nested
    class TheTeachingDefault {
        private final Results.Test t = failedTest(Disclosure.teaching(Visibility.HIDDEN));

        @Test
        void aStudentSeesTheNamedMistakeBeforeTheDueDateButNotTheCases() {
            String text = t.textFor(Reader.STUDENT_BEFORE_DUE_DATE);
            assertTrue(text.contains("Likely mistake: halved."), text);
            assertFalse(text.contains("0.25"), text);
        }

        @Test
        void staffSeeTheDetails() {
            assertEquals(DETAILS, t.textFor(Reader.STAFF));
        }

        @Test
        void gradescopeGetsAVisibleEntryWhoseOutputIsTheDiagnosisAndTheMistakesAsData() {
            TestResult entry = t.toResult();
            assertEquals("visible", entry.visibility());
            assertFalse(entry.output().contains("0.25"));
            assertEquals(List.of(new Score.Mistake("HALVED", "halved.")), entry.extraData().mistakes());
            assertEquals(DETAILS, entry.extraData().details());
            assertEquals("hidden", entry.extraData().disclosure().details());
        }

        @Test
        void theWrittenEntryReadsBackAsTheSameModel() {
            Results results = new Results();
            Results.Test written = results.add("1.4.1", "Gradient", 4, Disclosure.teaching(Visibility.HIDDEN), "");
            written.outcome(2, "failed");
            written.output(DETAILS);
            written.diagnosis(DIAGNOSIS, List.of(new Score.Mistake("HALVED", "halved.")));
            written.attached().put("loss_history", new double[] {1, 0.5});
            written.attached().put("gradient_check_b", Map.of("label", "b"));
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
            Results.Test t = failedTest(new Disclosure(Visibility.AFTER_DUE_DATE, Visibility.AFTER_DUE_DATE,
                    Visibility.AFTER_DUE_DATE));
            assertEquals("", t.textFor(Reader.STUDENT_BEFORE_DUE_DATE));
            assertEquals(DETAILS, t.textFor(Reader.STUDENT_AFTER_DUE_DATE));
            assertEquals("after_due_date", t.toResult().visibility());
            assertEquals(DETAILS, t.toResult().output());
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
                    new TestResult("1 a", "1", 0, 1, "failed", "", "hidden", null).disclosure());
        }
    }
}
