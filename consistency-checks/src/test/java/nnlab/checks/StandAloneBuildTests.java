package nnlab.checks;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import nnlab.testsupport.Trees;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SLOW (about 30 s): copies starter-code/ps1/ out of the repository and runs two real child Maven builds in the copy,
 * as a student would. {@code mvn -B -q test-compile} must succeed; {@code mvn -B test} must fail, and fail with the
 * "Not implemented yet" messages. The child Maven is the one running this build, on the same local repository and in
 * the same online/offline mode (surefire passes them as nnlab.maven.* system properties); without them, {@code mvn}
 * from the PATH.
 */
@Tag("slow")
@DisplayName("Stand-alone build of starter-code/ps1 (SLOW: two child Maven runs)")
class StandAloneBuildTests {

    private static final long MAVEN_TIMEOUT_MINUTES = 5;
    private static final String NOT_IMPLEMENTED = "Not implemented yet:";

    @Test
    void starterBuildsAloneAndItsTestsFailOnlyOnTodos() throws Exception {
        Path copy = Repository.scratch("stand-alone-starter");
        Trees.copyExcept(Repository.starter(), copy, "target");

        Result compile = maven(copy, "compile.log", "-B", "-q", "test-compile");
        assertThat("`mvn -B -q test-compile` in a stand-alone copy of starter-code/ps1 failed; students could not"
                + " build it. Its output (also in " + compile.log + "):\n" + compile.output, compile.exitCode, equalTo(0));

        Result test = maven(copy, "test.log", "-B", "test");
        assertThat("`mvn -B test` on the untouched starter should fail (every public test hits a TODO) but it "
                + "succeeded; see " + test.log, test.exitCode, not(equalTo(0)));
        assertThat("`mvn -B test` on the untouched starter failed, but not with the \"" + NOT_IMPLEMENTED + "\" "
                + "messages students are told to expect; see " + test.log, test.output, containsString(NOT_IMPLEMENTED));
    }

    private record Result(int exitCode, String output, Path log) {
    }

    private static Result maven(Path project, String logName, String... goals) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(mavenExecutable());
        String localRepository = System.getProperty("nnlab.maven.localRepository");
        if (localRepository != null && !localRepository.isBlank() && !localRepository.contains("${")) {
            command.add("-Dmaven.repo.local=" + localRepository);
        }
        if ("offline:true".equals(System.getProperty("nnlab.maven.offline"))) {
            command.add("-o");
        }
        command.addAll(List.of(goals));
        Path log = project.resolveSibling(project.getFileName() + "-" + logName);
        Process process = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!process.waitFor(MAVEN_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + MAVEN_TIMEOUT_MINUTES
                    + " minutes in " + project + "; see " + log);
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }

    private static String mavenExecutable() {
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
        String name = windows ? "mvn.cmd" : "mvn";
        String home = System.getProperty("nnlab.maven.home");
        if (home != null && !home.isBlank() && !home.contains("${")) {
            Path candidate = Path.of(home, "bin", name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name).toString();
            }
        }
        throw new IllegalStateException("No Maven to run: neither nnlab.maven.home (set by this module's surefire "
                + "configuration) nor the PATH has bin/" + name + "; run the checks through Maven.");
    }
}
