package io.milvusbench.load;

import io.milvusbench.milvus.ErrorCause;
import io.milvusbench.results.ErrorTally;
import io.milvusbench.results.SeriesId;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What an open-loop phase records, for both open loops ({@link OpenLoop}: a worker thread per
 * request in flight; {@link AsyncOpenLoop}: answers on the transport's thread): the corrected,
 * uncorrected and send-lag recorders of its series, the failures by cause, the late sends, the
 * client's CPU from the start of the measurement window, and how the phase's end (unsent requests,
 * answers given up on, a server that is gone) turns into counted failures. Thread-safe: sends and
 * answers may be recorded from any thread.
 */
final class OpenLoopRecording {
    private final PerSecondLog log;
    private final SeriesId series;
    private final Phase phase;
    private final TaggedRecorder corrected;
    private final TaggedRecorder uncorrected;
    private final TaggedRecorder lag;
    private final ErrorTally errors = new ErrorTally();
    private final AtomicLong late = new AtomicLong();
    private final AtomicLong measured = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long lagBoundNs;
    private final long measureFrom;
    private final CompletableFuture<ProcessCpu.Sample> cpuMark;

    /** A phase of {@code phase} starting at {@code start} ({@link System#nanoTime()} scale). */
    OpenLoopRecording(PerSecondLog log, SeriesId series, Phase phase, long start, Duration lagBound) {
        this.log = log;
        this.series = series;
        this.phase = phase;
        this.corrected = log.add(series, series.with("correction", "corrected"));
        this.uncorrected = log.add(series, series.with("correction", "uncorrected"));
        SeriesId lagSeries = new SeriesId("sendlag", series.params());
        this.lag = log.add(lagSeries, lagSeries);
        this.lagBoundNs = lagBound.toNanos();
        this.measureFrom = start + phase.warmup().toNanos();
        corrected.measuringFrom(measureFrom);
        uncorrected.measuringFrom(measureFrom);
        lag.measuringFrom(measureFrom);
        this.cpuMark = ProcessCpu.sampleAt(measureFrom);
    }

    /** True for a request due inside the measurement window: only those are counted. */
    boolean inWindow(long intended) {
        return intended >= measureFrom;
    }

    /** The request due at {@code intended} was handed on to be sent: it counts as a request of the phase. */
    void dispatched(long intended) {
        if (inWindow(intended)) {
            measured.incrementAndGet();
        }
    }

    /** A request due at {@code intended} went out at {@code sentAt}: its lag, and whether it was late. */
    void sent(long intended, long sentAt) {
        if (inWindow(intended)) {
            lag.recordNanos(sentAt - intended);
            if (sentAt - intended > lagBoundNs) {
                late.incrementAndGet();
            }
        }
    }

    /** The answer to that request arrived at {@code done}: null {@code failure} is success. Ignored once the phase is closed. */
    void answered(long intended, long sentAt, long done, Throwable failure) {
        if (!inWindow(intended) || closed.get()) {
            return;
        }
        if (failure == null) {
            corrected.recordNanos(done - intended);
            uncorrected.recordNanos(done - sentAt);
        } else {
            errors.record(failure);
        }
    }

    /** No more answers are recorded (those still coming were given up on). */
    void close() {
        closed.set(true);
    }

    /**
     * Closes the phase and makes its result: {@code abandoned} requests got no answer in time
     * ({@code drainTimeout}, or a second once the server was {@code stopped}), {@code unsent} were
     * never sent (only those due inside the measurement window count).
     */
    LoadResult finish(Schedule schedule, int maxInFlight, long unsent, int abandoned, Optional<String> stopped, Duration drainTimeout) {
        close();
        if (abandoned > 0) {
            errors.record(stopped.isPresent() ? ErrorCause.of("server gone", stopped.get())
                    : ErrorCause.of("no answer", "no answer within the drain timeout of " + drainTimeout.toMillis() + " ms"), abandoned);
        }
        ProcessCpu.Usage cpu = ProcessCpu.since(cpuMark);
        log.finish(corrected, uncorrected, lag);
        double seconds = phase.measured().toNanos() / 1e9;
        long measuredUnsent = Math.min(unsent, (long) Math.ceil(seconds * schedule.shareRate()));
        errors.record(stopped.isPresent() ? ErrorCause.of("server gone", stopped.get() + "; not sent")
                : ErrorCause.of("not sent", "generator could not keep the rate before the phase ended"), measuredUnsent);
        return LoadResult.openLoop(series, schedule.shareRate(), maxInFlight)
                .requests(measured.get() + measuredUnsent, errors.count(), errors.reasons())
                .seconds(seconds)
                .latency(corrected.total())
                .uncorrected(uncorrected.total(), lag.total())
                // requests never sent because the generator fell behind are late sends; those a dead server stopped are not
                .lateSends(late.get() + (stopped.isPresent() ? 0 : measuredUnsent), lagBoundNs / 1e6)
                .clientCpu(cpu)
                .build();
    }

    /** Waits for a free in-flight slot, but not past {@code end}; false when the phase ended first. */
    static boolean acquire(Semaphore inFlight, long end) throws InterruptedException {
        if (inFlight.tryAcquire()) {
            return true;
        }
        long left = end - System.nanoTime();
        return left > 0 && inFlight.tryAcquire(left, TimeUnit.NANOSECONDS);
    }

    /** Parks until {@code deadline} ({@link System#nanoTime()} scale). */
    static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * Waits up to {@code timeout} for every in-flight request to answer, then closes the phase (later
     * answers are not recorded); returns how many requests were still waiting.
     */
    int drain(Semaphore inFlight, int maxInFlight, Duration timeout) throws InterruptedException {
        boolean drained = inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS);
        close();
        return drained ? 0 : maxInFlight - inFlight.availablePermits();
    }
}
