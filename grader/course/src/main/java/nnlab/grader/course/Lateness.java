package nnlab.grader.course;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.RunData;

/**
 * How late one submission was and what it costs.
 *
 * @param submittedAt    when it was submitted
 * @param lateDays       late days used: ⌈lateness / 24 h⌉, 0 when on time
 * @param freeDays       late days the student could still use without penalty
 * @param charged        late days taken from the free ones (what a ledger records)
 * @param penalizedDays  late days beyond the free ones
 * @param penaltyPercent the share of the total points taken off, 0–100
 */
public record Lateness(Instant submittedAt, long lateDays, int freeDays, long charged, long penalizedDays,
                       double penaltyPercent) {

    /** The grader's score line, with what a previous application of a penalty added to it. */
    private static final Pattern SCORE_LINE =
            Pattern.compile("(?m)^Score: [0-9.]+ / ([0-9.]+)(?: \\([0-9.]+ before the late penalty\\))?$");

    private static final double FULL = 100;

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

    /**
     * Returns a Gradescope results document with this lateness applied: the top-level score becomes the raw score
     * less the penalty (never below 0), the late figures are recorded, and the output starts with a line saying what
     * happened. Applying twice uses the raw score recorded the first time, so it is idempotent.
     */
    public ResultsDocument applyTo(ResultsDocument results, LatePolicy policy, double totalPoints) {
        RunData.Late previous = results.extraData().late();
        double raw = previous != null ? previous.rawScore() : results.score();
        double penalty = ResultsDocument.round(Math.min(raw, totalPoints * penaltyPercent / FULL));
        double score = ResultsDocument.round(Math.max(0, raw - penalty));
        String line = describe(policy.zone(), penalty) + "\n";
        String output = results.output();
        String previousLine = previous != null && previous.line() != null ? previous.line() : "";
        if (!previousLine.isEmpty() && output.startsWith(previousLine)) {
            output = output.substring(previousLine.length());
        }
        RunData.Late late = new RunData.Late(submittedAt.toString(), policy.due().toString(), policy.zone().getId(),
                lateDays, freeDays, charged, penalizedDays, penaltyPercent, penalty, raw, policy.describeAfter(), line);
        return results.withExtraData(results.extraData().withLate(late)).withScore(score)
                .withOutput(line + finalScoreLine(output, score, raw, penalty));
    }

    /**
     * Rewrites the grader's "Score: RAW / MAX" line so that the output states the score after the penalty: a late
     * zero must not read as full marks.
     */
    private static String finalScoreLine(String output, double score, double raw, double penalty) {
        Matcher m = SCORE_LINE.matcher(output);
        if (!m.find()) {
            return output;
        }
        String shown = penalty > 0
                ? String.format(Locale.ROOT, "Score: %.2f / %s (%.2f before the late penalty)", score, m.group(1), raw)
                : String.format(Locale.ROOT, "Score: %.2f / %s", score, m.group(1));
        return output.substring(0, m.start()) + shown + output.substring(m.end());
    }

    /** Returns one sentence for the student: when it was submitted, the late days used and any penalty. */
    public String describe(ZoneId zone, double penaltyPoints) {
        String when = "Submitted " + SHOWN.format(submittedAt.atZone(zone));
        if (lateDays == 0) {
            return when + ": on time.";
        }
        String used = when + ": " + lateDays + " late day" + (lateDays == 1 ? "" : "s") + " used, " + freeDays
                + " could be used without penalty";
        if (penalizedDays == 0) {
            return used + "; no penalty.";
        }
        return used + String.format(Locale.ROOT, "; late penalty %.2f points (%.0f%% of the total)%s.", penaltyPoints,
                penaltyPercent, penaltyPercent >= FULL ? ": the score is 0" : "");
    }
}
