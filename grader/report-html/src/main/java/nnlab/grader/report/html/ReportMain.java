package nnlab.grader.report.html;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import nnlab.grader.cli.Feedback;

/**
 * The command line for reports of results already written: {@code student RESULTS.json [OUT.html]
 * [student|student-after-due-date|ta]} writes one report (the student's view as of now by default) and prints the
 * terminal summary; {@code batch OUT} brings a {@code grade-all} output folder's reports and {@code index.html} up to
 * date.
 */
public final class ReportMain {

    private static final String USAGE = """
            usage: student RESULTS.json [OUT.html] [student|student-after-due-date|ta]
                   batch OUT   (grade-all's output folder, with results/NAME.json)""";

    private ReportMain() {
    }

    /** Runs one command; exits 2 on bad usage and 1 when the results cannot be read or a page cannot be written. */
    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IOException e) {
            System.err.println("Report not written: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String... args) throws IOException {
        if (args.length >= 2 && args.length <= 4 && args[0].equals("student")) {
            Path results = Path.of(args[1]);
            JsonNode tree = HtmlReport.read(results);
            Path out = args.length >= 3 ? Path.of(args[2]) : results.resolveSibling("report.html");
            Audience audience = Audience.studentAt(tree, Instant.now());
            if (args.length == 4) {
                try {
                    audience = Audience.valueOf(args[3].toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    System.err.println("Unknown audience '" + args[3] + "'.\n" + USAGE);
                    return 2;
                }
            }
            HtmlReport.write(tree, out, audience);
            boolean colour = Feedback.colourWanted(System.console(), System.getenv());
            System.out.print(TerminalSummary.render(tree, audience, colour));
            System.out.println("Report: " + out.toAbsolutePath());
            return 0;
        }
        if (args.length == 2 && args[0].equals("batch") && Files.isDirectory(Path.of(args[1]))) {
            System.out.println("Batch page: " + BatchPage.write(Path.of(args[1]), Instant.now()).toAbsolutePath());
            return 0;
        }
        System.err.println(USAGE);
        return 2;
    }
}
