package nnlab.grader.course;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nnlab.grader.authoring.AuthoringSpec;
import nnlab.grader.authoring.StarterProject;
import nnlab.grader.cli.CommandLines;
import nnlab.grader.cli.ExitCode;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command lines as a user meets them, in real JVMs and real scripts: a mistake is one line on stderr and exit
 * code 2 with nothing written, every option says what it does, {@code --help} writes nothing, and the backend's
 * chatter stays out of the output unless asked for.
 */
class CommandLineTests {

    private static final int PROCESS_LIMIT_SECONDS = 120;

    @TempDir
    Path dir;

    /** What a finished process left: its exit code, stdout and stderr. */
    record Run(int exit, String out, String err) {
    }

    private Run run(List<String> command) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command));
    }

    /** Runs {@code process} in the scratch working folder and waits for it. */
    private Run run(ProcessBuilder process) throws IOException, InterruptedException {
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        Process p = process.directory(work.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(PROCESS_LIMIT_SECONDS, TimeUnit.SECONDS), "hung: " + process.command());
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private Run course(String... args) throws IOException, InterruptedException {
        return run(Course.course(args));
    }

    /** Runs {@code nnlab-grader ARGS} in a new JVM, as grader/bin/grade does. */
    private Run root(String... args) throws IOException, InterruptedException {
        return run(Course.java(NnlabGrader.class, args));
    }

    private List<String> written() throws IOException {
        try (Stream<Path> walk = Files.walk(dir.resolve("work"))) {
            return walk.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }

    /** Fails unless {@code r} is a usage error: exit 2, one line on stderr containing {@code text}, no stack trace. */
    private void assertUsageError(Run r, String text) throws IOException {
        assertEquals(ExitCode.USAGE.code(), r.exit(), r::toString);
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), () -> "one line expected: " + r.err());
        assertTrue(lines.get(0).contains(text), r::err);
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r::err);
        assertEquals(List.of(), written(), "a usage error writes nothing");
    }

    @Nested
    class UsageErrors {
        @Test
        void gradeAllWithAMissingSubmissionsFolderIsOneLine() throws Exception {
            assertUsageError(course("grade-all", "--assignment", "ps1", "--submissions", "/missing", "--out",
                    dir.resolve("work/out").toString()), "--submissions /missing");
        }

        @Test
        void anUnknownAssignmentNamesTheKnownOnes() throws Exception {
            Files.createDirectories(dir.resolve("subs"));
            assertUsageError(course("grade-all", "--assignment", "PS1", "--submissions", dir.resolve("subs").toString(),
                    "--out", dir.resolve("work/out").toString()), "unknown assignment 'PS1'; known: ps1, ps2");
        }

        @Test
        void gradeTreatsAMissingSubmissionAsAUsageErrorNotARefusal() throws Exception {
            assertUsageError(root("grade", "--assignment", "ps1", "--submission", "/missing"),
                    "--submission /missing: no such file or folder");
        }

        @Test
        void theCourseGradeCommandDoesTheSame() throws Exception {
            assertUsageError(course("grade", "--assignment", "ps1", "--submission", "/missing"),
                    "--submission /missing: no such file or folder");
        }

        @Test
        void anUnreadableTimestampsFileIsOneLineNamingTheOption() throws Exception {
            Files.createDirectories(dir.resolve("subs"));
            Files.writeString(dir.resolve("times.csv"), "who,when\na,b\n");
            assertUsageError(course("grade-all", "--assignment", "ps1", "--submissions", dir.resolve("subs").toString(),
                    "--out", dir.resolve("work/out").toString(), "--timestamps", dir.resolve("times.csv").toString()),
                    "--timestamps");
        }

        @Test
        void assignWithAnUnknownAssignmentIsOneLine() throws Exception {
            assertUsageError(course("assign", "--assignment", "ps0", "--out", "starter", "--repository",
                    Course.repository().toString()), "no assignment ps0");
        }

        @Test
        void sampleWithAnUnknownNameNamesTheKnownOnes() throws Exception {
            assertUsageError(course("sample", "--assignment", "ps1", "--name", "nope", "--out", "s", "--repository",
                    Course.repository().toString()), "known: correct, buggy, loops");
        }

        @Test
        void anUnknownOptionIsOneLine() throws Exception {
            assertUsageError(course("grade-all", "--assignment", "ps1", "--submissions", "/missing", "--out",
                    dir.resolve("work/out").toString(), "--no-such-option"), "Unknown option: '--no-such-option'");
        }
    }

    @Nested
    class Help {
        @Test
        void everyOptionOfEveryCommandIsDescribed() {
            List<String> undescribed = new ArrayList<>();
            collectUndescribed(NnlabGrader.commandLine().getCommandSpec(), undescribed);
            assertEquals(List.of(), undescribed);
        }

        private void collectUndescribed(CommandSpec spec, List<String> undescribed) {
            for (OptionSpec o : spec.options()) {
                if (String.join("", o.description()).isBlank()) {
                    undescribed.add(spec.qualifiedName() + " " + o.longestName());
                }
            }
            spec.subcommands().values().forEach(sub -> collectUndescribed(sub.getCommandSpec(), undescribed));
        }

        /** Every command of the one root, reached through it as the scripts reach it, answers --help with its usage. */
        @Test
        void everySubcommandsHelpThroughTheOneRootPrintsItsUsage() {
            List<List<String>> paths = new ArrayList<>();
            collectCommands(NnlabGrader.commandLine(), List.of(), paths);
            assertTrue(paths.containsAll(List.of(List.of("grade"), List.of("report", "student"),
                    List.of("report", "batch"), List.of("course", "grade"), List.of("course", "grade-all"),
                    List.of("course", "assign"), List.of("course", "similarity"))), paths::toString);
            for (List<String> path : paths) {
                java.io.StringWriter out = new java.io.StringWriter();
                java.io.StringWriter err = new java.io.StringWriter();
                CommandLine root = NnlabGrader.commandLine();
                root.setOut(new java.io.PrintWriter(out));
                root.setErr(new java.io.PrintWriter(err));
                List<String> args = new ArrayList<>(path);
                args.add("--help");
                assertEquals(0, root.execute(args.toArray(String[]::new)), path::toString);
                String usage = String.join(" ", ("Usage: nnlab-grader " + String.join(" ", path)).strip().split(" +"));
                assertTrue(out.toString().startsWith(usage), () -> path + ": " + out);
                assertEquals("", err.toString(), path::toString);
            }
        }

        private void collectCommands(CommandLine command, List<String> path, List<List<String>> paths) {
            paths.add(path);
            command.getSubcommands().forEach((name, sub) -> {
                List<String> longer = new ArrayList<>(path);
                longer.add(name);
                collectCommands(sub, longer, paths);
            });
        }

        @Test
        void helpInARealJvmWritesNothing() throws Exception {
            for (Run r : List.of(root("--help"), root("grade", "--help"), course("grade-all", "--help"),
                    root("report", "student", "--help"))) {
                assertEquals(0, r.exit(), r::toString);
                assertTrue(r.out().startsWith("Usage: nnlab-grader"), r::out);
            }
            assertEquals(List.of(), written());
        }

        @Test
        void theScriptsHelpPrintsUsageAndWritesNothing() throws Exception {
            for (String script : List.of("grader/bin/grade-sample", "grader/bin/classpath", "grader/bin/quiet-java",
                    "grader/similarity-jplag/bin/classpath", "grader/course/bin/similarity-benchmark")) {
                Run r = run(List.of("bash", Course.repository().resolve(script).toString(), "--help"));
                assertEquals(0, r.exit(), script + ": " + r);
                assertTrue(r.out().startsWith("Usage: " + script), r::out);
                assertEquals("", r.err(), script);
            }
            assertEquals(List.of(), written(), "grade-sample --help must not grade a sample named --help");
        }

        /**
         * Every script of grader/bin and grader/course/bin, copied into a checkout that was never built, with a
         * {@code mvn} on the PATH that records being started: --help prints usage, builds nothing, writes nothing.
         */
        @Test
        void everyScriptAnswersHelpWithoutBuilding() throws Exception {
            Path checkout = dir.resolve("never-built");
            Path marker = dir.resolve("maven-was-started");
            Path fakeBin = Files.createDirectories(dir.resolve("fake-bin"));
            Files.writeString(fakeBin.resolve("mvn"), "#!/bin/sh\ntouch '" + marker + "'\nexit 1\n");
            fakeBin.resolve("mvn").toFile().setExecutable(true);
            List<String> scripts = new ArrayList<>();
            for (String folder : List.of("grader/bin", "grader/course/bin")) {
                Files.createDirectories(checkout.resolve(folder));
                try (Stream<Path> files = Files.list(Course.repository().resolve(folder))) {
                    for (Path script : files.filter(Files::isRegularFile).sorted().toList()) {
                        Path copy = checkout.resolve(folder).resolve(script.getFileName());
                        Files.copy(script, copy);
                        scripts.add(folder + "/" + script.getFileName());
                    }
                }
            }
            // grade-sample lists the assignments and their samples in its usage: those files, and no build.
            try (Stream<Path> files = Files.walk(Course.repository().resolve("assignments"), 3)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString()
                        .equals("assignment.json") || f.getParent().getFileName().toString().equals("samples")).toList()) {
                    Path copy = checkout.resolve(Course.repository().relativize(f));
                    Files.createDirectories(copy.getParent());
                    Files.copy(f, copy);
                }
            }
            assertTrue(scripts.containsAll(List.of("grader/bin/grade", "grader/course/bin/course",
                    "grader/course/bin/batch-benchmark")), scripts::toString);
            for (String script : scripts) {
                ProcessBuilder pb = new ProcessBuilder("bash", checkout.resolve(script).toString(), "--help");
                pb.environment().put("PATH", fakeBin + java.io.File.pathSeparator + System.getenv("PATH"));
                Run r = run(pb);
                assertEquals(0, r.exit(), script + ": " + r);
                assertTrue(r.out().startsWith("Usage: " + script), script + ": " + r.out());
                assertEquals("", r.err(), script);
                assertFalse(Files.exists(marker), script + " --help started a build");
                assertFalse(Files.exists(checkout.resolve("grader/course/target")), script + " --help built");
            }
            assertEquals(List.of(), written(), "--help writes nothing");
        }

        @Test
        void gradeSampleRefusesAnUnknownSampleInOneLine() throws Exception {
            assertUsageError(run(List.of("bash", Course.repository().resolve("grader/bin/grade-sample").toString(),
                    "nosuch", "--seed", "3")), "unknown sample 'nosuch'; known: buggy correct loops");
        }

        @Test
        void gradeSampleRefusesAnUnknownAssignmentAndListsEachAssignmentsSamples() throws Exception {
            String script = Course.repository().resolve("grader/bin/grade-sample").toString();
            assertUsageError(run(List.of("bash", script, "--assignment", "ps9")),
                    "unknown assignment 'ps9'; known: ps1 ps2");
            assertUsageError(run(List.of("bash", script, "--assignment", "ps2", "loops")),
                    "unknown sample 'loops'; known: buggy correct");
            assertEquals(List.of(), written());
        }

        @Test
        void whatTheScriptsWriteIntoTheCurrentFolderIsIgnoredByGit() throws IOException {
            List<String> ignored = Files.readAllLines(Course.repository().resolve(".gitignore"));
            for (String file : List.of("/results.json", "/report.html", "/report-ta.html", "/autograder.zip")) {
                assertTrue(ignored.contains(file), file);
            }
        }
    }

    @Nested
    class Authoring {
        @Test
        void assignWritesTheStarterAndASecondRunRewritesNothing() throws Exception {
            Path repository = Course.repository();
            Path starter = dir.resolve("work/starter");
            Run first = course("assign", "--assignment", "ps1", "--out", starter.toString(), "--repository",
                    repository.toString());
            assertEquals(0, first.exit(), first::toString);
            assertTrue(first.out().contains("21 student methods"), first::out);
            assertEquals(List.of(), StarterProject.generate(repository, AuthoringSpec.read(repository, "ps1"))
                    .differences(starter));
            Run second = course("assign", "--assignment", "ps1", "--out", starter.toString(), "--repository",
                    repository.toString());
            assertTrue(second.out().contains("0 written (all up to date)"), second::out);
        }
    }

    @Nested
    class Quiet {
        @Test
        void theBackendsLogLinesAndTheNativeOpenClWarningNeedVerbose() throws Exception {
            Run quiet = chatter(false);
            assertEquals(0, quiet.exit(), quiet::toString);
            assertEquals("", quiet.err(), "the quiet default prints nothing on stderr");
            Run verbose = chatter(true);
            assertEquals(0, verbose.exit(), verbose::toString);
            assertTrue(verbose.err().contains("matrix backend") && verbose.err().contains(NATIVE_WARNING),
                    verbose::err);
        }

        /**
         * A real grading on a machine without OpenCL, made here by an empty {@code libOpenCL.so.1} first on the
         * library path (the loader then fails exactly as when none is installed): Aparapi's SEVERE "Failed to load
         * codegen native library" shows only with --verbose.
         */
        @Test
        @org.junit.jupiter.api.Tag("slow")
        void aGradingWithoutOpenClPrintsNoSevereLineUnlessVerbose() throws Exception {
            Path noOpenCl = Files.createDirectories(dir.resolve("no-opencl"));
            Files.createFile(noOpenCl.resolve("libOpenCL.so.1"));
            Path submission = Course.sample("correct");
            Run quiet = grading(noOpenCl, submission, false);
            assertEquals(0, quiet.exit(), quiet::toString);
            assertFalse(quiet.err().contains("SEVERE") || quiet.err().contains("Failed to load codegen"), quiet::err);
            Run verbose = grading(noOpenCl, submission, true);
            assertEquals(0, verbose.exit(), verbose::toString);
            assertTrue(verbose.err().contains("Failed to load codegen native library"), () -> "OpenCL was not"
                    + " really hidden, so the quiet run proves nothing:\n" + verbose.err());
        }

        private Run grading(Path libraryPath, Path submission, boolean verbose) throws Exception {
            List<String> command = new ArrayList<>(Course.java(NnlabGrader.class, "grade", "--assignment", "ps1",
                    "--submission", submission.toString(), "--out", dir.resolve("r.json").toString(), "--seed", "1",
                    "--in-process", "--no-report"));
            if (verbose) {
                command.add("--verbose");
            }
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("LD_LIBRARY_PATH", libraryPath.toString());
            pb.environment().remove(nnlab.backend.Backends.ENVIRONMENT);
            return run(pb);
        }

        /** Runs {@link Chatty} through grader/bin/quiet-java, as grader/bin/grade and the course script do. */
        private Run chatter(boolean verbose) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("bash",
                    Course.repository().resolve("grader/bin/quiet-java").toString(), "-cp",
                    System.getProperty("java.class.path"), Chatty.class.getName()));
            if (verbose) {
                command.add("--verbose");
            }
            return run(command);
        }
    }

    /** The line the OpenCL library writes natively on an OpenCL platform it has not been tested with. */
    static final String NATIVE_WARNING = "WARNING: Aparapi is running on an untested OpenCL platform";

    /**
     * A program that chatters as the grader's JVM does: it sets up logging as the command lines do, chooses the
     * matrix backend (logged at INFO, or SEVERE without OpenCL) and writes the native library's warning on stderr.
     */
    public static final class Chatty {
        private Chatty() {
        }

        /** Chatters; {@code --verbose} turns the log lines on. */
        public static void main(String[] args) {
            CommandLines.chatter(List.of(args).contains("--verbose"));
            nnlab.backend.Backends.choice();
            System.err.println(NATIVE_WARNING + " version: test");
        }
    }
}
