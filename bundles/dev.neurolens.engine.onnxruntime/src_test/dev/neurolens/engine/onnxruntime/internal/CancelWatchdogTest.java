package dev.neurolens.engine.onnxruntime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.progress.Progress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one thread that stops cancelled native runs. */
class CancelWatchdogTest {

    @Test
    void stopsACancelledRunOnceWithinAPoll() throws Exception {
        CancelWatchdog watchdog = new CancelWatchdog();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger stops = new AtomicInteger();
        CountDownLatch stopped = new CountDownLatch(1);
        try (CancelWatchdog.Watch w = watchdog.watch(progress(cancelled), () -> {
            stops.incrementAndGet();
            stopped.countDown();
        })) {
            Thread.sleep(5 * CancelWatchdog.POLL_MILLIS);
            assertFalse(w.fired(), "not cancelled: not stopped");
            cancelled.set(true);
            assertTrue(stopped.await(1, TimeUnit.SECONDS), "stopped within a second of the cancel");
            assertTrue(w.fired());
            Thread.sleep(5 * CancelWatchdog.POLL_MILLIS);
        }
        assertEquals(1, stops.get(), "a run is stopped once, not at every poll");
    }

    @Test
    void neverStopsARunAfterItsWatchClosed() throws Exception {
        CancelWatchdog watchdog = new CancelWatchdog();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger stops = new AtomicInteger();
        CancelWatchdog.Watch w = watchdog.watch(progress(cancelled), stops::incrementAndGet);
        w.close();
        cancelled.set(true);
        Thread.sleep(5 * CancelWatchdog.POLL_MILLIS);
        assertEquals(0, stops.get(), "the run options of a finished run may be closed: never touched");
        assertFalse(w.fired());
    }

    @Test
    void watchesRunsSideBySideAndStopsOnlyTheCancelledOne() throws Exception {
        CancelWatchdog watchdog = new CancelWatchdog();
        AtomicBoolean first = new AtomicBoolean();
        AtomicBoolean second = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger otherStops = new AtomicInteger();
        try (CancelWatchdog.Watch a = watchdog.watch(progress(first), otherStops::incrementAndGet);
                CancelWatchdog.Watch b = watchdog.watch(progress(second), stopped::countDown)) {
            second.set(true);
            assertTrue(stopped.await(1, TimeUnit.SECONDS));
            assertTrue(b.fired());
            assertFalse(a.fired());
            assertEquals(0, otherStops.get());
        }
    }

    @Test
    void itsThreadEndsWhenIdleAndComesBackForTheNextRun() throws Exception {
        CancelWatchdog watchdog = new CancelWatchdog(50);
        assertFalse(watchdog.running(), "no thread before the first run");
        watchdog.watch(Progress.NONE, () -> { }).close();
        assertTrue(watchdog.running());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (watchdog.running() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertFalse(watchdog.running(), "the thread ends after 50 ms without runs");

        AtomicBoolean cancelled = new AtomicBoolean(true);
        CountDownLatch stopped = new CountDownLatch(1);
        try (CancelWatchdog.Watch w = watchdog.watch(progress(cancelled), stopped::countDown)) {
            assertTrue(watchdog.running(), "a new run starts a new thread");
            assertTrue(stopped.await(1, TimeUnit.SECONDS));
        }
    }

    private static Progress progress(AtomicBoolean cancelled) {
        return new Progress() {
            @Override public void begin(String task, long totalWork) { }
            @Override public void worked(long units) { }
            @Override public void subTask(String name) { }
            @Override public boolean isCancelled() { return cancelled.get(); }
        };
    }
}
