package nnlab.grader.report.html;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import nnlab.grader.Reader;
import nnlab.grader.report.ReportWriter;
import nnlab.grader.report.ResultsDocument;

/**
 * The report writer the grader's command lines find with {@link java.util.ServiceLoader}: HTML pages by
 * {@link HtmlReport}, the terminal summary by {@link TerminalSummary}. The student's report follows the clock.
 */
public final class HtmlReportWriter implements ReportWriter {

    private final Clock clock;

    /** Creates a writer on the system clock (the service loader's constructor). */
    public HtmlReportWriter() {
        this(Clock.systemUTC());
    }

    /** Creates a writer that reads the time from {@code clock}, which decides whether the due date has passed. */
    HtmlReportWriter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void write(ResultsDocument results, Path studentHtml, Path taHtml) throws IOException {
        Instant now = clock.instant();
        HtmlReport.write(results, studentHtml, results.studentAt(now), now);
        HtmlReport.write(results, taHtml, Reader.TA);
    }

    @Override
    public String terminalSummary(ResultsDocument results, Reader reader, boolean colour) {
        return TerminalSummary.render(results, reader, colour);
    }
}
