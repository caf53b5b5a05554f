package nnlab.grader.course.audit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import nnlab.grader.Assignment;
import nnlab.grader.authoring.Markers;
import nnlab.grader.authoring.RepositoryLayout;
import nnlab.grader.course.CourseMain;

/**
 * Test support: a repository laid out as the course's is, holding the fixture assignments ({@link FixtureAssignment}),
 * and the commands that start grader processes which find them: the course's classpath plus a folder that registers
 * both plug-ins with {@link java.util.ServiceLoader}.
 */
final class AuditFixture {

    /** The allow-list entry of the one mutant of the fixture that is equivalent but compiles to other bytecode. */
    static final String ALLOW_LISTED = "relational src/main/java/auditfix/Magnitude.java:%d"
            + " | if (x < 0) { → if (x <= 0) { | at x = 0 it returns -0.0, which equals 0.0";

    private final Path repository;
    private final Path services;

    private AuditFixture(Path repository, Path services) {
        this.repository = repository;
        this.services = services;
    }

    /** Lays out the fixture's repository and service registration under {@code folder}. */
    static AuditFixture create(Path folder) throws IOException {
        String marked = Files.readString(RepositoryLayout.findRepository(Path.of("")).resolve("grader/course")
                .resolve(FixtureAssignment.REFERENCE));
        Path repository = folder.resolve("repository");
        for (FixtureAssignment a : List.of(new FixtureAssignment.Full(), new FixtureAssignment.Weakened())) {
            Path assignment = Files.createDirectories(RepositoryLayout.assignment(repository, a.id()));
            Files.writeString(assignment.resolve("assignment.json"), a.descriptor());
            write(repository.resolve("reference").resolve(a.id()).resolve(FixtureAssignment.FILE),
                    a.reference(marked));
            write(repository.resolve("starter").resolve(a.id()).resolve("src/main/java").resolve(FixtureAssignment.FILE),
                    a.starter(marked));
            int line = sampleLine(a, marked, "if (x < 0) {");
            Files.writeString(assignment.resolve(AllowList.FILE), "# The fixture's equivalent mutant.\n"
                    + ALLOW_LISTED.formatted(line) + "\n");
        }
        Path services = folder.resolve("services");
        write(services.resolve("META-INF/services/" + Assignment.class.getName()),
                FixtureAssignment.Full.class.getName() + "\n" + FixtureAssignment.Weakened.class.getName() + "\n");
        return new AuditFixture(repository, services);
    }

    /** The fixture's repository. */
    Path repository() {
        return repository;
    }

    /** The command of the audit's grader processes: the course's, with the fixture's plug-ins registered. */
    List<String> childCommand() {
        return withServices(CourseMain.childCommand());
    }

    /** The command that runs {@code course audit} on the fixture's repository with {@code arguments}. */
    List<String> courseAudit(List<String> arguments) {
        List<String> command = new ArrayList<>(childCommand());
        command.set(command.size() - 1, "nnlab.grader.course.NnlabGrader");
        command.addAll(List.of("course", "audit", "--repository", repository.toString()));
        command.addAll(arguments);
        return command;
    }

    private List<String> withServices(List<String> command) {
        List<String> with = new ArrayList<>(command);
        int classpath = with.indexOf("-cp") + 1;
        with.set(classpath, with.get(classpath) + File.pathSeparator + services);
        return with;
    }

    /** The line of the correct sample that holds {@code text}. */
    private static int sampleLine(FixtureAssignment a, String marked, String text) {
        String sample = new Markers(a.id(), Set.of(), Markers.View.SOLUTION)
                .render(FixtureAssignment.FILE, a.reference(marked)).text().orElseThrow();
        return sample.lines().map(String::strip).toList().indexOf(text) + 1;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
