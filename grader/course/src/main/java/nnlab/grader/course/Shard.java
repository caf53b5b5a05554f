package nnlab.grader.course;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import nnlab.grader.AssignmentSpec;
import nnlab.grader.report.html.BatchFolder;

/**
 * Shard {@code index} of {@code count} of a batch: the submissions whose name hashes (CRC-32 of its UTF-8 bytes) to
 * {@code index − 1} modulo {@code count}, so every machine that lists the same folder agrees on the split without
 * talking to the others, and a submission stays in its shard when others are added. A sharded {@code grade-all} writes
 * {@value #MANIFEST} beside its results; {@link #merge} checks the manifests and combines the shards' outputs.
 */
public record Shard(int index, int count) {

    /** The manifest a sharded batch writes into its output folder. */
    static final String MANIFEST = "shard.json";

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("a shard is K/N with 1 ≤ K ≤ N, e.g. 1/4; got " + index + "/" + count);
        }
    }

    /** Parses {@code K/N}, e.g. {@code 2/4}. */
    public static Shard parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("a shard is K/N with 1 ≤ K ≤ N, e.g. 1/4; got '" + text + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /** Returns whether submission {@code name} belongs to this shard. */
    public boolean contains(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % count == index - 1;
    }

    /**
     * Writes the manifest into {@code out}: what must agree between shards (assignment, cases version, run seed, the
     * split) and which submissions the whole folder and this shard hold.
     */
    void writeManifest(Path out, AssignmentSpec spec, Long seed, List<String> all) throws IOException {
        ObjectNode m = ResultsDoc.JSON.createObjectNode();
        m.put("assignment", spec.id());
        m.put("cases_version", spec.cases().version());
        if (seed == null) {
            m.putNull("seed");
        } else {
            m.put("seed", seed);
        }
        m.put("shard", index);
        m.put("of", count);
        all.forEach(m.putArray("all_submissions")::add);
        all.stream().filter(this::contains).forEach(m.putArray("submissions")::add);
        Files.createDirectories(out);
        ResultsDoc.write(out.resolve(MANIFEST), m);
    }

    /**
     * Combines the outputs of the shards {@code shards} of {@code spec} (grade-all's {@code --out} folders, each with its manifest)
     * into {@code out}: their results, JUnit reports and batch logs. Refuses, saying which and why, shards of another
     * assignment, cases version, run seed or split, shards given twice or missing, submissions in two shards and a
     * submission listed by the folder but in no shard's results.
     */
    static List<String> merge(List<Path> shards, Path out, AssignmentSpec spec) throws IOException {
        Map<Integer, Path> byIndex = new TreeMap<>();
        JsonNode first = null;
        Path firstPath = null;
        TreeSet<String> graded = new TreeSet<>();
        for (Path shard : shards) {
            Path file = shard.resolve(MANIFEST);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(shard + " has no " + MANIFEST + ": pass the --out folders of"
                        + " grade-all --shard K/N runs");
            }
            JsonNode m = ResultsDoc.read(file);
            if (first == null) {
                first = m;
                firstPath = shard;
            }
            for (String key : List.of("assignment", "cases_version", "seed", "of", "all_submissions")) {
                if (!Objects.equals(first.get(key), m.get(key))) {
                    throw new IllegalArgumentException("shards " + firstPath + " and " + shard + " differ in " + key
                            + " (" + first.get(key) + " vs " + m.get(key) + "): merge only shards of one grade-all run,"
                            + " graded with the same assignment version, seed and --shard K/N split");
                }
            }
            Path previous = byIndex.put(m.get("shard").asInt(), shard);
            if (previous != null) {
                throw new IllegalArgumentException("shard " + m.get("shard").asInt() + "/" + m.get("of").asInt()
                        + " given twice (" + previous + " and " + shard + "): pass each shard once");
            }
            for (JsonNode name : m.path("submissions")) {
                if (!Files.isRegularFile(new BatchFolder(shard).result(name.asText()))) {
                    throw new IllegalArgumentException(shard + " has no final result for its submission " + name.asText()
                            + ": run its grade-all again (it resumes) before merging");
                }
                if (!graded.add(name.asText())) {
                    throw new IllegalArgumentException("submission " + name.asText() + " is in two shards: merge only"
                            + " shards of one --shard K/N split");
                }
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("no shards given: pass the --out folders of every grade-all --shard K/N");
        }
        if (!first.path("assignment").asText().equals(spec.id())
                || !first.path("cases_version").asText().equals(spec.cases().version())) {
            throw new IllegalArgumentException("the shards graded " + first.path("assignment").asText() + " with cases "
                    + first.path("cases_version").asText() + ", not " + spec.id() + " with cases "
                    + spec.cases().version() + ": merge with the assignment version they were graded with");
        }
        int count = first.get("of").asInt();
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!byIndex.containsKey(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("shard(s) " + missing + " of " + count + " missing: merge needs every"
                    + " shard's --out folder");
        }
        TreeSet<String> all = new TreeSet<>();
        first.path("all_submissions").forEach(n -> all.add(n.asText()));
        if (!all.equals(graded)) {
            TreeSet<String> lost = new TreeSet<>(all);
            lost.removeAll(graded);
            throw new IllegalArgumentException("submission(s) " + lost + " are in no shard's results");
        }
        BatchFolder merged = new BatchFolder(out);
        Files.createDirectories(merged.results());
        Files.createDirectories(merged.junit());
        List<String> log = new ArrayList<>();
        for (Path shard : byIndex.values()) {
            BatchFolder part = new BatchFolder(shard);
            for (JsonNode name : ResultsDoc.read(shard.resolve(MANIFEST)).path("submissions")) {
                String n = name.asText();
                Files.copy(part.result(n), merged.result(n), StandardCopyOption.REPLACE_EXISTING);
                Path junit = part.junit(n);
                if (Files.isRegularFile(junit)) {
                    Files.copy(junit, merged.junit(n), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path shardLog = part.log();
            if (Files.isRegularFile(shardLog)) {
                log.addAll(Files.readAllLines(shardLog));
            }
        }
        // The log's lines start with their time, so sorting them interleaves the shards as they happened.
        log.sort(Comparator.naturalOrder());
        Files.write(merged.log(), log, StandardCharsets.UTF_8);
        return new ArrayList<>(graded);
    }
}
