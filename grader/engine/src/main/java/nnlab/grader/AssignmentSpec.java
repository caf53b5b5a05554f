package nnlab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The part of an assignment's {@code assignment.json} the engine reads: parts with their points, the due date, the
 * late-day policy and the sandbox limits. Unknown fields are ignored so the descriptor can grow.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignmentSpec(String id, String title, List<Part> parts, double totalPoints, String due, String timeZone,
                             Limits limits, LateDays lateDays) {

    /**
     * The late-day policy: {@code allowed} late days without penalty, then {@code afterAllowed}; null when the
     * descriptor has none.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LateDays(int allowed, AfterAllowed afterAllowed) {
    }

    /** What happens after the allowed late days: {@code policy} "zero" or "penaltyPerDay" with {@code percentPerDay}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record AfterAllowed(String policy, Double percentPerDay) {
    }

    /** A graded part: its sections' tests are numbered "section.k". */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String id, String title, double points, List<String> sections) {
    }

    /** Reads a descriptor. */
    public static AssignmentSpec read(InputStream json) {
        try {
            return new ObjectMapper().readValue(json, AssignmentSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable assignment.json", e);
        }
    }

    /** Returns the part whose sections contain the test number's section (the number's first two components). */
    public Part partOf(String testNumber) {
        String[] parts = testNumber.split("\\.");
        String section = parts.length >= 2 ? parts[0] + "." + parts[1] : testNumber;
        for (Part p : this.parts) {
            if (p.sections().contains(section)) {
                return p;
            }
        }
        return null;
    }
}
