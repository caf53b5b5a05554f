package nnlab.grader.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boundary between two tests, in a child JVM whose working and temporary folders are a fresh folder of the
 * test's own: the boundary deletes what appeared there, which in this JVM would be other people's files.
 */
class TestBoundaryTests {

    private static final long EXIT_SECONDS = 30;

    /** The child: leaves state behind as student code would, crosses the boundary, prints what it found. */
    static final class Child {
        public static void main(String[] args) throws Exception {
            Files.writeString(Path.of("kept.txt"), "the runtime's own, there before the boundary was taken");
            TestBoundary boundary = new TestBoundary();
            Files.writeString(Path.of("left.txt"), "student");
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "nested", "deeper"));
            System.setProperty("student.key", "value");
            Locale.setDefault(Locale.JAPAN);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            boolean stubborn = args.length > 0;
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(TimeUnit.MINUTES.toMillis(1));
                    } catch (InterruptedException e) {
                        if (!stubborn) {
                            return;
                        }
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            boolean clean = boundary.getAsBoolean();
            System.out.println(Json.write(Map.of("clean", clean, "property", String.valueOf(
                    System.getProperty("student.key")), "locale", Locale.getDefault().toLanguageTag(), "zone",
                    TimeZone.getDefault().getID(), "thread", t.isAlive())));
        }
    }

    private static Map<?, ?> cross(Path folder, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + folder, "-Duser.language=en", "-Duser.country=GB", "-Duser.timezone=UTC",
                "-cp", System.getProperty("java.class.path"), Child.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(folder.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return (Map<?, ?>) Json.read(out.strip());
    }

    @Test
    void returnsTheJvmToItsStateBeforeTheTest(@TempDir Path folder) throws Exception {
        Map<?, ?> found = cross(folder);
        assertEquals(Map.of("clean", true, "property", "null", "locale", "en-GB", "zone", "UTC", "thread", false),
                found);
        try (var left = Files.list(folder)) {
            assertEquals(List.of(folder.resolve("kept.txt")), left.toList(),
                    "what the student wrote is gone, what was there before stays");
        }
    }

    @Test
    void aThreadThatOutlivesItsInterruptLeavesTheJvmUnclean(@TempDir Path folder) throws Exception {
        Map<?, ?> found = cross(folder, "stubborn");
        assertEquals(false, found.get("clean"), found::toString);
        assertEquals(true, found.get("thread"));
    }
}
