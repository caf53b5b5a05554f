package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.authoring.AuthoringSpec;
import nnlab.grader.authoring.Samples;
import nnlab.grader.authoring.StarterProject;

/**
 * starter-code/ is generated: {@code course assign} renders the reference's markers, copies the handout and the data,
 * and takes the hand-written files (pom, README, public tests) from starter-code/ itself. The committed folder must be
 * exactly what the command writes, so a fix to the reference cannot miss the starter; and the samples, which are
 * made from the reference rather than committed, must still be made.
 */
@DisplayName("starter-code/ and the samples, generated from the reference")
class StarterGenerationTests {

    private static final String ASSIGNMENT = "ps1";
    private static final String REGENERATE = "grader/course/bin/course assign --assignment " + ASSIGNMENT
            + " --out starter-code";

    private static StarterProject generate() throws IOException {
        return StarterProject.generate(Repository.root(), AuthoringSpec.read(Repository.root(), ASSIGNMENT));
    }

    @Nested
    @DisplayName("course assign")
    class Assign {

        @Test
        void theCommittedStarterIsWhatTheCommandGeneratesByteForByte() throws IOException {
            StarterProject starter = generate();
            Path fresh = Repository.scratch("generated-starter");
            starter.write(fresh);
            assertThat("the starter written to " + fresh + " differs from the one generated in memory",
                    starter.differences(fresh), empty());
            List<String> problems = starter.differences(Repository.starter());
            assertThat("starter-code/ is not what course assign generates from reference-solution/ and"
                    + " assignments/" + ASSIGNMENT + ":\n  " + String.join("\n  ", problems) + "\nEdit the reference"
                    + " (its markers) or the hand-written starter files, never a generated file; then regenerate with\n  "
                    + REGENERATE + "\n", problems, empty());
        }

        @Test
        void everyStudentMethodOfTheAssignmentIsATaskInTheStarter() throws IOException {
            List<String> tasks = generate().tasks().stream().map(t -> t.method()).sorted().toList();
            List<String> listed = AuthoringSpec.read(Repository.root(), ASSIGNMENT).api().studentMethods().stream()
                    .sorted().toList();
            assertThat(tasks, equalTo(listed));
        }

        @Test
        void theStarterShipsNoBackendAndNoMarker() throws IOException {
            List<String> problems = new ArrayList<>();
            for (var file : generate().files().entrySet()) {
                String text = new String(file.getValue(), java.nio.charset.StandardCharsets.UTF_8);
                if (file.getKey().contains("/backend/") || text.contains("nnlab.backend")) {
                    problems.add(file.getKey() + " brings the reference's backend");
                }
                if (file.getKey().endsWith(".java") && text.lines().anyMatch(l -> l.strip().startsWith("//@")
                        || l.strip().startsWith("//>"))) {
                    problems.add(file.getKey() + " still holds a marker line");
                }
            }
            assertThat(problems, empty());
        }
    }

    @Nested
    @DisplayName("Samples")
    class SamplesFromTheReference {

        @Test
        void theCorrectSampleIsTheReferencesStudentFilesWithoutMarkers() throws IOException {
            SortedMap<String, String> correct = Samples.correct(Repository.root(),
                    AuthoringSpec.read(Repository.root(), ASSIGNMENT));
            assertThat(correct.keySet(), not(empty()));
            List<String> problems = new ArrayList<>();
            for (var file : correct.entrySet()) {
                List<String> expected = referenceCode(Files.readAllLines(Repository.root().resolve("reference-solution")
                        .resolve(file.getKey())));
                if (!file.getValue().lines().toList().equals(expected)) {
                    problems.add(file.getKey() + " is not the reference's file without its marker blocks' starter text");
                }
            }
            assertThat(problems, empty());
        }

        @Test
        void everySamplePatchStillAppliesAndChangesSomething() throws IOException {
            Path root = Repository.root();
            SortedMap<String, String> correct = Samples.correct(root, AuthoringSpec.read(root, ASSIGNMENT));
            List<String> names = Samples.names(root, ASSIGNMENT);
            assertThat(names.size() > 1, equalTo(true));
            for (String name : names.subList(1, names.size())) {
                Path out = Samples.write(root, ASSIGNMENT, name, Repository.scratch("sample-" + name));
                boolean changed = false;
                for (var file : correct.entrySet()) {
                    changed |= !Files.readString(out.resolve(file.getKey())).equals(file.getValue());
                }
                assertThat("sample " + name + " is the correct sample: its patch changes nothing", changed,
                        equalTo(true));
            }
        }
    }

    /**
     * The ps1 solution of a reference file: a later problem set's {@code //@since} blocks give way to their
     * {@code //@else} text (a {@code //> } line becomes its text), and every other line is kept if it is code.
     */
    private static List<String> referenceCode(List<String> lines) {
        List<String> code = new ArrayList<>();
        int depth = 0;
        boolean inElse = false;
        for (String line : lines) {
            String s = line.strip();
            if (depth == 0 && s.startsWith("//@since ") && !s.equals("//@since " + ASSIGNMENT)) {
                depth = 1;
                inElse = false;
            } else if (depth > 0) {
                if (s.startsWith("//@end")) {
                    depth--;
                } else if (depth == 1 && s.equals("//@else")) {
                    inElse = true;
                } else if (s.startsWith("//@") && !s.equals("//@solution") && !s.equals("//@starter")
                        && !s.equals("//@else") && !s.equals("//@reference")) {
                    depth++;
                } else if (depth == 1 && inElse && s.startsWith("//>")) {
                    code.add(line.substring(0, line.indexOf("//>")) + s.substring(3).replaceFirst("^ ", ""));
                }
            } else if (isReferenceCode(line)) {
                code.add(line);
            }
        }
        return code;
    }

    /**
     * Whether a line of a ps1 student file is the solution's code: not a marker, not starter text. Outside later
     * problem sets' blocks every block is a task or a ps1 solution/starter block, so the solution is the reference
     * minus those.
     */
    private static boolean isReferenceCode(String line) {
        String s = line.strip();
        return !s.startsWith("//@") && !s.startsWith("//>") && !s.startsWith("// TODO") && !s.startsWith("//  ");
    }
}
