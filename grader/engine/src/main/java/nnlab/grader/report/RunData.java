package nnlab.grader.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The top-level {@code extra_data} of a results document: what Gradescope keeps without showing the student. The
 * engine writes everything up to {@code grader_error}; the course tooling adds {@code late} and {@code batch}.
 * Fields this model does not know are kept, after the known ones, so a newer writer's data survives a rewrite.
 *
 * @param seed                  the run's seed (it steers the probes; the scoring cases' seed is never recorded)
 * @param graderVersion         the grader's version
 * @param assignment            the assignment's id
 * @param jdk                   the grader's JVM
 * @param timingsMs             milliseconds per grading stage, and "total"
 * @param due                   the due date, when the assignment has one
 * @param afterDueDateShownFrom when after-due-date tests may show: the due date plus the allowed late days
 * @param parts                 the assignment's parts, in order
 * @param cases                 the version of the fixed scoring cases
 * @param isolation             the sandbox in force for the submission
 * @param compilation           what compiling the submission did
 * @param submissionJvmStarts   how many submission JVMs were started
 * @param load                  the machine's load while grading, the processor time used and any retry
 * @param refused               why the submission was refused, when it was
 * @param graderError           what went wrong in the grader, when it failed
 * @param late                  the late policy's figures, once applied
 * @param batch                 the batch grader's record of this submission
 * @param other                 fields this model does not know, by name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunData(
        Long seed,
        @JsonProperty("grader_version") String graderVersion,
        String assignment,
        String jdk,
        @JsonProperty("timings_ms") Map<String, Long> timingsMs,
        String due,
        @JsonProperty("after_due_date_shown_from") String afterDueDateShownFrom,
        List<Part> parts,
        Cases cases,
        Isolation isolation,
        Compilation compilation,
        @JsonProperty("submission_jvm_starts") Integer submissionJvmStarts,
        Load load,
        String refused,
        @JsonProperty("grader_error") String graderError,
        Late late,
        Batch batch,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {

    /** No extra data at all: how a document written without any reads. */
    public static final RunData NONE = new RunData(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    /** Copies the collections, so a document never changes once built. */
    public RunData {
        timingsMs = timingsMs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
        parts = parts == null ? null : List.copyOf(parts);
        other = other == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    /** Returns the data every run records: seed, versions, assignment and timings; nothing else yet. */
    public static RunData of(long seed, String graderVersion, String assignment, String jdk,
                             Map<String, Long> timingsMs) {
        return new RunData(seed, graderVersion, assignment, jdk, timingsMs, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** Returns this data with the grader's failure {@code error}. */
    public RunData withGraderError(String error) {
        return new RunData(seed, graderVersion, assignment, jdk, timingsMs, due, afterDueDateShownFrom, parts, cases,
                isolation, compilation, submissionJvmStarts, load, refused, error, late, batch, other);
    }

    /** Returns this data with the late policy's figures {@code figures}. */
    public RunData withLate(Late figures) {
        return new RunData(seed, graderVersion, assignment, jdk, timingsMs, due, afterDueDateShownFrom, parts, cases,
                isolation, compilation, submissionJvmStarts, load, refused, graderError, figures, batch, other);
    }

    /**
     * Returns when after-due-date tests may show to a student, as written: the moment recorded for it, else the due
     * date; "" when the results record neither.
     */
    @JsonIgnore
    public String afterDueDateRelease() {
        String shownFrom = afterDueDateShownFrom != null ? afterDueDateShownFrom : due;
        return shownFrom == null ? "" : shownFrom;
    }

    /** Returns the instant an RFC 3339 moment with offset names; null when it is null, empty or not one. */
    public static Instant instant(String moment) {
        if (moment == null || moment.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(moment).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Returns this data with the batch grader's record {@code record}. */
    public RunData withBatch(Batch record) {
        return new RunData(seed, graderVersion, assignment, jdk, timingsMs, due, afterDueDateShownFrom, parts, cases,
                isolation, compilation, submissionJvmStarts, load, refused, graderError, late, record, other);
    }

    /** Collects what the engine records while it grades; {@link #build()} makes the data. */
    public static final class Builder {
        private final Map<String, Long> timingsMs = new LinkedHashMap<>();
        private Long seed;
        private String graderVersion;
        private String assignment;
        private String jdk;
        private String due;
        private String afterDueDateShownFrom;
        private List<Part> parts;
        private Cases cases;
        private Isolation isolation;
        private Compilation compilation;
        private Integer submissionJvmStarts;
        private Load load;
        private String refused;
        private String graderError;

        /** Records who grades what: the run's seed, the grader's version and JVM, the assignment's id. */
        public Builder run(long seed, String graderVersion, String jdk, String assignment) {
            this.seed = seed;
            this.graderVersion = graderVersion;
            this.jdk = jdk;
            this.assignment = assignment;
            return this;
        }

        /** Records how long a stage took; stages keep the order first recorded. */
        public Builder timing(String stage, long millis) {
            timingsMs.put(stage, millis);
            return this;
        }

        /** Records the due date and when after-due-date tests may show (RFC 3339 with offset). */
        public Builder schedule(String dueDate, String shownFrom) {
            this.due = dueDate;
            this.afterDueDateShownFrom = shownFrom;
            return this;
        }

        /** Records the assignment's parts and the version of its scoring cases. */
        public Builder assignment(List<Part> assignmentParts, Cases casesVersion) {
            this.parts = assignmentParts;
            this.cases = casesVersion;
            return this;
        }

        /** Records the isolation in force. */
        public Builder isolation(Isolation inForce) {
            this.isolation = inForce;
            return this;
        }

        /** Records what compiling did. */
        public Builder compilation(Compilation result) {
            this.compilation = result;
            return this;
        }

        /** Records how many submission JVMs were started. */
        public Builder submissionJvmStarts(int starts) {
            this.submissionJvmStarts = starts;
            return this;
        }

        /** Records the machine's load while grading, the processor time used and any retry. */
        public Builder load(Load figures) {
            this.load = figures;
            return this;
        }

        /** Records why the submission was refused. */
        public Builder refused(String reason) {
            this.refused = reason;
            return this;
        }

        /** Records what went wrong in the grader. */
        public Builder graderError(String error) {
            this.graderError = error;
            return this;
        }

        /** Returns the data recorded so far. */
        public RunData build() {
            return new RunData(seed, graderVersion, assignment, jdk, timingsMs, due, afterDueDateShownFrom, parts,
                    cases, isolation, compilation, submissionJvmStarts, load, refused, graderError, null, null, null);
        }
    }

    /**
     * One part of the assignment.
     *
     * @param id       its id in assignment.json
     * @param title    its title
     * @param points   its points
     * @param sections the test sections ("1.2") that belong to it
     */
    public record Part(String id, String title, double points, List<String> sections) {
    }

    /**
     * The version of the fixed scoring cases every test used; the same version gives the same points in every run.
     *
     * @param version the assignment's cases version
     * @param digest  a digest of the version and the secret case seed, so two runs can be told apart without the seed
     */
    public record Cases(String version, String digest) {
    }

    /**
     * The isolation in force for the submission's JVMs.
     *
     * @param level    the strongest layer reached
     * @param layers   every layer used, outermost first
     * @param warnings why a stronger layer is missing
     */
    public record Isolation(String level, List<String> layers, List<String> warnings) {
    }

    /**
     * What compiling the submission did.
     *
     * @param errors              javac's errors, one per entry ("File.java:12: message")
     * @param replacedWithStarter files that did not compile and were replaced by the starter's
     * @param dropped             files that did not compile and have no starter version
     * @param failures            passes that failed as a whole (javac crashed or ran out of time)
     * @param compiled            whether anything could be compiled at all
     */
    public record Compilation(List<String> errors, @JsonProperty("replaced_with_starter") List<String> replacedWithStarter,
                              List<String> dropped, List<String> failures, boolean compiled) {
        /** Treats a missing list as empty. */
        public Compilation {
            errors = errors == null ? List.of() : List.copyOf(errors);
            replacedWithStarter = replacedWithStarter == null ? List.of() : List.copyOf(replacedWithStarter);
            dropped = dropped == null ? List.of() : List.copyOf(dropped);
            failures = failures == null ? List.of() : List.copyOf(failures);
        }
    }

    /**
     * The machine's load while the submission was graded, the processor time its code used (what the limits count)
     * and every call or compiler pass the load stopped, for the TA: a score from an overloaded machine can be told
     * from one from a quiet machine.
     *
     * @param processors       the processors the grader saw
     * @param loadAverageStart the 1-minute load average when the tests began
     * @param loadAverageMax   the largest 1-minute load average read while they ran
     * @param loadAverageEnd   the 1-minute load average when they ended
     * @param cpuPressureMax   the largest share (percent) of 10 s in which a runnable task waited for a processor
     *                         ({@code /proc/pressure/cpu}), where the kernel reports it
     * @param submissionCpuMs  processor time of the submission's code, all its calls and threads together
     * @param maxCallCpuMs     processor time of its most expensive call
     * @param maxCallWallMs    wall time of its longest call
     * @param compileCpuMs     processor time of the compiler passes
     * @param retries          tests or passes graded again because the machine was overloaded
     */
    public record Load(int processors, @JsonProperty("load_average_start") Double loadAverageStart,
                       @JsonProperty("load_average_max") Double loadAverageMax,
                       @JsonProperty("load_average_end") Double loadAverageEnd,
                       @JsonProperty("cpu_pressure_max") Double cpuPressureMax,
                       @JsonProperty("submission_cpu_ms") Long submissionCpuMs,
                       @JsonProperty("max_call_cpu_ms") Long maxCallCpuMs,
                       @JsonProperty("max_call_wall_ms") Long maxCallWallMs,
                       @JsonProperty("compile_cpu_ms") Long compileCpuMs,
                       List<Retry> retries) {
        /** Treats a missing list as empty. */
        public Load {
            retries = retries == null ? List.of() : List.copyOf(retries);
        }
    }

    /**
     * A test (or compiler pass) that the machine's load stopped.
     *
     * @param test      the test's number, or "compile"
     * @param reason    what the grader saw: wall and processor time, how often the code wanted a processor, the load
     * @param recovered whether the try in a fresh JVM finished; when not, the run records a grader error
     */
    public record Retry(String test, String reason, boolean recovered) {
    }

    /**
     * The late policy's figures for one submission.
     *
     * @param submittedAt       when it was submitted
     * @param due               the due date that applied
     * @param timeZone          the course's time zone
     * @param lateDaysUsed      late days used
     * @param lateDaysFree      late days that could be used without penalty
     * @param lateDaysCharged   late days taken from the free ones
     * @param lateDaysPenalized late days beyond the free ones
     * @param penaltyPercent    the share of the total points taken off
     * @param penaltyPoints     the points taken off
     * @param rawScore          the score before the penalty
     * @param afterAllowed      what happens after the allowed late days
     * @param line              the sentence the output starts with
     */
    public record Late(@JsonProperty("submitted_at") String submittedAt, String due,
                       @JsonProperty("time_zone") String timeZone, @JsonProperty("late_days_used") long lateDaysUsed,
                       @JsonProperty("late_days_free") int lateDaysFree,
                       @JsonProperty("late_days_charged") long lateDaysCharged,
                       @JsonProperty("late_days_penalized") long lateDaysPenalized,
                       @JsonProperty("penalty_percent") double penaltyPercent,
                       @JsonProperty("penalty_points") double penaltyPoints,
                       @JsonProperty("raw_score") double rawScore,
                       @JsonProperty("after_allowed") String afterAllowed, String line) {
        /** Returns whether the submission lost points. */
        public boolean penalized() {
            return penaltyPoints > 0;
        }
    }

    /**
     * The batch grader's record of one submission.
     *
     * @param submission    the submission's name
     * @param status        graded, not_gradable or grader_error
     * @param reason        why it was not graded, when it was not
     * @param exitCode      the grader's exit code, when it answered
     * @param graderDeaths  why grader processes died on this submission, when any did
     * @param graderSeconds how long grading took
     * @param student       the roster's student, as known at grading time
     * @param other         fields this model does not know, by name
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Batch(String submission, SubmissionStatus status, String reason, @JsonProperty("exit_code") Integer exitCode,
                        @JsonProperty("grader_deaths") List<String> graderDeaths,
                        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("grader_seconds") double graderSeconds,
                        Student student, @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> other) {
        /** Copies the lists and the unknown fields. */
        public Batch {
            status = status == null ? SubmissionStatus.GRADED : status;
            graderDeaths = graderDeaths == null ? List.of() : List.copyOf(graderDeaths);
            other = other == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(other));
        }
    }

    /**
     * A student as a roster knows them.
     *
     * @param name       the student's name
     * @param id         the course's id
     * @param sisUserId  the student information system's user id
     * @param sisLoginId the student information system's login
     * @param section    the section
     */
    public record Student(String name, String id, @JsonProperty("sis_user_id") String sisUserId,
                         @JsonProperty("sis_login_id") String sisLoginId, String section) {
    }
}
