package nnlab.grader.report.html;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import nnlab.grader.report.ResultsDocument;

/**
 * The output folder of a batch ({@code course grade-all --out}), the one owner of its layout: the final results
 * {@code results/NAME.json}, {@code junit/NAME.xml}, the reports {@code reports/NAME.html} (student) and
 * {@code reports/ta/NAME.html} (TA), the page {@code index.html}, the gradebooks, the log {@code batch-log.jsonl} and
 * the scratch folder {@code work/}. Every program that writes or reads a batch asks it where things are; each results
 * file is read once, by {@link #read()}, and passed on as a document.
 *
 * @param root the folder
 */
public record BatchFolder(Path root) {

    private static final String JSON = ".json";
    private static final String HTML = ".html";
    private static final String REPORTS = "reports";
    private static final String TA = "ta";
    /** The staff-only page {@code course similarity} writes beside the batch's results. */
    public static final String SIMILARITY_PAGE = "similarity.html";
    /** The gradebook in Canvas's import layout. */
    public static final String GRADEBOOK_CANVAS = "gradebook-canvas.csv";
    /** The plain gradebook. */
    public static final String GRADEBOOK_CSV = "gradebook.csv";
    /** The JSON gradebook. */
    public static final String GRADEBOOK_JSON = "gradebook.json";
    /** The submissions no roster student owns, which the Canvas import leaves out. */
    public static final String NOT_ON_ROSTER = "gradebook-not-on-roster.csv";
    /** What the batch page shows about the gradebook last written. */
    public static final String GRADEBOOK_NOTES = "gradebook-notes.json";

    /** One submission's final results, under its submission name. */
    public record Graded(String name, ResultsDocument results) {
    }

    /** A results file that could not be read, and why. */
    public record Unreadable(String name, String reason) {
    }

    /** Every final result of the batch, each read once, in name order; the files that could not be read apart. */
    public record Read(List<Graded> graded, List<Unreadable> unreadable) {
        /** Copies the lists. */
        public Read {
            graded = List.copyOf(graded);
            unreadable = List.copyOf(unreadable);
        }

        /** Returns every result; fails with the first unreadable file's reason when one could not be read. */
        public List<Graded> all() throws IOException {
            if (!unreadable.isEmpty()) {
                throw new IOException(unreadable.get(0).reason());
            }
            return graded;
        }
    }

    /** Returns the folder of the final results. */
    public Path results() {
        return root.resolve("results");
    }

    /** Returns where the final results of submission {@code name} live. */
    public Path result(String name) {
        return results().resolve(name + JSON);
    }

    /** Returns the folder of the JUnit XML files. */
    public Path junit() {
        return root.resolve("junit");
    }

    /** Returns where the JUnit XML of submission {@code name} goes. */
    public Path junit(String name) {
        return junit().resolve(name + ".xml");
    }

    /** Returns where the student's report of submission {@code name} goes. */
    public Path studentReport(String name) {
        return root.resolve(REPORTS).resolve(name + HTML);
    }

    /** Returns where the TA's report of submission {@code name} goes. */
    public Path taReport(String name) {
        return root.resolve(REPORTS).resolve(TA).resolve(name + HTML);
    }

    /** Returns the link from the batch page to the student's report of {@code name}. */
    static String studentReportHref(String name) {
        return REPORTS + "/" + encoded(name) + HTML;
    }

    /** Returns the link from the batch page to the TA's report of {@code name}. */
    static String taReportHref(String name) {
        return REPORTS + "/" + TA + "/" + encoded(name) + HTML;
    }

    private static String encoded(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Returns the batch page. */
    public Path index() {
        return root.resolve("index.html");
    }

    /** Returns the similarity page, when {@code course similarity} has written one. */
    public Path similarityPage() {
        return root.resolve(SIMILARITY_PAGE);
    }

    /** Returns the batch's log, one JSON object a line. */
    public Path log() {
        return root.resolve("batch-log.jsonl");
    }

    /** Returns the scratch folder of the grader processes. */
    public Path work() {
        return root.resolve("work");
    }

    /** Returns the scratch folder of submission {@code name}, kept after a grader error for the TA. */
    public Path work(String name) {
        return work().resolve(name);
    }

    /** Returns where a grader process writes submission {@code name}'s results before the batch makes them final. */
    public Path rawResults(String name) {
        return work(name).resolve("results.json");
    }

    /** Returns the log of the grader process's output while it graded submission {@code name}. */
    public Path graderLog(String name) {
        return work(name).resolve("grader.log");
    }

    /** Returns the log of the grader processes themselves. */
    public Path workersLog() {
        return work().resolve("workers.log");
    }

    /** Returns the gradebook file {@code file} (one of this type's {@code GRADEBOOK_…} and {@code NOT_ON_ROSTER}). */
    public Path gradebook(String file) {
        return root.resolve(file);
    }

    /** Returns whether the folder holds a results folder, as a batch does. */
    public boolean isBatch() {
        return Files.isDirectory(results());
    }

    /** Returns the names of the submissions with a results file, sorted. */
    public List<String> names() throws IOException {
        if (!isBatch()) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(results())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(JSON) && !f.startsWith("."))
                    .sorted().map(f -> f.substring(0, f.length() - JSON.length())).toList();
        }
    }

    /**
     * Reads every final result once, in name order; a file that cannot be read is kept apart with the reason, so one
     * bad file does not hide the others.
     *
     * @throws IOException when the results folder cannot be listed
     */
    public Read read() throws IOException {
        List<Graded> graded = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (String name : names()) {
            try {
                graded.add(new Graded(name, ResultsDocument.read(result(name))));
            } catch (IOException e) {
                unreadable.add(new Unreadable(name, e.getMessage()));
            }
        }
        return new Read(graded, unreadable);
    }
}
