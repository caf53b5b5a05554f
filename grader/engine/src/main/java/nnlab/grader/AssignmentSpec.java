package nnlab.grader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The part of an assignment's {@code assignment.json} the engine reads: parts with their points, the due date, the
 * late-day policy, the sandbox limits and the version of the scoring cases. Unknown fields are ignored so the
 * descriptor can grow.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AssignmentSpec(String id, String title, List<Part> parts, double totalPoints, String due, String timeZone,
                             Limits limits, LateDays lateDays, Cases cases) {

    /**
     * The scoring cases of this assignment version: every test draws its cases from {@code seed} combined with its
     * number, so every run grades a submission on the same cases. The seed is as secret as the hidden tests: results
     * record {@code version} and {@link #digest()}, never the seed. Change both together, whenever the cases change.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cases(String version, long seed) {

        private static final int DIGEST_HEX_CHARS = 16;

        /** Returns a short SHA-256 digest of the version and the seed: a regrade on the same cases shows the same one. */
        public String digest() {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256")
                        .digest(("nnlab cases " + version + " " + seed).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash).substring(0, DIGEST_HEX_CHARS);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform provides SHA-256", e);
            }
        }
    }

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

    /** Reads a descriptor; one without {@code cases} is refused, since its scores would depend on the run. */
    public static AssignmentSpec read(InputStream json) {
        AssignmentSpec spec;
        try {
            spec = new ObjectMapper().readValue(json, AssignmentSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable assignment.json", e);
        }
        if (spec.cases() == null || spec.cases().version() == null || spec.cases().version().isBlank()) {
            throw new IllegalArgumentException("assignment.json of " + spec.id() + " has no cases: add \"cases\": "
                    + "{\"version\": \"...\", \"seed\": N} with a secret random N (see docs/architecture.md)");
        }
        return spec;
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
