package nnlab.grader.sandbox;

/**
 * Decides, from what the grader sees of a child while it waits for one answer, whether to go on waiting and, if not,
 * whose fault the wait was. The budget is processor time ({@link ProcessCpu}), which the machine's load cannot use up;
 * the wall clock is only a backstop several times larger, for code that sleeps or blocks.
 *
 * <p>How an overloaded machine is told from code that sleeps, blocks or starves itself: every poll records whether
 * some thread of the child was runnable (state R). On a processor with room, a runnable thread runs, and its time
 * counts against the budget; so a child that was runnable in most polls and still did not spend its budget in the
 * backstop's wall time wanted the processor and did not get it: other processes had it. Code that sleeps, waits on a
 * lock or on I/O is not runnable (states S, D), and cannot look runnable without running on an idle machine, where
 * running spends its budget within {@code budget / share} of wall time — below the backstop. A child that wanted the
 * processor gets {@link #OVERLOAD_PATIENCE} times the backstop before the call is declared overloaded, so a slow call
 * on a loaded machine still reaches its processor budget and fails as the student's own. Too few polls for the
 * wall time (the grader's own thread was starved) also means overload: no child can slow the grader's polling.
 */
public final class CallClock {

    /** What the clock says after a poll. */
    public enum Verdict {
        /** Neither limit is reached: wait on. */
        RUNNING,
        /** The child used up its processor-time budget: the student's code was too slow. */
        CPU_SPENT,
        /** The backstop passed while the child mostly slept or blocked: the student's code waited. */
        WAITED,
        /** The child wanted the processor most of the time and did not get it: the machine was overloaded. */
        OVERLOADED
    }

    /** Share of polls in which the child was runnable above which the wait is the machine's, not the code's. */
    static final double OVERLOAD_SHARE = 0.5;
    /**
     * How many backstops a child that wants the processor is waited for before the call counts as overloaded: with
     * a 5× backstop, a call that gets a twentieth of a processor still reaches its processor budget and is judged.
     */
    static final int OVERLOAD_PATIENCE = 4;
    /** Polls per backstop below which the grader's own polling was starved; taken as overload. */
    static final int MIN_POLLS = 5;

    private final long cpuBudgetNanos;
    private final long wallBackstopNanos;
    private long polls;
    private long runnablePolls;
    private long cpuNanos;
    private long wallNanos;

    /** A clock for one wait: at most {@code cpuBudgetNanos} of processor time, a backstop of {@code wallBackstopNanos}. */
    public CallClock(long cpuBudgetNanos, long wallBackstopNanos) {
        this.cpuBudgetNanos = cpuBudgetNanos;
        this.wallBackstopNanos = wallBackstopNanos;
    }

    /**
     * Records one poll, {@code wallNanos} and {@code cpuNanos} since the wait began, {@code runnable} whether some
     * thread of the child was runnable, and returns the verdict.
     */
    public Verdict observe(long wallNanos, long cpuNanos, boolean runnable) {
        polls++;
        if (runnable) {
            runnablePolls++;
        }
        this.cpuNanos = Math.max(this.cpuNanos, cpuNanos);
        this.wallNanos = wallNanos;
        if (this.cpuNanos >= cpuBudgetNanos) {
            return Verdict.CPU_SPENT;
        }
        if (wallNanos < wallBackstopNanos) {
            return Verdict.RUNNING;
        }
        if (polls < MIN_POLLS) {
            return Verdict.OVERLOADED;
        }
        if (runnableShare() < OVERLOAD_SHARE) {
            return Verdict.WAITED;
        }
        return wallNanos < OVERLOAD_PATIENCE * wallBackstopNanos ? Verdict.RUNNING : Verdict.OVERLOADED;
    }

    /** Returns the share of polls so far in which the child was runnable. */
    public double runnableShare() {
        return polls == 0 ? 0 : (double) runnablePolls / polls;
    }

    /** Returns the most processor time seen so far, in nanoseconds. */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** Returns the wall time of the last poll, in nanoseconds. */
    public long wallNanos() {
        return wallNanos;
    }
}
