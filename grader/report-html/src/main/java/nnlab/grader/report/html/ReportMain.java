package nnlab.grader.report.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The command line: {@code student RESULTS.json [OUT.html] [student|student-after-due-date|ta]} writes one report and prints
 * the terminal summary; {@code batch FOLDER} writes the TA page for a folder of {@code ID/results.json}.
 */
public final class ReportMain {

    private ReportMain() {
    }

    /** Runs one command; exits 2 on bad usage. */
    public static void main(String[] args) throws IOException {
        if (args.length >= 2 && args[0].equals("student")) {
            Path results = Path.of(args[1]);
            Path out = args.length >= 3 ? Path.of(args[2]) : results.resolveSibling("report.html");
            Audience audience = args.length >= 4
                    ? Audience.valueOf(args[3].toUpperCase(Locale.ROOT).replace('-', '_')) : Audience.STUDENT;
            HtmlReport.write(results, out, audience);
            boolean colour = TerminalSummary.colourWanted(System.console(), System.getenv());
            System.out.print(TerminalSummary.render(new ObjectMapper().readTree(results.toFile()), audience, colour));
            System.out.println("Report: " + out.toAbsolutePath());
        } else if (args.length == 2 && args[0].equals("batch") && Files.isDirectory(Path.of(args[1]))) {
            System.out.println("Batch page: " + BatchPage.write(Path.of(args[1])).toAbsolutePath());
        } else {
            System.err.println("usage: student RESULTS.json [OUT.html] [student|student-after-due-date|ta]\n"
                    + "       batch FOLDER   (a folder of ID/results.json)");
            System.exit(2);
        }
    }
}
