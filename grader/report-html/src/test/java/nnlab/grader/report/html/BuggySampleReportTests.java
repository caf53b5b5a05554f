package nnlab.grader.report.html;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import nnlab.grader.Reader;
import nnlab.grader.Visibility;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.TestData;
import nnlab.grader.report.TestResult;

@Tag("slow")
class BuggySampleReportTests {

    /** A number with enough decimals to be a computed value rather than a count or a point total. */
    private static final Pattern COMPUTED = Pattern.compile("-?\\d+\\.\\d{4,}(?:[eE]-?\\d+)?");
    /** Strings in a hidden test's data shorter than this (block names, entry positions) say nothing of its input. */
    private static final int MIN_TELLING_STRING = 12;

    @Nested
    class WhatTheTaSees {

        @Test
        void failingPartsGradientCheckAndLossCurve() throws Exception {
            String html = Files.readString(BuggySample.report(Reader.TA));
            assertTrue(html.contains("<tr class=\"failed\"><td>Part 4 — SGD and optimizers</td>"), "RmsProp fails");
            assertTrue(html.contains("<tr class=\"failed\"><td>Part 2 — Activations and losses</td>"),
                    "ELU backward fails in the sample");
            assertTrue(html.contains("<table class=\"gradient-check\">"));
            assertTrue(html.contains("<img class=\"loss-curve\""));
            assertTrue(html.contains("<div class=\"hint\">Likely mistake:"));
            assertTrue(html.contains("Seed: <code>" + BuggySample.SEED + "</code>"));
            assertTrue(html.contains("<p>Timings: discovery "), "where the grading time went");
            assertTrue(html.contains("<small class=\"duration\">"), "each test's time, for spotting slow code");
        }
    }

    @Nested
    class WhatTheStudentSeesBeforeTheDueDate {

        @Test
        void everyTestsOutcomeTheNamedMistakesAndWherePointsWent() throws Exception {
            String html = Files.readString(BuggySample.report(Reader.STUDENT));
            assertFalse(html.contains("<div class=\"test hidden\">"), "every test shows its outcome:\n" + html);
            assertTrue(html.contains("<div class=\"test failed\"><b>2.2.1 "), html);
            assertTrue(html.contains("<div class=\"hint\">Likely mistake: your ELU derivative"), html);
            assertTrue(html.contains("<tr class=\"failed\"><td>Part 1 — The perceptron</td>"), "p > 0.5 (1.2.1)");
            assertTrue(html.contains("<div class=\"hint\">Likely mistake: at p = 0.5 exactly"), html);
            assertFalse(html.contains("your value:") || html.contains("on this hidden case"), "no hidden case shows");
            assertFalse(html.contains("<table class=\"gradient-check\">"), "the tables are details of after-due-date"
                    + " and hidden tests");
        }
    }

    @Nested
    class WhatTheStudentSeesAfterTheDueDate {

        @Test
        void failingPartsGradientCheckTablesAndLossCurves() throws Exception {
            String html = Files.readString(BuggySample.report(Reader.STUDENT_AFTER_DUE_DATE));
            assertTrue(html.contains("<tr class=\"failed\"><td>Part 1 — The perceptron</td>"), "p > 0.5 (1.2.1)");
            assertTrue(html.contains("<tr class=\"failed\"><td>Part 4 — SGD and optimizers</td>"), "RMSprop (4.2.1)");
            assertTrue(html.contains("<div class=\"test failed\"><b>4.2.1 RMSprop</b>"), html);
            assertTrue(html.contains("<table class=\"gradient-check\"><caption>Gradient check:"),
                    "3.2.2 and 3.4.2 show their tables after the due date");
            assertTrue(html.contains("<img class=\"loss-curve\""));
            assertFalse(html.contains("Seed"), "with the seed a student could regenerate the run's probes");
            assertFalse(html.contains("Timings") || html.contains("class=\"duration\""), "timings are for the TA");
        }
    }

    @Nested
    class WhatTheStudentSees {

        @Test
        void noHiddenInputValueAppearsBeforeTheDueDate() throws Exception {
            String html = Files.readString(BuggySample.report(Reader.STUDENT));
            Set<String> leaked = leaks(html, hiddenValues(Set.of(Visibility.HIDDEN, Visibility.AFTER_DUE_DATE)));
            assertTrue(leaked.isEmpty(), () -> "hidden values in the student report: " + leaked);
        }

        @Test
        void noHiddenInputValueAppearsAfterTheDueDate() throws Exception {
            String html = Files.readString(BuggySample.report(Reader.STUDENT_AFTER_DUE_DATE));
            Set<String> leaked = leaks(html, hiddenValues(Set.of(Visibility.HIDDEN)));
            assertTrue(leaked.isEmpty(), () -> "hidden values in the student report: " + leaked);
        }

        @Test
        void theCheckHasValuesToLookFor() {
            int beforeDue = hiddenValues(Set.of(Visibility.HIDDEN, Visibility.AFTER_DUE_DATE)).size();
            int afterDue = hiddenValues(Set.of(Visibility.HIDDEN)).size();
            assertTrue(beforeDue > 100 && afterDue > 10, () -> "the hidden tests' gradient checks and messages should"
                    + " supply many values to look for: " + beforeDue + " before and " + afterDue + " after the due date");
        }

        @Test
        void lossCurveOfAVisibleTrainingTestIsShown() throws Exception {
            String html = Files.readString(BuggySample.report(Reader.STUDENT));
            assertTrue(html.contains("<img class=\"loss-curve\""));
            assertFalse(html.contains("gradient-check"), "the sample's gradient checks are all in hidden tests");
        }
    }

    /** Returns the ways each value of the given tests' outputs and data could be written into a page. */
    private static Set<String> hiddenValues(Set<Visibility> visibilities) {
        Set<String> values = new TreeSet<>();
        for (TestResult t : BuggySample.results().tests()) {
            if (visibilities.contains(t.disclosure().details())) {
                collect(t.details(), values);
                t.extraData().attached().values().forEach(v -> collect(Fixtures.JSON.convertValue(v, Object.class),
                        values));
                TestData.Probes probes = t.extraData().probes();
                if (probes != null) {
                    collect(probes.failures(), values);
                    collect(probes.notes(), values);
                }
            }
        }
        return values;
    }

    private static void collect(Object value, Set<String> out) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collect(v, out));
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> collect(v, out));
        } else if (value instanceof double[] a) {
            for (double d : a) {
                collect(d, out);
            }
        } else if (value instanceof Double d && Double.isFinite(d) && d != Math.rint(d)) {
            out.add(Double.toString(d));
            out.add(Html.number(d));
        } else if (value instanceof String s) {
            Matcher m = COMPUTED.matcher(s);
            while (m.find()) {
                double d = Double.parseDouble(m.group());
                out.add(m.group());
                out.add(Html.number(d));
            }
            if (s.length() >= MIN_TELLING_STRING && !s.contains("\n")) {
                out.add(Html.esc(s));
            }
        }
    }

    private static Set<String> leaks(String html, Set<String> values) {
        Set<String> leaked = new TreeSet<>();
        values.stream().filter(html::contains).forEach(leaked::add);
        return leaked;
    }
}
