package nnlab.grader.course;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;
import nnlab.grader.report.TestResult;

/**
 * JUnit XML (the surefire report layout CI dashboards read) for one graded submission: a test case per graded test,
 * a {@code failure} for each test that did not earn full points, and the score, seed and lateness as properties.
 * Characters XML 1.0 cannot carry (student output may hold any) are replaced.
 */
public final class JunitXml {

    private JunitXml() {
    }

    /** Writes the report for {@code results} to {@code file} atomically, naming the suite {@code suite}. */
    public static void write(ResultsDocument results, String suite, Path file) throws IOException {
        ResultsDoc.writeBytes(file, render(results, suite).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the report for {@code results} as XML text. */
    public static String render(ResultsDocument results, String suite) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            int tests = results.tests().size();
            int failures = (int) results.tests().stream().filter(t -> !t.passed()).count();
            RunData extra = results.extraData();
            boolean error = results.isError();
            x.writeStartElement("testsuite");
            x.writeAttribute("name", clean(suite));
            x.writeAttribute("tests", Integer.toString(tests));
            x.writeAttribute("failures", Integer.toString(failures));
            x.writeAttribute("errors", error ? "1" : "0");
            x.writeAttribute("skipped", "0");
            x.writeAttribute("time", number(results.executionTime()));
            x.writeStartElement("properties");
            property(x, "score", number(results.score()));
            property(x, "max_score", number(results.maxScore()));
            property(x, "seed", extra.seed() == null ? "" : extra.seed().toString());
            if (extra.late() != null) {
                property(x, "late_days_used", Long.toString(extra.late().lateDaysUsed()));
                property(x, "penalty_points", Double.toString(extra.late().penaltyPoints()));
            }
            if (extra.refused() != null) {
                property(x, "refused", extra.refused());
            }
            if (extra.graderError() != null) {
                property(x, "grader_error", extra.graderError());
            }
            x.writeEndElement();
            for (TestResult t : results.tests()) {
                x.writeStartElement("testcase");
                x.writeAttribute("classname", clean(suite + ".section" + section(t.number())));
                x.writeAttribute("name", clean(t.name()));
                x.writeAttribute("time", "0");
                if (!t.passed()) {
                    x.writeStartElement("failure");
                    x.writeAttribute("message", String.format(Locale.ROOT, "%s of %s points",
                            number(t.score()), number(t.maxScore())));
                    x.writeAttribute("type", "graded");
                    x.writeCharacters(clean(t.output()));
                    x.writeEndElement();
                }
                x.writeEndElement();
            }
            if (error) {
                x.writeStartElement("system-err");
                x.writeCharacters(clean(results.output()));
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write JUnit XML", e);
        }
        return text + "\n";
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value));
    }

    private static String section(String number) {
        String[] parts = number.split("\\.");
        return parts.length >= 2 ? parts[0] + "_" + parts[1] : number.replace('.', '_');
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** Replaces characters XML 1.0 cannot represent by U+FFFD. */
    static String clean(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (c >= 0x10000 && c <= 0x10FFFF);
            sb.appendCodePoint(ok ? c : 0xFFFD);
        });
        return sb.toString();
    }
}
