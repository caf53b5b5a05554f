package nnlab.grader.course.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutants an assignment's authors have shown to be equivalent to the reference, read from
 * {@code assignments/ID/audit-equivalent.txt}: a survivor listed there is reported as "equivalent (allow-listed)",
 * apart from the survivors. One entry a line, {@code OPERATOR FILE:LINE | OLD → NEW | WHY}, where OLD and NEW are the
 * changed lines of the mutant's diff (trimmed, joined by a space) as {@link #key} writes them; blank lines and lines
 * starting with {@code #} are ignored. The line number and the change both take part, so an entry stops matching (and the
 * mutant is a survivor again) once the reference moves or changes there: the author looks again.
 */
record AllowList(Map<String, String> reasons) {

    /** The file's name, in the assignment's folder. */
    static final String FILE = "audit-equivalent.txt";
    private static final String SEPARATOR = " | ";

    /** An empty list. */
    static final AllowList NONE = new AllowList(Map.of());

    /** Reads {@code file}; a missing file is an empty list. */
    static AllowList read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        Map<String, String> reasons = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int why = line.lastIndexOf(SEPARATOR);
            if (why < 0 || line.indexOf(SEPARATOR) == why) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": write OPERATOR FILE:LINE | OLD → NEW | WHY"
                        + " (the first two fields as the audit's report names the survivor); got: " + line);
            }
            reasons.put(line.substring(0, why).strip(), line.substring(why + SEPARATOR.length()).strip());
        }
        return new AllowList(Map.copyOf(reasons));
    }

    /** Why {@code m} is equivalent, or null when the list does not hold it. */
    String reason(Mutant m) {
        return reasons.get(key(m));
    }

    /** The entry's first two fields for {@code m}: operator, file and line, then the change as OLD → NEW. */
    static String key(Mutant m) {
        StringBuilder removed = new StringBuilder();
        StringBuilder added = new StringBuilder();
        for (String line : m.diff().split("\n")) {
            if (line.startsWith("-") && !line.startsWith("---")) {
                removed.append(removed.isEmpty() ? "" : " ").append(line.substring(1).strip());
            } else if (line.startsWith("+") && !line.startsWith("+++")) {
                added.append(added.isEmpty() ? "" : " ").append(line.substring(1).strip());
            }
        }
        return m.operator() + " " + m.file() + ":" + m.line() + SEPARATOR + removed + " → " + added;
    }
}
