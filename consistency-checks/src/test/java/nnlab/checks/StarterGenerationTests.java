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
 * starter-code/ps1/ is generated: {@code course assign} renders the reference's markers, copies the handout and the
 * data, and takes the hand-written files (pom, README, public tests) from starter-code/ps1/ itself. The committed folder
 * must be exactly what the command writes, so a fix to the reference cannot miss the starter; and the samples, which are
 * made from the reference rather than committed, must still be made.
 */
@DisplayName("starter-code/ps1/ and the samples, generated from the reference")
class StarterGenerationTests {

    private static final String ASSIGNMENT = "ps1";
    private static final String REGENERATE = "grader/course/bin/course assign --assignment " + ASSIGNMENT
            + " --out starter-code/ps1";

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
            assertThat("starter-code/ps1/ is not what course assign generates from reference-solution/ and"
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
        void theCorrectSampleIsTheReferencesStudentFilesWithTheirTasksSolved() throws IOException {
            SortedMap<String, String> correct = Samples.correct(Repository.root(),
                    AuthoringSpec.read(Repository.root(), ASSIGNMENT));
            assertThat(correct.keySet(), not(empty()));
            List<String> problems = new ArrayList<>();
            for (var file : correct.entrySet()) {
                List<String> reference = Files.readAllLines(Repository.root().resolve("reference-solution")
                        .resolve(file.getKey())).stream().map(StarterGenerationTests::uncommented).toList();
                List<String> sample = file.getValue().lines().toList();
                if (sample.stream().anyMatch(l -> l.contains("//@") || l.contains("TODO")
                        || l.contains("Not implemented yet"))) {
                    problems.add(file.getKey() + " still holds a marker, a TODO or a \"Not implemented yet\"");
                } else if (!isSubsequence(sample, reference)) {
                    problems.add(file.getKey() + " has lines the reference file does not have, in that order");
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

    /** A reference line as a starter may receive it: starter text ("//> code") without its comment prefix. */
    private static String uncommented(String line) {
        String content = line.strip();
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        return content.startsWith("//> ") ? indent + content.substring("//> ".length()) : line;
    }

    private static boolean isSubsequence(List<String> part, List<String> whole) {
        int next = 0;
        for (String line : part) {
            while (next < whole.size() && !whole.get(next).equals(line)) {
                next++;
            }
            if (next == whole.size()) {
                return false;
            }
            next++;
        }
        return true;
    }
}
