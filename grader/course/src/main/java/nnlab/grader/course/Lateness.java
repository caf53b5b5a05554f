package nnlab.grader.course;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
     * Applies this lateness to a Gradescope results document in place: the top-level score becomes the raw score less
     * the penalty (never below 0), {@code extra_data.late} records the figures, and the output starts with a line
     * saying what happened. Applying twice uses the raw score recorded the first time, so it is idempotent.
     */
    public void applyTo(ObjectNode results, LatePolicy policy, double totalPoints) {
        ObjectNode extra = ResultsDoc.extraData(results);
        JsonNode previous = extra.get("late");
        double raw = previous != null && previous.has("raw_score") ? previous.get("raw_score").asDouble()
                : results.path("score").asDouble();
        double penalty = ResultsDoc.round(Math.min(raw, totalPoints * penaltyPercent / 100));
        double score = ResultsDoc.round(Math.max(0, raw - penalty));
        ObjectNode late = extra.putObject("late");
        late.put("submitted_at", submittedAt.toString());
        late.put("due", policy.due().toString());
        late.put("time_zone", policy.zone().getId());
        late.put("late_days_used", lateDays);
        late.put("late_days_free", freeDays);
        late.put("late_days_charged", charged);
        late.put("late_days_penalized", penalizedDays);
        late.put("penalty_percent", penaltyPercent);
        late.put("penalty_points", penalty);
        late.put("raw_score", raw);
        late.put("after_allowed", policy.describeAfter());
        results.put("score", score);
        String line = describe(policy.zone(), penalty) + "\n";
        String output = results.path("output").asText("");
        String previousLine = previous != null ? previous.path("line").asText("") : "";
        if (!previousLine.isEmpty() && output.startsWith(previousLine)) {
            output = output.substring(previousLine.length());
        }
        late.put("line", line);
        results.put("output", line + finalScoreLine(output, score, raw, penalty));
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
