package nnlab.grader.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's load while a submission is graded, for the TA's view: the 1-minute load average and, where the
 * kernel has pressure stall information, the share of the last 10 s in which some runnable task waited for a
 * processor ({@code /proc/pressure/cpu}, "some avg10"), at the start, their largest value and at the end.
 */
public final class MachineLoad {

    private static final Path LOADAVG = Path.of("/proc/loadavg");
    private static final Path CPU_PRESSURE = Path.of("/proc/pressure/cpu");

    /**
     * One reading.
     *
     * @param loadAverage the 1-minute load average, or NaN where unreadable
     * @param cpuPressure percent of the last 10 s in which a runnable task waited, or NaN without PSI
     */
    public record Reading(double loadAverage, double cpuPressure) {
        /** Returns the reading in words, for a message to the TA. */
        public String describe() {
            return "load average " + (Double.isNaN(loadAverage) ? "unknown" : String.format(java.util.Locale.ROOT, "%.1f", loadAverage))
                    + (Double.isNaN(cpuPressure) ? "" : String.format(java.util.Locale.ROOT, ", CPU pressure %.0f %%", cpuPressure))
                    + " on " + Runtime.getRuntime().availableProcessors() + " processors";
        }
    }

    private Reading first;
    private Reading last;
    private double maxLoad = Double.NaN;
    private double maxPressure = Double.NaN;

    /** Reads the machine's load now and keeps it as the latest (and, the first time, the first) reading. */
    public synchronized Reading sample() {
        Reading r = read();
        if (first == null) {
            first = r;
        }
        last = r;
        maxLoad = max(maxLoad, r.loadAverage());
        maxPressure = max(maxPressure, r.cpuPressure());
        return r;
    }

    /** Returns the first reading, or null before any. */
    public synchronized Reading first() {
        return first;
    }

    /** Returns the latest reading, or null before any. */
    public synchronized Reading last() {
        return last;
    }

    /** Returns the largest values seen in any reading (NaN where never readable). */
    public synchronized Reading max() {
        return new Reading(maxLoad, maxPressure);
    }

    /** Reads the machine's load now, without keeping it. */
    public static Reading read() {
        double load = Double.NaN;
        double pressure = Double.NaN;
        try {
            load = Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            // Not Linux: the load is unknown.
        }
        try {
            String some = Files.readAllLines(CPU_PRESSURE).get(0);
            for (String field : some.split("\\s+")) {
                if (field.startsWith("avg10=")) {
                    pressure = Double.parseDouble(field.substring("avg10=".length()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // No pressure stall information in this kernel.
        }
        return new Reading(load, pressure);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
