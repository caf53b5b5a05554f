package nnlab.grader.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@link Once}: the sandbox's probe and the runtime bundle are made once per JVM, whoever asks first. */
class OnceTests {

    private static final int THREADS = 8;

    @Nested
    class Concurrency {

        @Test
        void threadsAskingTogetherShareOneValueMadeOnce() throws Exception {
            AtomicInteger made = new AtomicInteger();
            Once<Object> once = new Once<>(() -> {
                made.incrementAndGet();
                return new Object();
            });
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<Object>> values = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    values.add(pool.submit(() -> {
                        start.await();
                        return once.get();
                    }));
                }
                start.countDown();
                Object first = values.get(0).get();
                for (Future<Object> v : values) {
                    assertSame(first, v.get());
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, made.get());
        }
    }

    @Nested
    class Failure {

        @Test
        void aMakerThatThrowsIsAskedAgainByTheNextCall() {
            AtomicInteger calls = new AtomicInteger();
            Once<String> once = new Once<>(() -> {
                if (calls.incrementAndGet() == 1) {
                    throw new IllegalStateException("first try fails");
                }
                return "made";
            });
            assertThrows(IllegalStateException.class, once::get);
            assertEquals("made", once.get());
            assertEquals("made", once.get());
            assertEquals(2, calls.get());
        }
    }
}
