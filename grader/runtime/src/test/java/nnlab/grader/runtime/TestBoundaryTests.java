package nnlab.grader.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
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
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Path perfFolder = tmp.resolve("hsperfdata_" + System.getProperty("user.name"));
            Path ownPerfFile = perfFolder.resolve(String.valueOf(ProcessHandle.current().pid()));
            Files.createDirectories(tmp.resolve("runtime"));
            Files.writeString(tmp.resolve("runtime/runtime.jar"), "the runtime's own folder");
            boolean jvmKeepsPerfData = List.of(args).contains("perf-data");
            if (jvmKeepsPerfData) {
                // Where HotSpot would have put this JVM's performance file at start-up, before the boundary.
                Files.createDirectories(perfFolder);
                Files.writeString(ownPerfFile, "the JVM's own");
            }
            TestBoundary boundary = new TestBoundary();
            Files.writeString(Path.of("left.txt"), "student");
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "nested", "deeper"));
            // Names a rule by prefix would spare: a counter that would carry from test to test.
            Files.writeString(tmp.resolve("hsperfdata_x"), "1");
            Files.createDirectories(tmp.resolve("hsperfdata_student"));
            Files.writeString(tmp.resolve("hsperfdata_student/counter"), "1");
            Files.createDirectories(perfFolder);
            Files.writeString(perfFolder.resolve("counter"), "1");
            Files.writeString(perfFolder.resolve("1"), "another pid's name");
            if (!jvmKeepsPerfData) {
                Files.writeString(ownPerfFile, "the JVM's own name, but the JVM made no such file");
            }
            // Inside a folder that was there before: the folder stays, what the student put in it goes.
            Files.writeString(tmp.resolve("runtime/counter"), "1");
            Files.createSymbolicLink(tmp.resolve("link"), Path.of("kept.txt"));
            System.setProperty("student.key", "value");
            Locale.setDefault(Locale.JAPAN);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            boolean stubborn = List.of(args).contains("stubborn");
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
        assertEquals(Set.of(folder, folder.resolve("kept.txt"), folder.resolve("runtime"),
                folder.resolve("runtime/runtime.jar")), tree(folder),
                "what the student wrote is gone, what was there before stays");
    }

    /** Reset means every file: no name is spared, not even the JVM's performance files' names. */
    @Nested
    class EveryFileItWrote {

        @Test
        void goesWhenTheJvmKeepsNoPerformanceDataLikeTheSandboxedOne(@TempDir Path folder) throws Exception {
            assertEquals(true, cross(folder).get("clean"));
            assertEquals(Set.of(folder, folder.resolve("kept.txt"), folder.resolve("runtime"),
                    folder.resolve("runtime/runtime.jar")), tree(folder),
                    "hsperfdata_x, hsperfdata_student/, hsperfdata_<user>/ with the counter, another pid and even this"
                            + " JVM's own pid (which the JVM never made), the file in the runtime's folder, the link:"
                            + " all gone");
        }

        @Test
        void goesButTheJvmsOwnPerformanceFileStays(@TempDir Path folder) throws Exception {
            Map<?, ?> found = cross(folder, "perf-data");
            assertEquals(true, found.get("clean"), found::toString);
            Path perfFolder = folder.resolve("hsperfdata_" + System.getProperty("user.name"));
            Set<Path> left = tree(folder);
            assertEquals(6, left.size(), left::toString);
            assertTrue(left.containsAll(Set.of(folder, folder.resolve("kept.txt"), folder.resolve("runtime"),
                    folder.resolve("runtime/runtime.jar"), perfFolder)), left::toString);
            assertTrue(left.stream().anyMatch(p -> perfFolder.equals(p.getParent()) && !p.endsWith("counter")
                    && !p.endsWith("1")), "the JVM's own file, by its pid, stays; the counter beside it goes: " + left);
        }
    }

    private static Set<Path> tree(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            return walk.collect(Collectors.toSet());
        }
    }

    @Test
    void aThreadThatOutlivesItsInterruptLeavesTheJvmUnclean(@TempDir Path folder) throws Exception {
        Map<?, ?> found = cross(folder, "stubborn");
        assertEquals(false, found.get("clean"), found::toString);
        assertEquals(true, found.get("thread"));
    }
}
