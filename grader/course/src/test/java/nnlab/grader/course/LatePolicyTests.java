package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.report.ResultsDocument;

class LatePolicyTests {

    private static final double EXACT = 1e-9;
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant DUE = Instant.parse("2027-02-20T04:59:00Z");
    private static final LatePolicy ZERO = new LatePolicy(DUE, NEW_YORK, 2, LatePolicy.After.ZERO, 0);
    private static final LatePolicy TEN_PERCENT = new LatePolicy(DUE, NEW_YORK, 2, LatePolicy.After.PENALTY_PER_DAY, 10);

    private static ObjectNode results(double score) {
        ObjectNode r = ResultsDoc.JSON.createObjectNode();
        r.put("score", score);
        r.put("output", "Score: " + score + "\n");
        r.putObject("extra_data").put("seed", 1);
        r.putArray("tests").addObject().put("number", "1.1.1").put("score", score).put("max_score", 100.0);
        return r;
    }

    @Nested
    class LateDaysAreStartedPeriodsOf24Hours {
        @Test
        void onTimeAndExactlyAtTheDeadlineUseNone() {
            assertEquals(0, ZERO.lateDays(DUE.minusSeconds(3600)));
            assertEquals(0, ZERO.lateDays(DUE));
        }

        @Test
        void oneSecondLateUsesOneDay() {
            assertEquals(1, ZERO.lateDays(DUE.plusSeconds(1)));
        }

        @Test
        void exactly24HoursLateIsOneDayAndOneSecondMoreIsTwo() {
            assertEquals(1, ZERO.lateDays(DUE.plus(Duration.ofHours(24))));
            assertEquals(2, ZERO.lateDays(DUE.plus(Duration.ofHours(24)).plusSeconds(1)));
        }

        @Test
        void aDaylightSavingChangeDoesNotStretchADay() {
            Instant due = Instant.parse("2027-03-14T04:59:00Z");
            LatePolicy p = new LatePolicy(due, NEW_YORK, 2, LatePolicy.After.ZERO, 0);
            Instant localSameClockNextDay = SubmissionTimes.parse("2027-03-14 23:58", NEW_YORK);
            assertEquals(1, p.lateDays(localSameClockNextDay), "23 real hours across the spring change");
        }
    }

    @Nested
    class Penalties {
        @Test
        void withinTheAllowedDaysNothingIsTakenOff() {
            ObjectNode r = results(90);
            Lateness l = ZERO.assess(DUE.plus(Duration.ofHours(47)), 2);
            r = (ObjectNode) l.applyTo(ResultsDocument.of(r), ZERO, 100).toTree();
            assertEquals(90, r.get("score").asDouble(), EXACT);
            assertEquals(2, r.at("/extra_data/late/late_days_used").asLong());
            assertEquals(0, r.at("/extra_data/late/penalty_points").asDouble(), EXACT);
            assertTrue(r.get("output").asText().startsWith("Submitted 2027-02-"), r.get("output").asText());
        }

        @Test
        void zeroPolicyScoresZeroAfterTheAllowedDaysButKeepsTheRawScore() {
            ObjectNode r = results(90);
            r = (ObjectNode) ZERO.assess(DUE.plus(Duration.ofHours(49)), 2).applyTo(ResultsDocument.of(r), ZERO, 100).toTree();
            assertEquals(0, r.get("score").asDouble(), EXACT);
            assertEquals(90, r.at("/extra_data/late/raw_score").asDouble(), EXACT);
            assertEquals(1, r.at("/extra_data/late/late_days_penalized").asLong());
        }

        @Test
        void percentPerDayTakesAShareOfTheTotalPerFurtherDay() {
            ObjectNode r = results(90);
            r = (ObjectNode) TEN_PERCENT.assess(DUE.plus(Duration.ofHours(24 * 3 + 1)), 2).applyTo(ResultsDocument.of(r), TEN_PERCENT, 100).toTree();
            assertEquals(70, r.get("score").asDouble(), EXACT, "4 days late: 2 penalised days × 10 points");
        }

        @Test
        void thePenaltyNeverMakesTheScoreNegative() {
            ObjectNode r = results(15);
            r = (ObjectNode) TEN_PERCENT.assess(DUE.plus(Duration.ofDays(30)), 2).applyTo(ResultsDocument.of(r), TEN_PERCENT, 100).toTree();
            assertEquals(0, r.get("score").asDouble(), EXACT);
            assertEquals(15, r.at("/extra_data/late/penalty_points").asDouble(), EXACT);
        }

        @Test
        void applyingTwiceChangesNothingMore() {
            ObjectNode r = results(90);
            Lateness l = TEN_PERCENT.assess(DUE.plus(Duration.ofDays(3).plusSeconds(5)), 2);
            r = (ObjectNode) l.applyTo(ResultsDocument.of(r), TEN_PERCENT, 100).toTree();
            String once = r.toString();
            r = (ObjectNode) l.applyTo(ResultsDocument.of(r), TEN_PERCENT, 100).toTree();
            assertEquals(once, r.toString());
        }
    }

    @Nested
    class TheDescriptor {
        @Test
        void ps1AllowsTwoLateDaysThenZero() {
            LatePolicy p = LatePolicy.of(Course.ps1());
            assertEquals(2, p.allowed());
            assertEquals(LatePolicy.After.ZERO, p.after());
            assertEquals(DUE, p.due());
            assertEquals(NEW_YORK, p.zone());
        }

        @Test
        void anUnknownPolicyIsRefusedWithWhatToWrite() {
            nnlab.grader.AssignmentSpec s = Course.ps1();
            nnlab.grader.AssignmentSpec odd = new nnlab.grader.AssignmentSpec(s.id(), s.title(), s.parts(),
                    s.totalPoints(), s.due(), s.timeZone(), s.limits(), new nnlab.grader.AssignmentSpec.LateDays(2,
                    new nnlab.grader.AssignmentSpec.AfterAllowed("halve", null)), s.cases());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LatePolicy.of(odd));
            assertTrue(e.getMessage().contains("zero or penaltyPerDay"), e.getMessage());
        }
    }

    @Nested
    class SubmissionTimesComeFromThreePlaces {
        @Test
        void theCommandLineTakesOffsetsOrLocalTimesInTheCourseZone() {
            assertEquals(Instant.parse("2027-02-20T15:15:00Z"), SubmissionTimes.parse("2027-02-20T10:15:00-05:00", NEW_YORK));
            assertEquals(Instant.parse("2027-02-20T15:15:00Z"), SubmissionTimes.parse("2027-02-20 10:15", NEW_YORK));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SubmissionTimes.parse("yesterday", NEW_YORK));
            assertTrue(e.getMessage().contains("2027-02-20T10:15:00-05:00"), e.getMessage());
        }

        @Test
        void gradescopeMetadataGivesCreatedAt(@TempDir Path dir) throws IOException {
            Path meta = dir.resolve("submission_metadata.json");
            Files.writeString(meta, "{\"id\": 123, \"created_at\": \"2027-02-21T09:30:12.345678-05:00\","
                    + " \"users\": [{\"name\": \"Ada\", \"sid\": \"a1\"}]}");
            assertEquals(Instant.parse("2027-02-21T14:30:12.345678Z"), SubmissionTimes.fromGradescopeMetadata(meta, NEW_YORK));
            Files.writeString(meta, "{\"id\": 123}");
            IOException e = assertThrows(IOException.class, () -> SubmissionTimes.fromGradescopeMetadata(meta, NEW_YORK));
            assertTrue(e.getMessage().contains("created_at"), e.getMessage());
        }

        @Test
        void aTimestampsCsvMapsIdsToTimes(@TempDir Path dir) throws IOException {
            Path csv = dir.resolve("t.csv");
            Files.writeString(csv, "\uFEFFStudent_ID,Submitted_At\r\ns01,2027-02-19 23:00\r\n\"s,02\",2027-02-22T01:00:00Z\r\n");
            Map<String, Instant> times = SubmissionTimes.fromCsv(csv, NEW_YORK);
            assertEquals(Instant.parse("2027-02-20T04:00:00Z"), times.get("s01"));
            assertEquals(Instant.parse("2027-02-22T01:00:00Z"), times.get("s,02"));
        }
    }
}
