package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("slow")
class LateDayLedgerTests {

    private static final Instant DUE = LedgerWriter.DUE;
    private static final LatePolicy POLICY = new LatePolicy(DUE, ZoneOffset.UTC, 2, LatePolicy.After.ZERO, 0);

    private static Instant daysLate(int days) {
        return DUE.plus(Duration.ofDays(days)).minusSeconds(60);
    }

    @Nested
    class ACourseWideBudget {
        @Test
        void limitsTheFreeDaysOfLaterProblemSets(@TempDir Path dir) throws IOException {
            LateDayLedger ledger = new LateDayLedger(dir.resolve("ledger.json"), 3);
            Lateness ps1 = ledger.charge("ada", "ps1", POLICY, daysLate(2));
            assertEquals(0, ps1.penalizedDays());
            Lateness ps2 = ledger.charge("ada", "ps2", POLICY, daysLate(2));
            assertEquals(1, ps2.freeDays(), "3 in the budget, 2 spent on ps1");
            assertEquals(1, ps2.penalizedDays());
            assertEquals(100, ps2.penaltyPercent());
            assertEquals(3, ledger.used("ada"));
        }

        @Test
        void regradingAProblemSetReplacesItsEntryInsteadOfChargingAgain(@TempDir Path dir) throws IOException {
            LateDayLedger ledger = new LateDayLedger(dir.resolve("ledger.json"), 3);
            ledger.charge("ada", "ps1", POLICY, daysLate(2));
            ledger.charge("ada", "ps1", POLICY, daysLate(2));
            assertEquals(2, ledger.used("ada"));
            assertEquals(0, ledger.charge("ada", "ps1", POLICY, daysLate(1)).penalizedDays());
            assertEquals(1, ledger.used("ada"));
        }

        @Test
        void aMissingLedgerWithoutABudgetSaysWhatToGive(@TempDir Path dir) {
            LateDayLedger ledger = new LateDayLedger(dir.resolve("none.json"), null);
            IOException e = assertThrows(IOException.class, () -> ledger.charge("ada", "ps1", POLICY, daysLate(1)));
            assertTrue(e.getMessage().contains("--late-day-budget"), e.getMessage());
        }
    }

    @Nested
    class ConcurrentGraders {
        @Test
        void processesUpdatingAtOnceLoseNoEntry(@TempDir Path dir) throws Exception {
            Path file = dir.resolve("ledger.json");
            int processes = 3;
            int students = 15;
            List<Process> running = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                running.add(new ProcessBuilder(Course.java(LedgerWriter.class, file.toString(), "ps" + p,
                        Integer.toString(students))).inheritIO().start());
            }
            for (Process p : running) {
                assertEquals(0, p.waitFor(), "ledger writer failed");
            }
            JsonNode ledger = ResultsDoc.read(file);
            assertEquals(students, ledger.get("students").size());
            for (JsonNode s : ledger.get("students")) {
                assertEquals(processes, s.size(), () -> "an update was lost: " + s);
                s.forEach(days -> assertEquals(1, days.asInt()));
            }
        }
    }
}
