package nnlab.grader.course;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

import nnlab.grader.AssignmentSpec;

/**
 * An assignment's late-day policy: the due instant, the time zone deadlines are announced in, the late days allowed
 * without penalty, and what happens after them — a score of zero, or a loss of {@code percentPerDay} percent of the
 * total points for each further late day. A late day is each started period of 24 hours after the due instant.
 */
public record LatePolicy(Instant due, ZoneId zone, int allowed, After after, double percentPerDay) {

    /** What happens after the allowed late days. */
    public enum After { ZERO, PENALTY_PER_DAY }

    private static final Duration DAY = Duration.ofHours(24);
    private static final double PERCENT = 100;

    /** Checks the policy is usable. */
    public LatePolicy {
        if (allowed < 0) {
            throw new IllegalArgumentException("allowed late days must be ≥ 0, got " + allowed);
        }
        if (after == After.PENALTY_PER_DAY && !(percentPerDay > 0 && percentPerDay <= PERCENT)) {
            throw new IllegalArgumentException("percentPerDay must be in (0, 100], got " + percentPerDay);
        }
    }

    /** Reads the policy from an assignment descriptor; fails when it has no due date or no lateDays. */
    public static LatePolicy of(AssignmentSpec spec) {
        if (spec.due() == null || spec.lateDays() == null || spec.lateDays().afterAllowed() == null) {
            throw new IllegalArgumentException("assignment " + spec.id() + " has no due date or lateDays in assignment.json:"
                    + " add them to grade lateness");
        }
        AssignmentSpec.AfterAllowed a = spec.lateDays().afterAllowed();
        After after = switch (a.policy()) {
            case "zero" -> After.ZERO;
            case "penaltyPerDay" -> After.PENALTY_PER_DAY;
            default -> throw new IllegalArgumentException("unknown lateDays.afterAllowed.policy '" + a.policy()
                    + "': use zero or penaltyPerDay");
        };
        ZoneId zone = spec.timeZone() == null ? java.time.ZoneOffset.UTC : ZoneId.of(spec.timeZone());
        return new LatePolicy(OffsetDateTime.parse(spec.due()).toInstant(), zone, spec.lateDays().allowed(), after,
                a.percentPerDay() == null ? 0 : a.percentPerDay());
    }

    /**
     * Returns this policy with the due instant {@code newDue}, e.g. a student's extension; the late days allowed after
     * it and the rule beyond them are unchanged.
     */
    public LatePolicy withDue(Instant newDue) {
        return new LatePolicy(newDue, zone, allowed, after, percentPerDay);
    }

    /** Returns the late days a submission at {@code submitted} uses: 0 when on time, else ⌈lateness / 24 h⌉. */
    public long lateDays(Instant submitted) {
        Duration late = Duration.between(due, submitted);
        if (late.isNegative() || late.isZero()) {
            return 0;
        }
        long whole = late.dividedBy(DAY);
        return late.equals(DAY.multipliedBy(whole)) ? whole : whole + 1;
    }

    /**
     * Assesses a submission made at {@code submitted} when the student may still use {@code freeDays} late days
     * without penalty (the policy's {@code allowed}, or fewer when a course-wide budget is nearly spent).
     */
    public Lateness assess(Instant submitted, int freeDays) {
        long days = lateDays(submitted);
        long penalized = Math.max(0, days - freeDays);
        double percent = penalized == 0 ? 0 : after == After.ZERO ? PERCENT : Math.min(PERCENT, penalized * percentPerDay);
        return new Lateness(submitted, days, freeDays, Math.min(days, freeDays), penalized, percent);
    }

    /** Describes the rule after the allowed days, for reports. */
    public String describeAfter() {
        return after == After.ZERO ? "zero" : percentPerDay + "% of the total per further day";
    }
}
