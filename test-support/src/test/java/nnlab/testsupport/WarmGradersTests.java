package nnlab.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import nnlab.grader.Assignment;
import nnlab.grader.run.Grader;

/** A pool of warm graders lends each grader to one grading at a time and always takes it back. */
class WarmGradersTests {

    /** How long a test waits for the pool's threads: far more than handing out a grader takes. */
    private static final long WAIT_SECONDS = 30;

    /** An assignment no test grades with: making a grader calls none of its methods. */
    private static final Assignment UNUSED = (Assignment) Proxy.newProxyInstance(Assignment.class.getClassLoader(),
            new Class<?>[] {Assignment.class}, (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
            });

    @Nested
    class Lending {
        @Test
        void twoGradingsInFlightGetTwoDifferentGraders() throws Exception {
            WarmGraders pool = new WarmGraders(UNUSED, 2);
            CountDownLatch bothHoldOne = new CountDownLatch(2);
            Set<Grader> held = ConcurrentHashMap.newKeySet();
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> a = threads.submit(() -> pool.with(g -> holdUntilBoth(g, held, bothHoldOne)));
                Future<?> b = threads.submit(() -> pool.with(g -> holdUntilBoth(g, held, bothHoldOne)));
                a.get(WAIT_SECONDS, TimeUnit.SECONDS);
                b.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }
            assertEquals(2, held.size(), "the two gradings in flight shared a grader");
        }

        /** Each grader's compiler process starts on first use: gradings one at a time start one, not one per grader. */
        @Test
        void gradingsOneAfterAnotherGetTheSameGrader() {
            WarmGraders pool = new WarmGraders(UNUSED, 2);
            Grader first = pool.with(g -> g);
            for (int i = 0; i < 3; i++) {
                assertSame(first, pool.with(g -> g), "a grading one at a time was lent a colder grader");
            }
        }

        @Test
        void aGraderIsTakenBackWhenTheWorkFails() {
            WarmGraders pool = new WarmGraders(UNUSED, 1);
            Grader first = pool.with(g -> g);
            assertThrows(IllegalStateException.class, () -> pool.with(g -> {
                throw new IllegalStateException("a grading that fails");
            }));
            Grader again = assertTimeoutPreemptively(Duration.ofSeconds(WAIT_SECONDS), () -> pool.with(g -> g),
                    "the one grader was not taken back after a failed grading");
            assertSame(first, again);
        }
    }

    private static Object holdUntilBoth(Grader g, Set<Grader> held, CountDownLatch bothHoldOne) {
        held.add(g);
        bothHoldOne.countDown();
        try {
            assertTrue(bothHoldOne.await(WAIT_SECONDS, TimeUnit.SECONDS), "the other grading never got a grader");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return g;
    }
}
