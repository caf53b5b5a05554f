package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.Limits;

/** The command lines the sandbox builds for submission and compiler JVMs, layer by layer; nothing is run. */
class SandboxCommandTests {

    private static final Limits LIMITS = new Limits(10, 120, 512, 64, 128);
    private static final Path JAVA_HOME = Path.of(System.getProperty("java.home"));
    private static final Path CLASSES = Path.of("/work/classes");
    private static final Path SCRATCH = Path.of("/work/scratch");
    private static final Isolation ANY = new Isolation("test", List.of(), List.of());

    private static Sandbox layers(boolean timeout, boolean prlimit, boolean setpriv, boolean bwrap) {
        return Sandbox.withLayers(ANY, timeout, prlimit, setpriv, bwrap, JAVA_HOME);
    }

    private static List<String> submission(Sandbox sandbox) {
        return sandbox.command(RuntimeBundle.get(), CLASSES, SCRATCH, LIMITS, List.of("-Dextra=1"));
    }

    private static String java() {
        return JAVA_HOME.resolve("bin/java").toString();
    }

    @Nested
    class EveryLayer {
        private final List<String> cmd = submission(layers(true, true, true, true));

        @Test
        void wrapsJavaInTimeoutThenPrlimitThenSetprivThenBubblewrap() {
            int timeout = cmd.indexOf("timeout");
            int prlimit = cmd.indexOf("prlimit");
            int setpriv = cmd.indexOf("setpriv");
            int bwrap = cmd.indexOf("bwrap");
            int java = cmd.indexOf(java());
            assertEquals(0, timeout, cmd::toString);
            assertTrue(timeout < prlimit && prlimit < setpriv && setpriv < bwrap && bwrap < java, cmd::toString);
        }

        @Test
        void killsAfterTheSubmissionsWallBackstopWithSlackAndLimitsItsResources() {
            // The wall-clock kill must outlast every wait the grader allows (a loaded machine stretches honest calls);
            // the processor-time limit stays at twice the budget.
            assertEquals(List.of("timeout", "--signal=KILL", (ChildJvm.longestWallSeconds(LIMITS) + 30) + "s"),
                    cmd.subList(0, 3));
            assertTrue(ChildJvm.longestWallSeconds(LIMITS) >= (long) LIMITS.perSubmissionSeconds()
                    * ChildJvm.SUBMISSION_WALL_FACTOR);
            long addressSpace = 512L * (1 << 20) + (1L << 30);
            assertTrue(cmd.containsAll(List.of("--cpu=270", "--as=" + addressSpace, "--nofile=256", "--core=0",
                    "--nproc=128")), cmd::toString);
        }

        @Test
        void namesTheUidItSwitchesTo() {
            String uid = cmd.stream().filter(a -> a.startsWith("--reuid=")).findFirst().orElseThrow();
            assertEquals(Long.parseLong(uid.substring("--reuid=".length())), Sandbox.uidOf(cmd).orElseThrow());
            assertTrue(Sandbox.uidOf(submission(layers(true, true, false, true))).isEmpty());
        }

        @Test
        void runsAsAFreshUidWithoutCapabilities() {
            assertTrue(cmd.containsAll(List.of("--clear-groups", "--inh-caps=-all")), cmd::toString);
            String uid = cmd.stream().filter(a -> a.startsWith("--reuid=")).findFirst().orElseThrow();
            String next = submission(layers(true, true, true, true)).stream().filter(a -> a.startsWith("--reuid="))
                    .findFirst().orElseThrow();
            assertNotEquals(uid, next, "every JVM gets its own uid, so one's threads cannot starve another's");
        }

        @Test
        void seesTheSubmissionReadOnlyWithNoNetworkNoEnvironmentAndAPrivateTmp() {
            assertTrue(cmd.containsAll(List.of("--unshare-all", "--die-with-parent", "--clearenv")), cmd::toString);
            int bind = cmd.indexOf(CLASSES.toString());
            assertEquals("--ro-bind", cmd.get(bind - 1));
            assertEquals("/sandbox/submission", cmd.get(bind + 1));
            assertEquals("/tmp", cmd.get(cmd.indexOf("--tmpfs") + 1));
            assertTrue(cmd.contains("-Djava.io.tmpdir=/tmp"), cmd::toString);
        }

        @Test
        void startsTheRuntimeServerOnTheBoundSubmissionWithItsHeapAndOutputCap() {
            assertTrue(cmd.contains("-Xmx512m") && cmd.contains("-Dextra=1"), cmd::toString);
            assertEquals(List.of("nnlab.grader.runtime.Server", "/sandbox/submission", Long.toString(64 * 1024L)),
                    cmd.subList(cmd.size() - 3, cmd.size()));
        }
    }

    @Nested
    class FewerLayers {
        @Test
        void withoutAnyLayerJavaRunsOnTheClassesWithTheScratchFolderAsTmp() {
            List<String> cmd = submission(layers(false, false, false, false));
            assertEquals(java(), cmd.get(0));
            assertTrue(cmd.contains("-Djava.io.tmpdir=" + SCRATCH), cmd::toString);
            assertEquals(CLASSES.toString(), cmd.get(cmd.size() - 2));
        }

        @Test
        void withoutItsOwnUidNoThreadLimitIsSet() {
            List<String> cmd = submission(layers(true, true, false, false));
            assertFalse(cmd.stream().anyMatch(a -> a.startsWith("--nproc")), "the limit would count the grader's"
                    + " own processes: " + cmd);
            assertFalse(cmd.contains("setpriv"), cmd::toString);
        }
    }

    @Nested
    class TheJit {
        private static final List<String> C1_ONLY_SERIAL = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

        @Test
        void everySubmissionJvmCompilesWithC1OnlyAndTheSerialCollector() {
            // Its calls are short: tiered compilation spent about twice the processor time (CdsArchive.SHARED_FLAGS).
            for (Sandbox sandbox : List.of(layers(true, true, true, true), layers(false, false, false, false))) {
                List<String> cmd = submission(sandbox);
                assertTrue(cmd.containsAll(C1_ONLY_SERIAL), cmd::toString);
            }
        }

        @Test
        void everyCompilerProcessCompilesWithC1OnlyAndTheSerialCollector() {
            List<String> cmd = layers(true, true, true, true).compilerCommand(RuntimeBundle.get(), SCRATCH, 256, 100,
                    List.of());
            assertTrue(cmd.containsAll(C1_ONLY_SERIAL), cmd::toString);
        }
    }

    @Nested
    class TheCompiler {
        @Test
        void runsBehindTheSameLayersWithoutTheSubmissionsClasses() {
            List<String> cmd = layers(true, true, true, true).compilerCommand(RuntimeBundle.get(), SCRATCH, 256, 100,
                    List.of("-Dextra=1"));
            assertTrue(cmd.indexOf("setpriv") < cmd.indexOf("bwrap"), cmd::toString);
            assertFalse(cmd.contains("/sandbox/submission"), cmd::toString);
            assertTrue(cmd.containsAll(List.of("-Xmx256m", "-Xss4m", "--nproc=64")), cmd::toString);
            assertEquals("nnlab.grader.runtime.CompileServer", cmd.get(cmd.size() - 1));
            assertTrue(cmd.contains("-Dextra=1"), "the compiler's flags (its AppCDS archive) are passed on: " + cmd);
        }
    }
}
