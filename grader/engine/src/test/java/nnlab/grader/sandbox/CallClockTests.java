package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The overload classifier, fed synthetic polls: a processor-time budget of 10 s, a wall backstop of 50 s, a poll every
 * 100 ms. Only a child that wanted a processor most of the time, and still did not spend its budget in
 * {@link CallClock#OVERLOAD_PATIENCE} backstops, blames the machine.
 */
class CallClockTests {

    private static final long BUDGET = TimeUnit.SECONDS.toNanos(10);
    private static final long BACKSTOP = TimeUnit.SECONDS.toNanos(50);
    private static final long POLL = TimeUnit.MILLISECONDS.toNanos(100);
    /** Long enough for any verdict: past the patience. */
    private static final long PAST_PATIENCE = (CallClock.OVERLOAD_PATIENCE + 1) * BACKSTOP;

    /**
     * Polls a fresh clock until it stops (or {@code maxWall} passes), the child getting {@code cpuShare} of a
     * processor and being runnable in the share {@code runnableShare} of polls; returns the verdict.
     */
    private static CallClock.Verdict run(double cpuShare, double runnableShare, long maxWall) {
        CallClock clock = new CallClock(BUDGET, BACKSTOP);
        double runnableDebt = 0;
        for (long wall = POLL; wall <= maxWall; wall += POLL) {
            runnableDebt += runnableShare;
            boolean runnable = runnableDebt >= 1;
            if (runnable) {
                runnableDebt -= 1;
            }
            CallClock.Verdict v = clock.observe(wall, (long) (wall * cpuShare), runnable);
            if (v != CallClock.Verdict.RUNNING) {
                return v;
            }
        }
        return CallClock.Verdict.RUNNING;
    }

    @Nested
    class OnAQuietMachine {
        @Test
        void anEndlessLoopSpendsItsProcessorBudgetAtTheBudgetsWallTime() {
            CallClock clock = new CallClock(BUDGET, BACKSTOP);
            CallClock.Verdict v = CallClock.Verdict.RUNNING;
            long wall = 0;
            while (v == CallClock.Verdict.RUNNING) {
                wall += POLL;
                v = clock.observe(wall, wall, true);
            }
            assertEquals(CallClock.Verdict.CPU_SPENT, v);
            assertEquals(BUDGET, wall);
        }

        @Test
        void busyThreadsOnTwoProcessorsSpendTheBudgetInHalfTheWallTime() {
            assertEquals(CallClock.Verdict.CPU_SPENT, run(2.0, 1.0, BUDGET / 2));
        }

        @Test
        void codeThatSleepsGetsTheWallClockVerdictAtTheBackstop() {
            assertEquals(CallClock.Verdict.WAITED, run(0.001, 0.0, BACKSTOP));
        }

        @Test
        void codeThatBlocksOnALockWhileOneThreadWakesNowAndThenIsStillWaiting() {
            assertEquals(CallClock.Verdict.WAITED, run(0.02, 0.1, BACKSTOP));
        }

        @Test
        void codeThatSpinsHalfTheTimeToLookBusySpendsItsBudgetBeforeTheBackstop() {
            // Runnable half the time on a quiet machine means running half the time: half a processor.
            assertEquals(CallClock.Verdict.CPU_SPENT, run(0.5, 0.5, BACKSTOP));
        }

        @Test
        void theVerdictComesNoLaterThanTheBudgetDividedByTheShareItRuns() {
            CallClock.Verdict v = run(0.25, 0.25, 4 * BUDGET);
            assertEquals(CallClock.Verdict.CPU_SPENT, v);
        }
    }

    @Nested
    class OnALoadedMachine {
        @Test
        void aChildStarvedOfProcessorsIsWaitedForPastTheBackstopUntilItsBudgetDecides() {
            // A seventh of a processor (12 busy sessions on 2 processors): 3 s of work take 21 s, under the backstop.
            CallClock clock = new CallClock(BUDGET, BACKSTOP);
            CallClock.Verdict v = CallClock.Verdict.RUNNING;
            for (long wall = POLL; wall <= 2 * BACKSTOP && v == CallClock.Verdict.RUNNING; wall += POLL) {
                v = clock.observe(wall, wall / 7, true);
            }
            assertEquals(CallClock.Verdict.CPU_SPENT, v, "70 s at a seventh of a processor spends the 10 s budget");
        }

        @Test
        void aSlowCallStillSpendsItsProcessorBudgetUnderLoadAndIsTheStudents() {
            assertEquals(CallClock.Verdict.CPU_SPENT, run(0.1, 1.0, PAST_PATIENCE));
        }

        @Test
        void aChildThatWantedTheProcessorAndGotAlmostNothingBlamesTheMachine() {
            assertEquals(CallClock.Verdict.OVERLOADED, run(0.01, 0.9, PAST_PATIENCE));
        }

        @Test
        void theMachineIsBlamedOnlyAfterThePatience() {
            CallClock clock = new CallClock(BUDGET, BACKSTOP);
            long wall = 0;
            CallClock.Verdict v = CallClock.Verdict.RUNNING;
            while (v == CallClock.Verdict.RUNNING) {
                wall += POLL;
                v = clock.observe(wall, 0, true);
            }
            assertEquals(CallClock.Verdict.OVERLOADED, v);
            assertEquals(CallClock.OVERLOAD_PATIENCE * BACKSTOP, wall);
        }

        @Test
        void aGraderThatCouldNotPollBlamesTheMachine() {
            CallClock clock = new CallClock(BUDGET, BACKSTOP);
            assertEquals(CallClock.Verdict.RUNNING, clock.observe(POLL, 0, false));
            assertEquals(CallClock.Verdict.OVERLOADED, clock.observe(BACKSTOP, 0, false),
                    "two polls in 50 s: the grader's own thread was starved, which no child can cause");
        }

        @Test
        void aSleeperOnALoadedMachineStillGetsTheWallClockVerdict() {
            assertEquals(CallClock.Verdict.WAITED, run(0.0, 0.2, PAST_PATIENCE));
        }
    }
}
