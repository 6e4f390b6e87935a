package io.milvusbench.load;

import io.milvusbench.gate.HlogFiles;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The open-loop generator against an in-process {@link Operation} that blocks at known requests, no
 * Milvus: 5 requests per second for 2.4 s (request {@code i} due at {@code i × 200 ms}), the first
 * 0.4 s (requests 0 and 1: class loading, first threads) warmup, one request in flight at most, so a
 * blocked request holds up the ones that fall due behind it.
 * <ul>
 *   <li>request 3 (due at 600 ms) blocks 700 ms: requests 4, 5 and 6 (due at 800, 1000, 1200 ms) go
 *       out when it answers, at 1300 ms or later. Measured from their intended start (corrected) they
 *       took at least 500, 300 and 100 ms; from the actual send (uncorrected) next to nothing.</li>
 *   <li>request 8 fails.</li>
 *   <li>request 9 (due at 1.8 s) blocks 1 s, past the end of the phase (2.4 s): requests 10 and 11
 *       are never sent and are counted as unsent.</li>
 * </ul>
 * Every other request answers at once. The margins are 100 ms either way (a held request took at
 * least 100 ms, an on-time one has 100 ms before the next falls due), with the line drawn at 50 ms.
 */
class OpenLoopTest {
    private static final long MS = 1_000_000L;
    private static final long LINE_MICROS = 50_000;

    @Test
    void aBlockedRequestIsChargedToEveryRequestBehindItAndUnsentRequestsAreCounted(@TempDir Path dir) {
        RunFolder folder = RunFolder.create(dir, "load");
        SeriesId series = SeriesId.of("openloop", "rate", 5, "mix", "blocking");
        Operation op = seq -> {
            if (seq == 3) {
                block(700 * MS);
            } else if (seq == 8) {
                throw new IllegalStateException("refused");
            } else if (seq == 9) {
                block(1_000 * MS);
            }
        };
        OpenLoop loop = new OpenLoop(5, Phase.of(0.4, 2.4), 1, Duration.ofMillis(50), Duration.ofSeconds(5));
        LoadResult r;
        try (PerSecondLog log = new PerSecondLog(folder)) {
            r = loop.run(op, series, log);
        }

        // 10 requests fell due in the measurement window; 8 were sent (2..9), 2 not (10, 11); one sent failed (8)
        assertEquals(10, r.requests());
        assertEquals(3, r.errors());
        assertEquals(Map.of("not sent: generator could not keep the rate before the phase ended", 2L,
                "client: refused", 1L), r.errorReasons());
        assertEquals(7, r.latency().getTotalCount());
        assertEquals(7, r.uncorrected().getTotalCount());
        assertEquals(8, r.sendLag().getTotalCount());

        // corrected: 3 (700 ms+), 4, 5, 6 (held: 500, 300, 100 ms+) and 9 (1 s+); uncorrected: only 3 and 9
        assertEquals(5, above(r.latency(), LINE_MICROS));
        assertEquals(2, above(r.uncorrected(), LINE_MICROS));
        assertTrue(r.latency().getMaxValue() >= 1_000_000, "max " + r.latency().getMaxValue());
        // sent later than the 50 ms lag bound: 4, 5, 6; plus the 2 never sent
        assertEquals(3, above(r.sendLag(), LINE_MICROS));
        assertEquals(5, r.lateSends());

        // the run folder's hlog says the same, read by the gate
        Map<SeriesId, List<Histogram>> logged = HlogFiles.read(folder.hlogFile(series));
        Histogram corrected = sum(logged.get(series.with("correction", "corrected")));
        Histogram uncorrected = sum(logged.get(series.with("correction", "uncorrected")));
        assertEquals(r.latency(), corrected);
        assertEquals(r.uncorrected(), uncorrected);
        assertEquals(5, above(corrected, LINE_MICROS));
        assertEquals(2, above(uncorrected, LINE_MICROS));
    }

    @Test
    void theSameRunWithoutBlockingHasNothingLateAndNothingUnsent(@TempDir Path dir) {
        RunFolder folder = RunFolder.create(dir, "load");
        SeriesId series = SeriesId.of("openloop", "rate", 5, "mix", "instant");
        LoadResult r;
        try (PerSecondLog log = new PerSecondLog(folder)) {
            r = new OpenLoop(5, Phase.of(0.4, 2.4), 1, Duration.ofMillis(50), Duration.ofSeconds(5)).run(seq -> { }, series, log);
        }
        assertEquals(10, r.requests());
        assertEquals(0, r.errors());
        assertEquals(10, r.latency().getTotalCount());
        assertEquals(0, above(r.latency(), LINE_MICROS), () -> values(r.latency()));
        assertEquals(0, r.lateSends());
        assertEquals(Map.of(), r.errorReasons());
    }

    private static long above(Histogram h, long micros) {
        return h.getCountBetweenValues(micros, Math.max(micros, h.getMaxValue()));
    }

    private static String values(Histogram h) {
        StringBuilder sb = new StringBuilder();
        h.recordedValues().forEach(v -> sb.append(v.getValueIteratedTo()).append('x').append(v.getCountAtValueIteratedTo()).append(' '));
        return sb.toString();
    }

    private static Histogram sum(List<Histogram> intervals) {
        Histogram out = new Histogram(3);
        out.setAutoResize(true);
        intervals.forEach(out::add);
        return out;
    }

    /** Blocks for at least {@code nanos}: parks until the clock has moved that far. */
    private static void block(long nanos) {
        long until = System.nanoTime() + nanos;
        long left;
        while ((left = until - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }
}
