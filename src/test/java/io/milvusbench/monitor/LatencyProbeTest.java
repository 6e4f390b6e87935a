package io.milvusbench.monitor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatencyProbeTest {

    @Test
    void countsFailuresAndStopsAfterConsecutiveOnes() {
        AtomicInteger calls = new AtomicInteger();
        LatencyProbe.Result r = LatencyProbe.run("x", 100, Duration.ofSeconds(10), 3, () -> {
            if (calls.incrementAndGet() > 2) {
                throw new IllegalStateException("UNAVAILABLE: io exception");
            }
        });
        assertEquals(5, calls.get(), "2 successes, then 3 consecutive failures stop the probe");
        assertEquals(2, r.histogram().getTotalCount());
        assertEquals(3, r.errors());
        assertEquals("UNAVAILABLE: io exception", r.lastError());
    }

    @Test
    void budgetBoundsTheRun() {
        long start = System.nanoTime();
        LatencyProbe.Result r = LatencyProbe.run("x", 1_000_000, Duration.ofMillis(200), 1, () -> Thread.sleep(5));
        assertTrue((System.nanoTime() - start) / 1e6 < 1_000);
        assertTrue(r.histogram().getTotalCount() > 5 && r.histogram().getTotalCount() < 100);
        LatencySummary summary = r.summary();
        assertTrue(summary.p50Ms() >= 5 && summary.p50Ms() <= summary.p99Ms() && summary.p99Ms() <= summary.maxMs());
    }

    @Test
    void noSuccessMeansNoPercentiles() {
        LatencySummary s = LatencyProbe.run("x", 3, Duration.ofSeconds(1), 5, () -> {
            throw new RuntimeException("refused");
        }).summary();
        assertEquals(0, s.count());
        assertEquals(3, s.errors());
        assertNull(s.p95Ms());
    }
}
