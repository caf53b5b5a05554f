package nnlab.grader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;


/**
 * An assignment's diagnosis dictionary: for a graded test and the {@linkplain Score#fingerprint() fingerprint} of the
 * values it compared, the machine-made mutants of the reference ({@code course audit --dictionary}) that fail that test
 * with exactly those values — which method they change and what kind of change, in a student's words. A failing
 * submission with the same fingerprint is told which change reproduces its values; never a value or the reference's
 * code.
 *
 * <p>Made for one version of the scoring cases: its {@code cases} line names the cases' version and digest, and a
 * dictionary of another digest names nothing ({@link #forCases}). The file is text, one entry a line, sorted, so a
 * regeneration reads as a diff:
 * <pre>
 * # comment lines
 * cases TAB version TAB digest
 * test TAB fingerprint TAB Class.method TAB §section TAB kind TAB phrase TAB mutant,mutant,…
 * </pre>
 */
public final class DiagnosisDictionary {

    /** The dictionary's file name, next to {@code assignment.json} on the grader's classpath ({@code nnlab-ID/}). */
    public static final String FILE = "diagnosis-dictionary.tsv";
    /** The command that regenerates a dictionary, with {@code ID} for the assignment. */
    public static final String REGENERATE = "grader/course/bin/course audit --assignment ID --dictionary";
    /** A dictionary that names nothing. */
    public static final DiagnosisDictionary EMPTY = new DiagnosisDictionary("", "", List.of());

    private static final String CASES = "cases";
    private static final String COMMENT = "#";
    private static final Pattern TAB = Pattern.compile("\t");
    private static final int FIELDS = 7;

    /**
     * One entry: mutants that change {@code method} (handout {@code section}) by one {@code kind} of change, worded
     * {@code phrase}, and give {@code fingerprint} on test {@code test}.
     */
    public record Entry(String test, String fingerprint, String method, String section, String kind, String phrase,
                        Set<String> mutants) {

        /** Canonical form: the mutants sorted; no field may hold a tab or a line break. */
        public Entry {
            for (String field : List.of(test, fingerprint, method, section, kind, phrase)) {
                if (field.isEmpty() || field.contains("\t") || field.contains("\n")) {
                    throw new IllegalArgumentException("a dictionary field is empty or holds a tab or line break: "
                            + field);
                }
            }
            mutants = Set.copyOf(new TreeSet<>(mutants));
        }

        /** Returns the id the feedback records the named mistake under. */
        public String mistakeId() {
            return Score.DICTIONARY_PREFIX + method + ":" + kind;
        }

        /** Returns the sentence a student reads: the method, its section and the kind of change; no value. */
        public String sentence() {
            return method + " (" + section + "): your values are what it gives with " + phrase + ".";
        }

        private String key() {
            return String.join("\t", test, fingerprint, method, section, kind, phrase);
        }

        private String line() {
            return key() + "\t" + String.join(",", new TreeSet<>(mutants));
        }
    }

    private final String version;
    private final String digest;
    private final Map<String, List<Entry>> byFingerprint = new TreeMap<>();
    private final List<Entry> entries;

    /** Creates the dictionary of cases {@code version} with {@code digest}; entries of one key have their mutants merged. */
    public DiagnosisDictionary(String version, String digest, Collection<Entry> entries) {
        this.version = version;
        this.digest = digest;
        Map<String, Entry> merged = new TreeMap<>();
        for (Entry e : entries) {
            merged.merge(e.key(), e, (a, b) -> {
                Set<String> both = new TreeSet<>(a.mutants());
                both.addAll(b.mutants());
                return new Entry(a.test(), a.fingerprint(), a.method(), a.section(), a.kind(), a.phrase(), both);
            });
        }
        this.entries = List.copyOf(merged.values());
        this.entries.forEach(e -> byFingerprint.computeIfAbsent(e.test() + "\t" + e.fingerprint(),
                k -> new ArrayList<>()).add(e));
    }

    /** Returns the cases' version it was made for. */
    public String version() {
        return version;
    }

    /** Returns the cases' digest it was made for. */
    public String digest() {
        return digest;
    }

    /** Returns every entry, sorted. */
    public List<Entry> entries() {
        return entries;
    }

    /** Returns the entries of test {@code test} with fingerprint {@code fingerprint}, none for null. */
    public List<Entry> lookup(String test, String fingerprint) {
        return fingerprint == null ? List.of() : byFingerprint.getOrDefault(test + "\t" + fingerprint, List.of());
    }

    /** Returns this dictionary when it was made for cases with {@code casesDigest}, else {@link #EMPTY}. */
    public DiagnosisDictionary forCases(String casesDigest) {
        return digest.equals(casesDigest) ? this : EMPTY;
    }

    /** Returns the file's text: the comment, the cases line and one line per entry, sorted. */
    public String text(String assignment) {
        StringBuilder sb = new StringBuilder();
        sb.append(COMMENT).append(" The diagnosis dictionary of ").append(assignment).append(": machine-made mutants of the")
                .append(" reference, by graded test and\n").append(COMMENT).append(" fingerprint of the values it")
                .append(" compared. Made by a program: regenerate, never edit, with\n").append(COMMENT).append("   ")
                .append(REGENERATE.replace("ID", assignment)).append("\n").append(COMMENT)
                .append(" test\tfingerprint\tmethod\tsection\tkind\tphrase\tmutants\n");
        sb.append(CASES).append('\t').append(version).append('\t').append(digest).append('\n');
        entries.forEach(e -> sb.append(e.line()).append('\n'));
        return sb.toString();
    }

    /**
     * Reads a dictionary's text.
     *
     * @throws IllegalArgumentException naming the line that is not an entry, or when the cases line is missing
     */
    public static DiagnosisDictionary parse(String text) {
        String version = null;
        String digest = null;
        List<Entry> entries = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n")) {
            number++;
            if (line.isBlank() || line.startsWith(COMMENT)) {
                continue;
            }
            String[] f = TAB.split(line, -1);
            if (f[0].equals(CASES) && f.length == 3) {
                version = f[1];
                digest = f[2];
            } else if (f.length == FIELDS) {
                entries.add(new Entry(f[0], f[1], f[2], f[3], f[4], f[5], new TreeSet<>(List.of(f[6].split(",")))));
            } else {
                throw new IllegalArgumentException("line " + number + " of the diagnosis dictionary is not an entry: "
                        + "expected " + FIELDS + " tab-separated fields");
            }
        }
        if (digest == null) {
            throw new IllegalArgumentException("the diagnosis dictionary has no cases line: regenerate it with "
                    + REGENERATE);
        }
        return new DiagnosisDictionary(version, digest, entries);
    }
}
