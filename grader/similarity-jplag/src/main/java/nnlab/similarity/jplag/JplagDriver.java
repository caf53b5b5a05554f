package nnlab.similarity.jplag;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.Match;
import de.jplag.ParsingException;
import de.jplag.Submission;
import de.jplag.Token;
import de.jplag.clustering.ClusteringOptions;
import de.jplag.exceptions.ExitException;
import de.jplag.java.Language;
import de.jplag.options.JPlagOptions;

/**
 * Runs JPlag's Java comparison over a folder prepared by {@code course similarity} and writes every pair as JSON; the
 * only class of nnlab that links JPlag (GPL-3.0), run as its own process so that nothing else does.
 *
 * <p>Usage: {@code JplagDriver SUBMISSIONS CANDIDATES BASE OUT.json}: SUBMISSIONS and CANDIDATES hold one folder per
 * submission (candidates are only compared with submissions, not with each other), BASE the code every submission was
 * given. A file that does not parse as Java on its own is reported and removed from the prepared folder before the
 * comparison (JPlag would otherwise drop the whole submission), so one broken file never hides the rest. Exit 0 with
 * the JSON written, 1 when JPlag refused the set (the reason is in the JSON's {@code error}).
 */
public final class JplagDriver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JplagDriver() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: JplagDriver SUBMISSIONS CANDIDATES BASE OUT.json");
            System.exit(2);
        }
        Path submissions = Path.of(args[0]).toRealPath();
        Path candidates = Path.of(args[1]).toRealPath();
        Path base = Path.of(args[2]).toRealPath();
        Path out = Path.of(args[3]);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("jplag", JPlag.JPLAG_VERSION.toString());
        Language language = new Language();
        doc.put("minimum_token_match", language.minimumTokenMatch());
        ArrayNode unparsable = doc.putArray("unparsable_files");
        for (Path root : List.of(submissions, candidates, base)) {
            dropUnparsable(language, root, unparsable);
        }
        boolean hasCandidates;
        try (Stream<Path> entries = Files.list(candidates)) {
            hasCandidates = entries.findAny().isPresent();
        }
        JPlagOptions options = new JPlagOptions(language, Set.of(submissions.toFile()),
                hasCandidates ? Set.of(candidates.toFile()) : Set.of())
                .withBaseCodeSubmissionDirectory(base.toFile())
                .withMaximumNumberOfComparisons(JPlagOptions.SHOW_ALL_COMPARISONS)
                .withClusteringOptions(new ClusteringOptions().withEnabled(false));
        int exit = 0;
        try {
            JPlagResult result = new JPlag(options).run();
            write(result, doc);
        } catch (ExitException e) {
            doc.put("error", e.getMessage());
            exit = 1;
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), doc);
        System.exit(exit);
    }

    /** Parses every {@code .java} file under {@code root} alone; reports and deletes those that do not parse. */
    private static void dropUnparsable(Language language, Path root, ArrayNode unparsable) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            try {
                language.parse(Set.of(file.toFile()));
            } catch (ParsingException | RuntimeException | StackOverflowError e) {
                // A file nested deeply enough overflows javac's recursive parser: that file is unreadable, not the run.
                Path relative = root.relativize(file);
                ObjectNode entry = unparsable.addObject();
                entry.put("root", root.getFileName().toString());
                entry.put("submission", relative.getName(0).toString());
                entry.put("file", relative.subpath(1, relative.getNameCount()).toString());
                entry.put("reason", String.valueOf(e.getMessage()).replace(root + File.separator, ""));
                Files.delete(file);
            }
        }
    }

    private static void write(JPlagResult result, ObjectNode doc) {
        ArrayNode submissions = doc.putArray("submissions");
        for (Submission s : result.getSubmissions().getSubmissions()) {
            ObjectNode node = submissions.addObject();
            node.put("name", s.getRoot().getName());
            node.put("root", s.getRoot().getParentFile().getName());
            node.put("tokens", s.getNumberOfTokens());
        }
        ArrayNode invalid = doc.putArray("invalid_submissions");
        for (Submission s : result.getSubmissions().getInvalidSubmissions()) {
            ObjectNode node = invalid.addObject();
            node.put("name", s.getRoot().getName());
            node.put("root", s.getRoot().getParentFile().getName());
        }
        ArrayNode pairs = doc.putArray("pairs");
        for (JPlagComparison c : result.getAllComparisons()) {
            ObjectNode pair = pairs.addObject();
            pair.put("first", c.firstSubmission().getRoot().getName());
            pair.put("first_root", c.firstSubmission().getRoot().getParentFile().getName());
            pair.put("second", c.secondSubmission().getRoot().getName());
            pair.put("second_root", c.secondSubmission().getRoot().getParentFile().getName());
            pair.put("average", c.similarity());
            pair.put("maximum", c.maximalSimilarity());
            pair.put("of_first", c.similarityOfFirst());
            pair.put("of_second", c.similarityOfSecond());
            pair.put("matched_tokens", c.getNumberOfMatchedTokens());
            ArrayNode matches = pair.putArray("matches");
            for (Match m : c.matches()) {
                ObjectNode match = matches.addObject();
                match.put("tokens", m.length());
                match.set("first", lines(c.firstSubmission(), m.startOfFirst(), m.length()));
                match.set("second", lines(c.secondSubmission(), m.startOfSecond(), m.length()));
            }
        }
    }

    /** The lines that tokens {@code start … start + length − 1} of {@code s} span, per file (relative to its root). */
    private static ArrayNode lines(Submission s, int start, int length) {
        Map<File, int[]> ranges = new LinkedHashMap<>();
        List<Token> tokens = s.getTokenList();
        for (int i = start; i < start + length; i++) {
            Token t = tokens.get(i);
            if (t.getLine() < 1) {
                continue;
            }
            int[] range = ranges.computeIfAbsent(t.getFile(), f -> new int[] {t.getLine(), t.getLine()});
            range[0] = Math.min(range[0], t.getLine());
            range[1] = Math.max(range[1], t.getLine());
        }
        ArrayNode out = JSON.createArrayNode();
        Path root = s.getRoot().toPath();
        for (Map.Entry<File, int[]> e : ranges.entrySet()) {
            ObjectNode node = out.addObject();
            node.put("file", root.relativize(e.getKey().toPath()).toString().replace(File.separatorChar, '/'));
            node.put("start", e.getValue()[0]);
            node.put("end", e.getValue()[1]);
        }
        return out;
    }
}
