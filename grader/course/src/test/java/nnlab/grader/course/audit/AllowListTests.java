package nnlab.grader.course.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.run.Grader;

/**
 * The audit's allow-list of equivalent mutants: its lines are read as the file's comment says, a listed survivor is
 * reported as allow-listed and nothing else changes fate, and every entry in ps1's and ps2's lists still names a
 * mutant of the current reference (so a moved or changed reference line sends the author back to the mutant).
 */
class AllowListTests {

    private static final String DIFF = """
            --- a/src/main/java/nnlab/Sgd.java
            +++ b/src/main/java/nnlab/Sgd.java
            @@ -10,3 +10,3 @@
                     double g = gradient[i];
            -        if (momentum > 0) {
            +        if (momentum > (-1)) {
                         velocity[i] = momentum * velocity[i] - learningRate * g;
            """;
    private static final Mutant MUTANT = new Mutant("m7-constant", "constant", "Sgd.update", "§4.1", 4,
            "src/main/java/nnlab/Sgd.java", 11, DIFF, "");
    private static final String KEY = "constant src/main/java/nnlab/Sgd.java:11 | if (momentum > 0) {"
            + " → if (momentum > (-1)) {";

    @Nested
    class Reading {
        @Test
        void anEntryIsTheMutantsOperatorPlaceAndChangeThenWhy(@TempDir Path folder) throws IOException {
            Path file = folder.resolve(AllowList.FILE);
            Files.writeString(file, "# a comment\n\n" + KEY + " | momentum is never negative\n");
            AllowList list = AllowList.read(file);
            assertEquals(KEY, AllowList.key(MUTANT));
            assertEquals("momentum is never negative", list.reason(MUTANT));
            assertNull(list.reason(new Mutant("m8-constant", "constant", "Sgd.update", "§4.1", 4, MUTANT.file(), 12,
                    DIFF, "")), "another line is another mutant");
        }

        @Test
        void aMissingFileIsAnEmptyList(@TempDir Path folder) throws IOException {
            assertTrue(AllowList.read(folder.resolve(AllowList.FILE)).reasons().isEmpty());
        }

        @Test
        void anEntryWithoutAReasonIsRefusedWithItsLine(@TempDir Path folder) throws IOException {
            Path file = Files.writeString(folder.resolve(AllowList.FILE), "# comment\n" + KEY + "\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllowList.read(file));
            assertTrue(e.getMessage().contains(AllowList.FILE + ":2") && e.getMessage().contains("WHY"),
                    e.getMessage());
        }
    }

    @Nested
    class Fates {
        private final AllowList list = new AllowList(java.util.Map.of(KEY, "momentum is never negative"));

        @Test
        void aListedSurvivorIsAllowListedWithItsReasonAndCountedApart() {
            AuditReport.Fate survivor = new AuditReport.Fate(MUTANT, AuditReport.SURVIVED, 100.0, null, List.of(),
                    null);
            AuditReport.Fate listed = AuditReport.allowListed(survivor, list);
            assertEquals(AuditReport.ALLOW_LISTED, listed.status());
            assertEquals("momentum is never negative", listed.whyEquivalent());
            AuditReport.Counts counts = AuditReport.Counts.ZERO.plus(listed);
            assertEquals(List.of(1, 0, 0, 1), List.of(counts.made(), counts.survived(), counts.killed(),
                    counts.allowListed()));
        }

        @Test
        void aKilledMutantStaysKilledEvenWhenListed() {
            AuditReport.Fate killed = new AuditReport.Fate(MUTANT, AuditReport.KILLED, 90.0, null, null, null);
            assertEquals(killed, AuditReport.allowListed(killed, list));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ps1", "ps2"})
    void everyEntryNamesAMutantOfTheCurrentReference(String assignment) throws IOException {
        Path repository = RepositoryLayout.findRepository(Path.of(""));
        AllowList list = AllowList.read(repository.resolve("assignments").resolve(assignment).resolve(AllowList.FILE));
        assertFalse(list.reasons().isEmpty(), assignment + " has no allow-list");
        MutantGenerator generator = new MutantGenerator(repository, Grader.find(assignment).orElseThrow().spec());
        Set<String> made = new HashSet<>();
        for (Candidate c : generator.propose(MutationOperator.parse(null))) {
            String correct = generator.correct().get(c.file());
            String text = c.applyTo(correct);
            if (!text.equals(correct)) {
                made.add(AllowList.key(generator.mutant("m", c, c.file(), text)));
            }
        }
        Set<String> stale = new TreeSet<>(list.reasons().keySet());
        stale.removeAll(made);
        assertEquals(Set.of(), stale, () -> "these entries of assignments/" + assignment + "/" + AllowList.FILE
                + " match no mutant of the current reference: the reference moved or changed there; audit the"
                + " mutant again and write its entry as the audit's report names it");
    }
}
