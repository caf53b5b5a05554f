package nnlab.grader.course;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * RFC 4180 CSV through Apache Commons CSV, strictly: a quote may stand only around a whole field, and every row has as
 * many fields as the header. A UTF-8 byte-order mark is skipped and blank lines are ignored.
 */
final class Csv {

    /** What to do about any malformed file, said after the place and the fault. */
    static final String HOW_TO_FIX = "in RFC 4180 CSV a field that holds a comma, a quote or a line break is wrapped"
            + " in double quotes, and a quote inside it is written twice (\"\")";

    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private static final CSVFormat WRITE = CSVFormat.RFC4180;

    private Csv() {
    }

    /**
     * Reads a CSV with a header row into one map per record, keyed by the header's names (trimmed) in order.
     *
     * @throws IOException naming the file, the line and what to fix when the file is not well-formed CSV: a stray
     *         quote, an unclosed quote, or a row with more or fewer fields than the header
     */
    static List<Map<String, String>> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> header = null;
        CSVRecord previous = null;
        try (CSVParser parser = CSVParser.parse(text, READ)) {
            for (CSVRecord record : parser) {
                if (previous != null) {
                    requireQuotesAroundWholeFields(file, text, previous, record.getCharacterPosition());
                }
                previous = record;
                if (header == null) {
                    header = record.stream().map(String::trim).toList();
                    continue;
                }
                if (record.size() != header.size()) {
                    throw new IOException(file + ", line " + line(text, record) + ": " + record.size()
                            + " fields where the header has " + header.size() + " (" + String.join(", ", header)
                            + "): give every row one field per column; " + HOW_TO_FIX);
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), record.get(i));
                }
                rows.add(row);
            }
        } catch (UncheckedIOException e) {
            // Commons CSV reports a quote followed by more text, or one never closed, with the line in its message.
            throw new IOException(file + ": " + e.getCause().getMessage() + "; " + HOW_TO_FIX, e.getCause());
        }
        if (previous != null) {
            requireQuotesAroundWholeFields(file, text, previous, text.length());
        }
        return rows;
    }

    /**
     * Rejects a quote inside an unquoted field ({@code ab"c}), which Commons CSV reads as a plain character: such a
     * field's value occurs in the record's text only unquoted, never in its quoted, doubled-quote form.
     */
    private static void requireQuotesAroundWholeFields(Path file, String text, CSVRecord record, long end)
            throws IOException {
        String raw = text.substring((int) record.getCharacterPosition(), (int) end);
        for (String value : record) {
            if (value.contains("\"") && !raw.contains('"' + value.replace("\"", "\"\"") + '"')) {
                throw new IOException(file + ", line " + line(text, record) + ": a stray quote in the field " + value
                        + "; " + HOW_TO_FIX);
            }
        }
    }

    /** Returns the 1-based line on which {@code record} starts. */
    private static long line(String text, CSVRecord record) {
        long line = 1;
        for (int i = 0; i < record.getCharacterPosition(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                line++;
            }
        }
        return line;
    }

    /**
     * Formats records as CSV text with CRLF line ends, quoting a field that holds a comma, quote or line break, starts
     * with a space or one of {@code !"#} or a control character, or ends with a space or control character, and an
     * empty first field (Commons CSV's minimal quoting).
     */
    static String format(List<List<String>> records) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(sb, WRITE)) {
            for (List<String> record : records) {
                printer.printRecord(record.stream().map(field -> field == null ? "" : field));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory cannot fail", e);
        }
        return sb.toString();
    }
}
