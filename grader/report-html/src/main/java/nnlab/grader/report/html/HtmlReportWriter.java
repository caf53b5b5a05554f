package nnlab.grader.report.html;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import nnlab.grader.report.ReportWriter;
import nnlab.grader.report.ResultsDocument;

/**
 * The report writer the grader's command lines find with {@link java.util.ServiceLoader}: HTML pages by
 * {@link HtmlReport}, the terminal summary by {@link TerminalSummary}. The student's audience follows the clock.
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
    public void write(Path resultsJson, Path studentHtml, Path taHtml) throws IOException {
        ResultsDocument results = ResultsDocument.read(resultsJson);
        HtmlReport.write(results, studentHtml, Audience.studentAt(results, clock.instant()), clock.instant());
        HtmlReport.write(results, taHtml, Audience.TA);
    }

    @Override
    public String terminalSummary(Path resultsJson, boolean forTa, boolean colour) throws IOException {
        ResultsDocument results = ResultsDocument.read(resultsJson);
        return TerminalSummary.render(results, forTa ? Audience.TA : Audience.studentAt(results, clock.instant()),
                colour);
    }
}
