package nnlab.grader.course;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A separate process that charges one late day to each of {@code COUNT} students on problem set {@code ID} in the
 * ledger {@code FILE}: {@code LedgerWriter FILE ID COUNT}. Several run at once in the ledger's tests.
 */
public final class LedgerWriter {

    static final Instant DUE = Instant.parse("2027-02-20T04:59:00Z");

    private LedgerWriter() {
    }

    /** Charges the students. */
    public static void main(String[] args) throws IOException {
        LateDayLedger ledger = new LateDayLedger(Path.of(args[0]), 5);
        LatePolicy policy = new LatePolicy(DUE, ZoneOffset.UTC, 2, LatePolicy.After.ZERO, 0);
        for (int i = 0; i < Integer.parseInt(args[2]); i++) {
            ledger.charge("student" + i, args[1], policy, DUE.plus(Duration.ofHours(3)));
        }
    }
}
