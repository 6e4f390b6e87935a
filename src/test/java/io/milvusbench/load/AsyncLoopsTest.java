package io.milvusbench.load;

import io.milvusbench.results.RunFolder;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The async loops against an in-process {@link AsyncOperation} whose answers arrive on another
 * thread after known delays, no Milvus: the open loop charges a held request to those behind it
 * and counts unsent ones exactly as {@link OpenLoopTest} shows for the threaded loop; both loops
 * end within about a second once the server is reported gone, counting what was left as failures.
 */
class AsyncLoopsTest {
    private static final long LINE_MICROS = 50_000;
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        answers.shutdownNow();
    }

    /** Answers request {@code seq} after {@code delayMs(seq)} ms (negative: never), failing request 8. */
    private AsyncOperation op(java.util.function.LongToIntFunction delayMs) {
        return (seq, done) -> {
            int delay = delayMs.applyAsInt(seq);
            if (delay < 0) {
                return;
            }
            Consumer<Throwable> answer = done;
            answers.schedule(() -> answer.accept(seq == 8 ? new IllegalStateException("refused") : null), delay, TimeUnit.MILLISECONDS);
        };
    }

    @Test
    void heldRequestsAreChargedFromTheirIntendedStartAndUnsentOnesCounted(@TempDir Path dir) {
        SeriesId series = SeriesId.of("openloop", "rate", 5, "mix", "blocking");
        AsyncOperation op = op(seq -> seq == 3 ? 700 : seq == 9 ? 1_000 : 0);
        LoadResult r;
        try (PerSecondLog log = new PerSecondLog(RunFolder.create(dir, "load"))) {
            r = new AsyncOpenLoop(Phase.of(0.4, 2.4), 1, Duration.ofMillis(50), Duration.ofSeconds(5)).run(op, 5, series, log);
        }
        assertEquals(10, r.requests());
        assertEquals(3, r.errors());
        assertEquals(Map.of("not sent: generator could not keep the rate before the phase ended", 2L,
                "client: refused", 1L), r.errorReasons());
        assertEquals(7, r.latency().getTotalCount());
        assertEquals(5, above(r.latency(), LINE_MICROS), "corrected: 3, 4, 5, 6 and 9");
        assertEquals(2, above(r.uncorrected(), LINE_MICROS), "uncorrected: 3 and 9");
        assertEquals(5, r.lateSends(), "4, 5, 6 sent late; 10 and 11 never");
        assertTrue(r.clientCpuSeconds() >= 0, "cpu " + r.clientCpuSeconds());
    }

    @Test
    void theOpenLoopEndsSoonAfterTheServerIsGone(@TempDir Path dir) {
        long goneAt = System.nanoTime() + 1_500_000_000L;
        AsyncOperation op = op(seq -> System.nanoTime() > goneAt - 300_000_000L ? -1 : 0);
        LoadResult r;
        long t0 = System.nanoTime();
        try (PerSecondLog log = new PerSecondLog(RunFolder.create(dir, "load"))) {
            r = new AsyncOpenLoop(Phase.of(0.5, 30), 64, Duration.ofMillis(50), Duration.ofSeconds(30))
                    .stopWhen(() -> System.nanoTime() > goneAt ? Optional.of("connection refused") : Optional.empty())
                    .run(op, 20, SeriesId.of("openloop", "rate", 20), log);
        }
        double took = (System.nanoTime() - t0) / 1e9;
        assertTrue(took < 5, "took " + took + " s of a 30 s phase");
        long gone = r.errorReasons().entrySet().stream().filter(e -> e.getKey().startsWith("server gone"))
                .mapToLong(Map.Entry::getValue).sum();
        assertTrue(gone > 500, "unanswered and unsent requests count as server gone: " + r.errorReasons());
        assertEquals(r.errors(), r.requests() - r.latency().getTotalCount());
    }

    @Test
    void theClosedLoopGivesUpWaitingChainsOnceTheServerIsGone(@TempDir Path dir) {
        long goneAt = System.nanoTime() + 1_000_000_000L;
        AsyncOperation op = op(seq -> System.nanoTime() > goneAt - 200_000_000L ? -1 : 1);
        LoadResult r;
        long t0 = System.nanoTime();
        try (PerSecondLog log = new PerSecondLog(RunFolder.create(dir, "load"))) {
            r = new AsyncClosedLoop(4, Phase.of(0.2, 30), 1_000_000)
                    .stopWhen(() -> System.nanoTime() > goneAt ? Optional.of("connection refused") : Optional.empty())
                    .run(op, SeriesId.of("closedloop", "concurrency", 4), log, 30_000);
        }
        double took = (System.nanoTime() - t0) / 1e9;
        assertTrue(took < 4, "took " + took + " s of a 30 s phase");
        assertEquals(Map.of("server gone: connection refused", 4L), r.errorReasons(), "the 4 waiting chains");
        assertTrue(r.latency().getTotalCount() > 10, "answered before: " + r.latency().getTotalCount());
        assertEquals(r.requests(), r.latency().getTotalCount() + 4);
    }

    private static long above(Histogram h, long micros) {
        return h.getTotalCount() - h.getCountBetweenValues(0, micros);
    }
}
