package nnlab.grader.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import nnlab.grader.cli.CommandLines;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The author's commands, which the course command line mounts: {@code assign} writes an assignment's starter project,
 * {@code sample} a sample submission.
 */
public final class AuthoringCommands {

    private AuthoringCommands() {
    }

    /** Options naming the repository the author works in. */
    public static final class RepositoryOption {
        @Option(names = "--repository", description = "The course repository (default: the one holding the current"
                + " folder).") Path repository;

        /** Returns the repository passed with {@code --repository}, or null without one. */
        public Path given() {
            return repository;
        }

        /** Returns the repository named, else the one holding the current folder. */
        public Path resolve() {
            try {
                return repository != null ? repository : RepositoryLayout.findRepository(Path.of(""));
            } catch (IllegalArgumentException e) {
                throw new CommandLines.UsageError(e.getMessage());
            }
        }
    }

    /** {@code assign}: the starter project, generated from the reference solution's markers. */
    @Command(name = "assign", mixinStandardHelpOptions = true,
            description = "Writes the starter project of an assignment into --out: the reference's sources with every"
                    + " student method's body replaced by its TODO text and a \"Not implemented yet\" throw, the"
                    + " handout, the data and the hand-written files (pom, README, public tests); see"
                    + " docs/authoring.md. Rewrites only files that differ; never deletes.")
    public static final class Assign implements Callable<Integer> {
        @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
        @Option(names = "--out", required = true, description = "The starter's folder, e.g. starter-code/ps1.") Path out;
        @picocli.CommandLine.Mixin RepositoryOption repository = new RepositoryOption();

        @Override
        public Integer call() throws IOException {
            Path root = repository.resolve();
            StarterProject starter = generate(root, assignment);
            List<String> written = starter.write(out);
            List<String> extra = starter.differences(out).stream().filter(line -> line.contains(": not generated"))
                    .toList();
            System.out.println("Starter of " + assignment + " in " + out.toAbsolutePath() + ": " + starter.files().size()
                    + " files, " + starter.tasks().size() + " student methods; " + written.size() + " written"
                    + (written.isEmpty() ? " (all up to date)" : ""));
            written.forEach(name -> System.out.println("  wrote " + name));
            extra.forEach(line -> System.out.println("  not in the starter: " + line.substring(0, line.indexOf(':'))));
            return 0;
        }

        private static StarterProject generate(Path root, String id) throws IOException {
            try {
                return StarterProject.generate(root, AuthoringSpec.read(root, id));
            } catch (IllegalArgumentException e) {
                throw new CommandLines.UsageError("assign " + id + ": " + e.getMessage());
            }
        }
    }

    /** {@code sample}: one of an assignment's sample submissions, made from the reference and the sample's patch. */
    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Writes a sample submission into --out: \"correct\" is the reference's student files, any"
                    + " other NAME is assignments/ID/samples/NAME.patch applied to them.")
    public static final class Sample implements Callable<Integer> {
        @Option(names = "--assignment", required = true, description = "The problem set, e.g. ps1.") String assignment;
        @Option(names = "--name", defaultValue = Samples.CORRECT, description = "The sample (default: ${DEFAULT-VALUE}).") String name;
        @Option(names = "--out", required = true, description = "The folder to write the submission into.") Path out;
        @picocli.CommandLine.Mixin RepositoryOption repository = new RepositoryOption();

        @Override
        public Integer call() throws IOException {
            Path root = repository.resolve();
            try {
                if (Files.exists(out) && !isEmptyFolder(out)) {
                    throw new IllegalArgumentException("--out " + out + " is not an empty folder: pass a new one");
                }
                Samples.write(root, assignment, name, out);
            } catch (IllegalArgumentException e) {
                throw new CommandLines.UsageError("sample " + name + ": " + e.getMessage());
            }
            System.out.println(out);
            return 0;
        }

        private static boolean isEmptyFolder(Path folder) throws IOException {
            if (!Files.isDirectory(folder)) {
                return false;
            }
            try (var entries = Files.list(folder)) {
                return entries.findAny().isEmpty();
            }
        }
    }
}
