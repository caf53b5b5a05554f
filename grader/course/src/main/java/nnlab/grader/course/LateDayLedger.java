package nnlab.grader.course;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A course-wide late-day budget across problem sets, kept in a JSON file
 * {@code {"budget": 5, "students": {"s01": {"ps1": 2, "ps2": 1}}}} that every grader process reads and updates
 * under an exclusive lock, writing atomically. A problem set's entry is replaced when it is graded again, so
 * regrading never charges twice.
 */
public final class LateDayLedger {

    /** One JVM may grade several submissions at once; file locks are per process, so threads queue here first. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path file;
    private final Integer budgetIfNew;

    /**
     * Opens the ledger at {@code file}; {@code budgetIfNew} is the course's late-day budget written when the file
     * does not exist yet (null: the file must exist).
     */
    public LateDayLedger(Path file, Integer budgetIfNew) {
        this.file = file.toAbsolutePath();
        this.budgetIfNew = budgetIfNew;
    }

    /**
     * Atomically works out how many late days {@code student} may still use on {@code assignment} without penalty —
     * {@code min(perSetAllowed, budget − days charged on other problem sets)} — assesses the submission with that and
     * records the days it charges. Returns the assessment.
     */
    public Lateness charge(String student, String assignment, LatePolicy policy, java.time.Instant submitted)
            throws IOException {
        IN_PROCESS.lock();
        try (FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            ObjectNode ledger = load();
            int budget = ledger.path("budget").asInt();
            ObjectNode students = ledger.has("students") && ledger.get("students") instanceof ObjectNode s ? s
                    : ledger.putObject("students");
            ObjectNode mine = students.get(student) instanceof ObjectNode m ? m : students.putObject(student);
            long elsewhere = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = mine.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals(assignment)) {
                    elsewhere += e.getValue().asLong();
                }
            }
            int free = (int) Math.max(0, Math.min(policy.allowed(), budget - elsewhere));
            Lateness lateness = policy.assess(submitted, free);
            mine.put(assignment, lateness.charged());
            ResultsDoc.write(file, ledger);
            return lateness;
        } finally {
            IN_PROCESS.unlock();
        }
    }

    /** Returns the late days charged to {@code student} on every problem set, from the file as it is now. */
    public long used(String student) throws IOException {
        long sum = 0;
        for (JsonNode days : load().path("students").path(student)) {
            sum += days.asLong();
        }
        return sum;
    }

    private ObjectNode load() throws IOException {
        if (Files.exists(file)) {
            ObjectNode ledger = ResultsDoc.read(file);
            if (!ledger.path("budget").canConvertToInt()) {
                throw new IOException(file + " has no integer \"budget\": add the course's late-day budget");
            }
            return ledger;
        }
        if (budgetIfNew == null) {
            throw new IOException("late-day ledger " + file + " does not exist: give --late-day-budget to create it");
        }
        ObjectNode ledger = ResultsDoc.JSON.createObjectNode();
        ledger.put("budget", budgetIfNew);
        ledger.putObject("students");
        return ledger;
    }

    private Path lockFile() throws IOException {
        Files.createDirectories(file.getParent());
        return file.resolveSibling(file.getFileName() + ".lock");
    }
}
