package nnlab.grader.course;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.Text;
import nnlab.grader.authoring.AuthoringSpec;
import nnlab.grader.authoring.Samples;
import nnlab.grader.authoring.StarterProject;
import nnlab.grader.intake.Intake;
import nnlab.grader.runtime.FileTrees;

/**
 * Which submissions of a batch share their code: reads every submission with the engine's {@link Intake} (its rules:
 * regular files only, links and FIFOs skipped with a note), keeps the students' files only (the assignment's files with
 * tasks), and runs JPlag over them with the generated starter as base code, so the lines every student was given never
 * count, and the reference and the sample submissions as extra candidates. JPlag (GPL-3.0) runs as a separate process
 * from its own jars ({@code grader/similarity-jplag}); this class only prepares its input folder and reads the JSON
 * the driver writes. Writes {@value #JSON_FILE}, {@value #CSV_FILE} and {@value #HTML_FILE} into the batch folder:
 * staff-only files that no student report or Gradescope output refers to.
 */
final class Similarity {

    static final String JSON_FILE = "similarity.json";
    static final String CSV_FILE = "similarity.csv";
    static final String HTML_FILE = nnlab.grader.report.html.BatchFolder.SIMILARITY_PAGE;

    /**
     * The average similarity from which a pair is flagged. Two independent correct solutions of problem set 1 (the
     * reference and the loop-based sample) share about 36% beyond the starter, because the handout fixes the API, the
     * formulas and the loops' shapes; renamed, reordered and commented copies stay near 100%.
     */
    static final double DEFAULT_THRESHOLD = 0.6;

    /** How long the JPlag process may take before it is stopped: generous, a batch of 100 takes well under a minute. */
    static final long DRIVER_MINUTES = 30;

    /** The driver's heap: JPlag holds every submission's tokens and every pair's matches. */
    static final String DRIVER_HEAP = "-Xmx2g";

    private static final String DRIVER = "nnlab.similarity.jplag.JplagDriver";
    private static final String SUBMISSIONS = "submissions";
    private static final String CANDIDATES = "candidates";
    private static final String REFERENCE = "reference";
    private static final String SAMPLE_PREFIX = "sample-";

    /** What a compared folder is: a student's submission, the reference's student files, or a sample submission. */
    enum Kind {
        SUBMISSION, REFERENCE, SAMPLE
    }

    /** One compared folder. */
    record Member(String name, Kind kind) {
        /** Returns how pages name it: the submission's name, or the reference or a sample in parentheses. */
        String label() {
            return switch (kind) {
                case SUBMISSION -> name;
                case REFERENCE -> "(reference)";
                case SAMPLE -> "(sample " + name.substring(SAMPLE_PREFIX.length()) + ")";
            };
        }
    }

    /** Lines {@code start … end} (1-based, inclusive) of {@code file} (its path under the source root). */
    record Range(String file, int start, int end) {
    }

    /** One matched section: its length in tokens and the lines it spans on either side. */
    record Match(int tokens, List<Range> first, List<Range> second) {
    }

    /** Two compared folders, their similarities (0 … 1, the starter's code not counted) and the sections they share. */
    record Pair(Member first, Member second, double average, double maximum, int matchedTokens, List<Match> matches) {
    }

    /** Something worth telling the TA about one folder: a file JPlag could not parse, a skipped link, a refusal. */
    record Note(String name, String text) {
    }

    /** What one run found: the pairs (most similar first), the folders compared, and what was left out and why. */
    record Result(String assignment, double threshold, String jplag, int minimumTokenMatch, List<Member> compared,
                  List<Note> notCompared, List<Note> notes, List<Pair> pairs,
                  Map<Member, SortedMap<String, String>> sources) {

        /** The pairs of two students' submissions: the distribution of what is normal for this assignment. */
        List<Pair> studentPairs() {
            return pairs.stream().filter(p -> p.first().kind() == Kind.SUBMISSION
                    && p.second().kind() == Kind.SUBMISSION).toList();
        }

        /** The pairs at or above the threshold, most similar first. */
        List<Pair> flagged() {
            return pairs.stream().filter(p -> p.average() >= threshold).toList();
        }
    }

    /** Where things are and what to compare. */
    record Options(Path repository, String assignment, Path submissions, Set<String> only, double threshold,
                   PrintStream err, boolean tty) {
    }

    private final Options options;

    Similarity(Options options) {
        this.options = options;
    }

    /**
     * Compares the submissions and writes the three files into {@code out}; returns the result.
     *
     * @throws IllegalStateException when JPlag fails or refuses the set (fewer than two submissions with Java in them)
     */
    Result run() throws IOException, InterruptedException {
        AuthoringSpec spec = AuthoringSpec.read(options.repository(), options.assignment());
        String sourcesPrefix = spec.starter().sources() + "/";
        SortedMap<String, String> correct = Samples.correct(options.repository(), spec);
        Set<String> studentFiles = new TreeSet<>();
        correct.keySet().forEach(k -> studentFiles.add(k.substring(sourcesPrefix.length())));
        Path work = Files.createTempDirectory("nnlab-similarity-");
        try {
            Map<Member, SortedMap<String, String>> sources = new LinkedHashMap<>();
            List<Note> notCompared = new ArrayList<>();
            List<Note> notes = new ArrayList<>();
            readSubmissions(studentFiles, work, sources, notCompared, notes);
            for (String name : Samples.names(options.repository(), options.assignment())) {
                Member member = name.equals(Samples.CORRECT) ? new Member(REFERENCE, Kind.REFERENCE)
                        : new Member(SAMPLE_PREFIX + name, Kind.SAMPLE);
                SortedMap<String, String> files = name.equals(Samples.CORRECT) ? correct
                        : readSample(name, work.resolve("samples"));
                SortedMap<String, String> kept = new TreeMap<>();
                files.forEach((k, v) -> kept.put(k.startsWith(sourcesPrefix) ? k.substring(sourcesPrefix.length()) : k, v));
                kept.keySet().retainAll(studentFiles);
                sources.put(member, kept);
                write(work.resolve(CANDIDATES).resolve(member.name()), kept);
            }
            SortedMap<String, String> base = new TreeMap<>();
            StarterProject.generate(options.repository(), spec).files().forEach((k, v) -> {
                if (k.startsWith(sourcesPrefix) && studentFiles.contains(k.substring(sourcesPrefix.length()))) {
                    base.put(k.substring(sourcesPrefix.length()), new String(v, StandardCharsets.UTF_8));
                }
            });
            write(work.resolve("base").resolve("starter"), base);
            Files.createDirectories(work.resolve(SUBMISSIONS));
            Files.createDirectories(work.resolve(CANDIDATES));
            long students = sources.keySet().stream().filter(m -> m.kind() == Kind.SUBMISSION).count();
            long candidates = sources.size() - students;
            // Candidates are compared with the students only, not with each other.
            options.err().printf(Locale.ROOT, "Comparing %d submission(s) and %d candidate(s) with JPlag (%d pairs)…%n",
                    students, candidates, students * (students - 1) / 2 + students * candidates);
            JsonNode doc = runDriver(work);
            return read(doc, sources, notCompared, notes);
        } finally {
            FileTrees.deleteQuietly(work);
        }
    }

    private void readSubmissions(Set<String> studentFiles, Path work, Map<Member, SortedMap<String, String>> sources,
                                 List<Note> notCompared, List<Note> notes) throws IOException {
        List<BatchGrader.Submission> all = BatchGrader.list(options.submissions()).stream()
                .filter(s -> options.only() == null || options.only().contains(s.name())).toList();
        long start = System.nanoTime();
        int done = 0;
        for (BatchGrader.Submission s : all) {
            Path intake = work.resolve("intake").resolve(s.name());
            Files.createDirectories(intake);
            Intake.Result read = Intake.read(s.path(), intake);
            read.notes().forEach(n -> notes.add(new Note(s.name(), n)));
            String outcome;
            if (read.refusal() != null) {
                notCompared.add(new Note(s.name(), read.refusal()));
                outcome = "not compared: " + read.refusal();
            } else {
                SortedMap<String, String> kept = new TreeMap<>(read.sources());
                kept.keySet().retainAll(studentFiles);
                if (kept.isEmpty()) {
                    String reason = "none of the assignment's files (" + String.join(", ", studentFiles) + ") is in it";
                    notCompared.add(new Note(s.name(), reason));
                    outcome = "not compared: " + reason;
                } else {
                    Member member = new Member(s.name(), Kind.SUBMISSION);
                    sources.put(member, kept);
                    write(work.resolve(SUBMISSIONS).resolve(s.name()), kept);
                    outcome = kept.size() + " file(s)";
                }
            }
            FileTrees.deleteQuietly(intake);
            done++;
            progress(done, all.size(), s.name(), outcome, (System.nanoTime() - start) / 1e9);
        }
    }

    /** One progress line per submission read, like grade-all's: redrawn in place on a terminal. */
    private void progress(int done, int total, String name, String outcome, double elapsed) {
        String eta = done == total ? "done" : "ETA " + Progress.duration(elapsed / done * (total - done));
        if (options.tty()) {
            options.err().printf(Locale.ROOT, "\rreading %d/%d %s  last: %s %s\u001b[K%s", done, total, eta,
                    Text.name(name), Text.name(outcome), done == total ? "\n" : "");
        } else {
            options.err().printf(Locale.ROOT, "[%d/%d] %s %s %s%n", done, total, Text.name(name), Text.name(outcome), eta);
        }
        options.err().flush();
    }

    private SortedMap<String, String> readSample(String name, Path parent) throws IOException {
        Path folder = Samples.writeFresh(options.repository(), options.assignment(), name, parent);
        SortedMap<String, String> files = new TreeMap<>();
        for (String file : relativeFiles(folder)) {
            files.put(file, Files.readString(folder.resolve(file)));
        }
        return files;
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted().toList();
        }
    }

    /** Writes {@code files} (keys are relative paths from the assignment's fixed list of student files) under {@code folder}. */
    private static void write(Path folder, SortedMap<String, String> files) throws IOException {
        for (var file : files.entrySet()) {
            Path target = folder.resolve(file.getKey()).normalize();
            if (!target.startsWith(folder)) {
                throw new IllegalArgumentException("not a relative path: " + Text.name(file.getKey()));
            }
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue());
        }
    }

    /** Runs the JPlag driver in its own JVM on JPlag's own classpath and returns the JSON it wrote. */
    private JsonNode runDriver(Path work) throws IOException, InterruptedException {
        Path script = options.repository().resolve("grader/similarity-jplag/bin/classpath");
        Path log = work.resolve("jplag.log");
        Process classpath = new ProcessBuilder("bash", script.toString()).redirectError(log.toFile()).start();
        String cp = new String(classpath.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (classpath.waitFor() != 0 || cp.isEmpty()) {
            throw new IllegalStateException("could not build JPlag's side (" + script + "): "
                    + Files.readString(log).strip());
        }
        Path json = work.resolve("jplag.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process driver = new ProcessBuilder(java, DRIVER_HEAP, "-cp", cp, DRIVER, work.resolve(SUBMISSIONS).toString(),
                work.resolve(CANDIDATES).toString(), work.resolve("base").resolve("starter").toString(), json.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!driver.waitFor(DRIVER_MINUTES, TimeUnit.MINUTES)) {
                throw new IllegalStateException("JPlag did not finish within " + DRIVER_MINUTES + " minutes");
            }
        } finally {
            driver.descendants().forEach(ProcessHandle::destroyForcibly);
            driver.destroyForcibly();
        }
        if (!Files.isRegularFile(json)) {
            throw new IllegalStateException("JPlag wrote no result (exit " + driver.exitValue() + "): "
                    + Files.readString(log).strip());
        }
        JsonNode doc = ResultsDoc.read(json);
        if (doc.has("error")) {
            throw new IllegalStateException("JPlag refused the set: " + doc.get("error").asText());
        }
        return doc;
    }

    private Result read(JsonNode doc, Map<Member, SortedMap<String, String>> sources, List<Note> notCompared,
                        List<Note> notes) {
        for (JsonNode u : doc.path("unparsable_files")) {
            Member m = member(u.path("root").asText(), u.path("submission").asText());
            notes.add(new Note(m.name(), "not compared: " + u.path("file").asText() + " is not valid Java ("
                    + firstLine(u.path("reason").asText()) + ")"));
            SortedMap<String, String> files = sources.get(m);
            if (files != null) {
                files.remove(u.path("file").asText());
            }
        }
        for (JsonNode s : doc.path("invalid_submissions")) {
            Member m = member(s.path("root").asText(), s.path("name").asText());
            notCompared.add(new Note(m.name(), "JPlag found no Java it could read in it"));
        }
        List<Pair> pairs = new ArrayList<>();
        for (JsonNode p : doc.path("pairs")) {
            Member a = member(p.path("first_root").asText(), p.path("first").asText());
            Member b = member(p.path("second_root").asText(), p.path("second").asText());
            List<Match> matches = new ArrayList<>();
            for (JsonNode m : p.path("matches")) {
                matches.add(new Match(m.path("tokens").asInt(), ranges(m.path("first")), ranges(m.path("second"))));
            }
            // A submission first, and students in name order: the same pair reads the same way on every run.
            boolean swap = b.kind() == Kind.SUBMISSION && (a.kind() != Kind.SUBMISSION || a.name().compareTo(b.name()) > 0);
            if (swap) {
                matches.replaceAll(m -> new Match(m.tokens(), m.second(), m.first()));
            }
            // JPlag lists equally long matches in no fixed order: longest first, then by place, so runs agree.
            matches.sort(Comparator.comparingInt(Match::tokens).reversed().thenComparing(Similarity::place));
            pairs.add(new Pair(swap ? b : a, swap ? a : b, p.path("average").asDouble(), p.path("maximum").asDouble(),
                    p.path("matched_tokens").asInt(), List.copyOf(matches)));
        }
        pairs.sort(Comparator.comparingDouble(Pair::average).reversed()
                .thenComparing(p -> p.first().name()).thenComparing(p -> p.second().name()));
        List<Member> compared = sources.keySet().stream().filter(m -> notCompared.stream()
                .noneMatch(n -> n.name().equals(m.name()) && m.kind() == Kind.SUBMISSION)).toList();
        return new Result(options.assignment(), options.threshold(), doc.path("jplag").asText(),
                doc.path("minimum_token_match").asInt(), compared, notCompared, notes, pairs, sources);
    }

    /** Where a match starts on its first side, as text that sorts by file, then line. */
    private static String place(Match m) {
        return m.first().isEmpty() ? "" : String.format(Locale.ROOT, "%s:%09d", m.first().get(0).file(),
                m.first().get(0).start());
    }

    private static String firstLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1].replaceFirst("^failed to parse '[^']*' with reason: ", "");
    }

    private static Member member(String root, String name) {
        if (root.equals(SUBMISSIONS)) {
            return new Member(name, Kind.SUBMISSION);
        }
        return name.equals(REFERENCE) ? new Member(name, Kind.REFERENCE) : new Member(name, Kind.SAMPLE);
    }

    private static List<Range> ranges(JsonNode node) {
        List<Range> ranges = new ArrayList<>();
        node.forEach(r -> ranges.add(new Range(r.path("file").asText(), r.path("start").asInt(), r.path("end").asInt())));
        return List.copyOf(ranges);
    }

    /** Writes {@value #JSON_FILE}, {@value #CSV_FILE} and {@value #HTML_FILE} into {@code out}. */
    static void write(Result result, Path out) throws IOException {
        Files.createDirectories(out);
        ResultsDoc.write(out.resolve(JSON_FILE), json(result));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("first", "second", "second_kind", "average_percent", "maximum_percent", "matched_tokens",
                "flagged"));
        for (Pair p : result.pairs()) {
            rows.add(List.of(p.first().label(), p.second().label(), p.second().kind().name().toLowerCase(Locale.ROOT),
                    percent(p.average()), percent(p.maximum()), Integer.toString(p.matchedTokens()),
                    Boolean.toString(p.average() >= result.threshold())));
        }
        ResultsDoc.writeBytes(out.resolve(CSV_FILE), Csv.format(rows).getBytes(StandardCharsets.UTF_8));
        ResultsDoc.writeBytes(out.resolve(HTML_FILE), SimilarityPage.render(result).getBytes(StandardCharsets.UTF_8));
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f", 100 * fraction);
    }

    private static ObjectNode json(Result r) {
        ObjectNode doc = ResultsDoc.JSON.createObjectNode();
        doc.put("assignment", r.assignment());
        doc.put("tool", "JPlag " + r.jplag() + " (GPL-3.0), run as a separate process");
        doc.put("minimum_token_match", r.minimumTokenMatch());
        doc.put("metric", "average: matched tokens / mean token count of the two; maximum: matched tokens / the"
                + " smaller one's tokens; the generated starter's code is base code and never counts");
        doc.put("threshold", r.threshold());
        ArrayNode submissions = doc.putArray("submissions");
        ArrayNode candidates = doc.putArray("candidates");
        r.compared().forEach(m -> (m.kind() == Kind.SUBMISSION ? submissions : candidates).add(m.label()));
        ArrayNode notCompared = doc.putArray("not_compared");
        r.notCompared().forEach(n -> notCompared.addObject().put("name", n.name()).put("reason", n.text()));
        ArrayNode notes = doc.putArray("notes");
        r.notes().forEach(n -> notes.addObject().put("name", n.name()).put("note", n.text()));
        ObjectNode distribution = doc.putObject("distribution");
        double[] all = r.studentPairs().stream().mapToDouble(Pair::average).sorted().toArray();
        distribution.put("student_pairs", all.length);
        if (all.length > 0) {
            distribution.put("median", quantile(all, 0.5));
            distribution.put("p95", quantile(all, 0.95));
            distribution.put("max", all[all.length - 1]);
        }
        ArrayNode pairs = doc.putArray("pairs");
        for (Pair p : r.pairs()) {
            ObjectNode node = pairs.addObject();
            node.put("first", p.first().label());
            node.put("first_kind", p.first().kind().name().toLowerCase(Locale.ROOT));
            node.put("second", p.second().label());
            node.put("second_kind", p.second().kind().name().toLowerCase(Locale.ROOT));
            node.put("average", p.average());
            node.put("maximum", p.maximum());
            node.put("flagged", p.average() >= r.threshold());
            node.put("matched_tokens", p.matchedTokens());
            ArrayNode matches = node.putArray("matches");
            for (Match m : p.matches()) {
                ObjectNode match = matches.addObject();
                match.put("tokens", m.tokens());
                ArrayNode first = match.putArray("first");
                m.first().forEach(x -> first.addObject().put("file", x.file()).put("start", x.start()).put("end", x.end()));
                ArrayNode second = match.putArray("second");
                m.second().forEach(x -> second.addObject().put("file", x.file()).put("start", x.start()).put("end", x.end()));
            }
        }
        return doc;
    }

    /** The {@code q}-quantile of sorted {@code values} (nearest rank). */
    static double quantile(double[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
