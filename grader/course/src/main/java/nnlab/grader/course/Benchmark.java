package nnlab.grader.course;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import nnlab.grader.Assignment;
import nnlab.grader.AssignmentSpec;
import nnlab.grader.authoring.MutantCatalogue;
import nnlab.grader.authoring.Samples;
import nnlab.grader.report.ResultsDocument;
import nnlab.grader.report.html.BatchFolder;
import nnlab.grader.run.Grader;
import nnlab.grader.runtime.FileTrees;

/**
 * Measures batch grading the way a course meets it: builds {@code count} typical submissions (the correct and the
 * buggy sample, then the catalogued mutants of {@code mutants.json}, dealt out in turn), grades them with
 * {@link BatchGrader} and prints wall and CPU seconds per submission and each stage's share; then grades the correct
 * sample in this process, sandboxed and in process alternately, and prints both medians and their ratio; then grades
 * it cold, in a fresh grader JVM each time as {@code grader/bin/grade} does. It only reports numbers: nothing here
 * passes or fails.
 */
final class Benchmark {

    /** The stages the engine times, in pipeline order ({@code extra_data.timings_ms}). */
    private static final List<String> STAGES = List.of("discovery", "intake", "compile", "tests", "submission_jvm", "total");
    /** Linux reports a process's children's CPU time in clock ticks of this many per second (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** What to measure. */
    record Options(Assignment assignment, Path repository, Path work, int count, int jobs, long seed, int repeats,
                   boolean batchOnly, PrintStream out, PrintStream err) {
    }

    private final Options options;

    Benchmark(Options options) {
        this.options = options;
    }

    /** Builds the submissions, grades them as a batch, then the single-submission comparison; prints everything. */
    void run() throws IOException, InterruptedException {
        PrintStream out = options.out();
        Path subs = options.work().resolve("submissions");
        FileTrees.delete(options.work());
        Map<String, String> kinds = build(options.repository(), options.assignment().spec(), subs, options.count());
        out.printf(Locale.ROOT, "Benchmark: %d submissions (%s), --jobs %d, seed %d, %d cores, load %s%n",
                kinds.size(), mix(kinds), options.jobs(), options.seed(), Runtime.getRuntime().availableProcessors(),
                loadAverage());
        Path batchOut = options.work().resolve("out");
        BatchGrader.Summary summary;
        Map<TreeCpu.Kind, Double> byKind;
        double[] wanting;
        double couldBusy;
        int cores = Runtime.getRuntime().availableProcessors();
        try (TreeCpu meter = new TreeCpu()) {
            summary = new BatchGrader(new BatchGrader.Options(options.assignment().spec(), subs, batchOut,
                    options.jobs(), Roster.empty(), Map.of(), true, options.seed(), null, CourseMain.childCommand(),
                    options.err(), false, null)).run();
            byKind = meter.stop();
            wanting = meter.wantingShares();
            couldBusy = meter.busyShare(cores);
        }
        double cpu = byKind.values().stream().mapToDouble(Double::doubleValue).sum();
        int n = summary.graded().size();
        out.printf(Locale.ROOT, "%nBatch: %.1f s wall, %.1f CPU-s; per submission %.2f s wall, %.2f CPU-s; the %d cores"
                + " %.0f %% busy with it%n", summary.wallSeconds(), cpu, summary.wallSeconds() / n, cpu / n, cores,
                100 * cpu / (cores * summary.wallSeconds()));
        StringBuilder split = new StringBuilder("  CPU-s per submission:");
        byKind.forEach((kind, seconds) -> split.append(String.format(Locale.ROOT, " %s %.2f;", kind.label, seconds / n)));
        out.println(split.substring(0, split.length() - 1));
        StringBuilder want = new StringBuilder("  threads of the batch wanting a processor (share of the time):");
        for (int i = 0; i < wanting.length; i++) {
            want.append(String.format(Locale.ROOT, " %d%s %.0f %%;", i, i == wanting.length - 1 ? "+" : "", 100 * wanting[i]));
        }
        out.printf(Locale.ROOT, "%s so on an otherwise idle machine its %d cores would be %.0f %% busy%n", want, cores,
                100 * couldBusy);
        printStages(batchOut, out);
        Map<String, Long> statuses = new TreeMap<>();
        summary.graded().forEach(o -> statuses.merge(o.status().json(), 1L, Long::sum));
        out.println("Statuses: " + statuses);
        if (options.batchOnly()) {
            return;
        }
        single(subs.resolve(kinds.keySet().iterator().next()), out);
        cold(subs.resolve(kinds.keySet().iterator().next()), out);
    }

    /**
     * Grades the correct sample {@code repeats} times the way {@code grader/bin/grade} does, each in a fresh grader
     * JVM with a fresh compiler and submission JVMs (no report), and prints the median wall time and processor time
     * (the grader JVM and every process it waited for), and the median stages the grader recorded.
     */
    private void cold(Path correct, PrintStream out) throws IOException, InterruptedException {
        List<Double> walls = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        Path results = options.work().resolve("cold-results.json");
        for (int i = 0; i < options.repeats(); i++) {
            List<String> command = CourseMain.javaCommand(NnlabGrader.class);
            command.addAll(List.of("grade", "--assignment", options.assignment().id(), "--submission", correct.toString(),
                    "--out", results.toString(), "--seed", Long.toString(options.seed()), "--no-report"));
            double cpuBefore = childrenCpuSeconds();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.waitFor();
            walls.add((System.nanoTime() - t0) / 1e9);
            cpus.add(childrenCpuSeconds() - cpuBefore);
            Map<String, Long> timings = ResultsDocument.read(results).extraData().timingsMs();
            for (String stage : STAGES) {
                Long ms = timings == null ? null : timings.get(stage);
                if (ms != null) {
                    stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms / 1000.0);
                }
            }
        }
        out.printf(Locale.ROOT, "%nOne submission (the correct sample) the way grader/bin/grade grades it, a fresh grader"
                + " JVM each time, median of %d: %.2f s wall, %.2f CPU-s%n", options.repeats(), median(walls), median(cpus));
        StringBuilder line = new StringBuilder("  stages (median s):");
        stages.forEach((stage, values) -> line.append(String.format(Locale.ROOT, " %s %.2f", stage, median(values))));
        out.println(line);
    }

    /**
     * Grades the correct sample {@code repeats} times each way in this process after one warm-up of each: the
     * sandboxed run (every isolation layer) against the in-process run of the same code, and prints the medians.
     */
    private void single(Path correct, PrintStream out) {
        Grader grader = new Grader(options.assignment());
        Grader.Options sandboxed = Grader.Options.defaults().withSeed(options.seed());
        Grader.Options inProcess = sandboxed.unsandboxed();
        grader.grade(correct, sandboxed);
        grader.grade(correct, inProcess);
        List<Double> boxed = new ArrayList<>();
        List<Double> trusted = new ArrayList<>();
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        for (int i = 0; i < options.repeats(); i++) {
            long t0 = System.nanoTime();
            ResultsDocument r = grader.grade(correct, sandboxed);
            boxed.add((System.nanoTime() - t0) / 1e9);
            Map<String, Long> timings = r.extraData().timingsMs();
            for (String stage : STAGES) {
                Long ms = timings.get(stage);
                if (ms != null) {
                    stages.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms / 1000.0);
                }
            }
            t0 = System.nanoTime();
            grader.grade(correct, inProcess);
            trusted.add((System.nanoTime() - t0) / 1e9);
        }
        double b = median(boxed);
        double t = median(trusted);
        out.printf(Locale.ROOT, "%nOne submission (the correct sample) through a warm grader, median of %d: sandboxed"
                + " %.2f s, in process %.2f s, ratio %.2f%n", options.repeats(), b, t, b / t);
        StringBuilder line = new StringBuilder("  sandboxed stages (median s):");
        stages.forEach((stage, values) -> line.append(String.format(Locale.ROOT, " %s %.2f", stage, median(values))));
        out.println(line);
    }

    private static void printStages(Path batchOut, PrintStream out) throws IOException {
        Map<String, List<Double>> stages = new LinkedHashMap<>();
        STAGES.forEach(s -> stages.put(s, new ArrayList<>()));
        for (BatchFolder.Graded graded : new BatchFolder(batchOut).read().all()) {
            Map<String, Long> timings = graded.results().extraData().timingsMs();
            for (String stage : STAGES) {
                Long ms = timings == null ? null : timings.get(stage);
                if (ms != null) {
                    stages.get(stage).add(ms / 1000.0);
                }
            }
        }
        out.println("Stages inside the grader (wall s per submission; submission_jvm overlaps compile and tests):");
        out.printf(Locale.ROOT, "  %-16s %8s %8s %8s%n", "stage", "mean", "median", "max");
        stages.forEach((stage, values) -> {
            if (!values.isEmpty()) {
                out.printf(Locale.ROOT, "  %-16s %8.2f %8.2f %8.2f%n", stage,
                        values.stream().mapToDouble(Double::doubleValue).average().orElse(0), median(values),
                        values.stream().mapToDouble(Double::doubleValue).max().orElse(0));
            }
        });
    }

    /**
     * Writes {@code count} submissions of {@code spec}'s assignment into {@code folder}: the correct sample, the buggy
     * sample, then one per catalogued mutant of the correct sample, round and round; returns name → kind.
     */
    static Map<String, String> build(Path repository, AssignmentSpec spec, Path folder, int count) throws IOException {
        List<String> kinds = new ArrayList<>(List.of(Samples.CORRECT, "buggy"));
        List<MutantCatalogue.Mutant> mutants = catalogue(repository, spec);
        mutants.forEach(m -> kinds.add(m.id()));
        Map<String, String> made = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String kind = kinds.get(i % kinds.size());
            String name = String.format(Locale.ROOT, "b%03d", i + 1);
            Path target = folder.resolve(name);
            if (i % kinds.size() < 2) {
                Samples.write(repository, spec.id(), kind, target);
            } else {
                MutantCatalogue.apply(mutants.get(i % kinds.size() - 2),
                        Samples.write(repository, spec.id(), Samples.CORRECT, target));
            }
            made.put(name, kind);
        }
        return made;
    }

    /** The assignment's mutant catalogue, or none when it has no catalogue file. */
    private static List<MutantCatalogue.Mutant> catalogue(Path repository, AssignmentSpec spec) throws IOException {
        return MutantCatalogue.read(repository, spec.id(), spec.parts().size(), null).map(MutantCatalogue::mutants)
                .orElse(List.of());
    }

    private static String mix(Map<String, String> kinds) {
        long correct = kinds.values().stream().filter("correct"::equals).count();
        long buggy = kinds.values().stream().filter("buggy"::equals).count();
        return String.format(Locale.ROOT, "%d correct, %d buggy sample, %d mutants", correct, buggy,
                kinds.size() - correct - buggy);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The CPU time of this process's finished children and theirs ({@code /proc/self/stat}: cutime + cstime). */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields after the command name start at field 3 (state); cutime and cstime are fields 16 and 17.
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
