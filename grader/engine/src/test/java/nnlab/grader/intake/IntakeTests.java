package nnlab.grader.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a submission into sources, on real folders and zips. */
class IntakeTests {

    private static final String PERCEPTRON = "package nnlab;\npublic class Perceptron {}\n";

    @TempDir
    Path tmp;

    private Path folder(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    private static void write(Path root, String path, String text) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), text);
    }

    private Intake.Result read(Path submission) throws IOException {
        return Intake.read(submission, Files.createDirectories(tmp.resolve("work")));
    }

    private Path zip(String name, Map<String, String> entries) throws IOException {
        Path zip = tmp.resolve(name);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        return zip;
    }

    @Nested
    class AProjectFolder {
        @Test
        void takesTheMainSourcesByTheirPathUnderTheSourceRoot() throws IOException {
            Path p = folder("project");
            write(p, "src/main/java/nnlab/Perceptron.java", PERCEPTRON);
            write(p, "src/test/java/nnlab/PerceptronTest.java", "package nnlab; class PerceptronTest {}");
            write(p, "target/generated/nnlab/Old.java", "package nnlab; class Old {}");
            write(p, "notes/Scratch.java", "package nnlab; class Scratch {}");
            Intake.Result r = read(p);
            assertNull(r.refusal());
            assertEquals(Map.of("nnlab/Perceptron.java", PERCEPTRON), r.sources());
        }

        @Test
        void symbolicLinksAreSkippedWithANoteAndNeverRead() throws IOException {
            Path p = folder("linked");
            write(p, "src/main/java/nnlab/Perceptron.java", PERCEPTRON);
            Files.createSymbolicLink(p.resolve("src/main/java/nnlab/Secret.java"), Path.of("/etc/passwd"));
            Intake.Result r = read(p);
            assertEquals(List.of("nnlab/Perceptron.java"), List.copyOf(r.sources().keySet()));
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("Secret.java") && n.contains("symbolic link")),
                    r.notes()::toString);
        }
    }

    @Nested
    class LooseFiles {
        @Test
        void areKeyedByTheirPackage() throws IOException {
            Path p = folder("loose");
            write(p, "Perceptron.java", PERCEPTRON);
            write(p, "Helper.java", "class Helper {}");
            assertEquals(Map.of("nnlab/Perceptron.java", PERCEPTRON, "Helper.java", "class Helper {}"),
                    read(p).sources());
        }

        @Test
        void textThatIsNotUtf8IsReadAsLatin1WithANote() throws IOException {
            Path p = folder("latin1");
            Files.write(p.resolve("Dense.java"), "package nnlab; // caf\u00e9\nclass Dense {}"
                    .getBytes(StandardCharsets.ISO_8859_1));
            Intake.Result r = read(p);
            assertTrue(r.sources().get("nnlab/Dense.java").contains("caf\u00e9"));
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("Latin-1")), r.notes()::toString);
        }

        @Test
        void aByteOrderMarkIsDropped() throws IOException {
            Path p = folder("bom");
            write(p, "Perceptron.java", "\uFEFF" + PERCEPTRON);
            assertEquals(PERCEPTRON, read(p).sources().get("nnlab/Perceptron.java"));
        }
    }

    @Nested
    class AZip {
        @Test
        void isUnpackedAndReadLikeAFolder() throws IOException {
            Path zip = zip("ok.zip", Map.of("ps1/src/main/java/nnlab/Perceptron.java", PERCEPTRON));
            assertEquals(Map.of("nnlab/Perceptron.java", PERCEPTRON), read(zip).sources());
        }

        @Test
        void withAnEntryOutsideItsFolderIsRefusedAndWritesNothingThere() throws IOException {
            Path zip = zip("slip.zip", Map.of("src/main/java/nnlab/Perceptron.java", PERCEPTRON, "../../evil.txt", "x"));
            Intake.Result r = read(zip);
            assertTrue(r.refusal().contains("points outside its own folder"), r.refusal());
            assertTrue(r.sources().isEmpty());
            assertTrue(Files.notExists(tmp.resolve("evil.txt")) && Files.notExists(tmp.getParent().resolve("evil.txt")));
        }
    }

    @Nested
    class Refusals {
        @Test
        void aFileThatIsNoZipSaysWhatToSubmit() throws IOException {
            Path file = Files.writeString(tmp.resolve("Perceptron.java"), PERCEPTRON);
            assertTrue(read(file).refusal().contains("submit a zip of your project folder"));
        }

        @Test
        void aMissingSubmissionOrOneWithoutSourcesIsRefused() throws IOException {
            assertTrue(read(tmp.resolve("nothing")).refusal().contains("does not exist"));
            Path empty = folder("empty");
            write(empty, "README.md", "no code");
            assertEquals("no .java files found in the submission", read(empty).refusal());
        }
    }
}
