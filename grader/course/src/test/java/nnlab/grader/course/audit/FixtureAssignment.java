package nnlab.grader.course.audit;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.authoring.Markers;
import nnlab.grader.protocol.ValueType;

/**
 * The audit's fixture assignment as two plug-ins with one reference ({@code auditfix.Magnitude}, §1.1 |x|):
 * {@link Full}, whose hidden test has every case, and {@link Weakened}, the same test with the negative inputs left
 * out. They are
 * not registered with {@link java.util.ServiceLoader} on the test classpath (the course's tests list the known
 * assignments as ps1 and ps2): {@link AuditFixture} registers them for the processes it starts.
 */
public abstract class FixtureAssignment implements Assignment {

    /** The reference's source, relative to the course module. */
    static final Path REFERENCE = Path.of("src/test/java/auditfix/Magnitude.java");
    /** The reference's file, relative to the source root. */
    static final String FILE = "auditfix/Magnitude.java";
    /** The id the reference's task marker names; each variant's copy names its own. */
    static final String MARKED_ID = "audit-fixture";

    private final String id;
    private final Class<?> grading;

    FixtureAssignment(String id, Class<?> grading) {
        this.id = id;
        this.grading = grading;
    }

    /** The fixture with its full hidden test. */
    public static final class Full extends FixtureAssignment {
        /** Creates the plug-in; {@link java.util.ServiceLoader} does this in the audit's grader processes. */
        public Full() {
            super("audit-full", MagnitudeGrading.Full.class);
        }
    }

    /** The fixture whose hidden test misses the negative inputs: a mutant of the negative branch survives it. */
    public static final class Weakened extends FixtureAssignment {
        /** Creates the plug-in; {@link java.util.ServiceLoader} does this in the audit's grader processes. */
        public Weakened() {
            super("audit-weakened", MagnitudeGrading.Weakened.class);
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The descriptor, which is also the assignment.json of the fixture's repository (with its starter section). */
    String descriptor() {
        return """
                {
                  "id": "%1$s",
                  "title": "The audit's fixture: a magnitude",
                  "handout": "README.md",
                  "parts": [{"id": "part1", "title": "Magnitude", "points": 10, "sections": ["1.1"]}],
                  "totalPoints": 10,
                  "due": "2027-02-19T23:59:00-05:00",
                  "timeZone": "America/New_York",
                  "lateDays": {"allowed": 0, "afterAllowed": {"policy": "zero"}},
                  "cases": {"version": "audit-fixture.1", "seed": 4242},
                  "limits": {"perCallSeconds": 5, "perSubmissionSeconds": 60, "heapMegabytes": 128,
                             "outputKilobytes": 64, "maxThreads": 32},
                  "api": {"package": "auditfix", "studentMethods": ["Magnitude.of"]},
                  "starter": {"folder": "starter/%1$s", "reference": "reference/%1$s", "sources": "src/main/java",
                              "handout": "README.md"}
                }
                """.formatted(id);
    }

    /** The reference's text with its task marked for this variant. */
    String reference(String marked) {
        return marked.replace("//@task " + MARKED_ID + " ", "//@task " + id + " ");
    }

    /** The starter's text of this variant, rendered from {@code marked} (the reference as committed). */
    String starter(String marked) {
        return new Markers(id, Set.of(), Markers.View.STARTER).render(FILE, reference(marked)).text().orElseThrow();
    }

    @Override
    public AssignmentSpec spec() {
        return AssignmentSpec.read(new ByteArrayInputStream(descriptor().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public List<Class<?>> testClasses() {
        return List.of(grading);
    }

    @Override
    public Map<String, String> starterSources() {
        return Map.of();
    }

    @Override
    public Map<String, byte[]> submissionResources() {
        return Map.of();
    }

    @Override
    public List<ValueType> valueTypes() {
        return List.of();
    }

    @Override
    public ClassLoader oracleLoader() {
        return auditfix.Magnitude.class.getClassLoader();
    }
}
