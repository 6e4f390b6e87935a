package io.milvusbench.load;

import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Fixed-rate (open-loop) load, the wrk2 method: request {@code i} is due at
 * {@code start + i / rate} whatever happened to earlier requests, and its latency is measured
 * from that intended time (tag {@code correction=corrected}); the latency from the moment it was
 * actually sent is kept beside it ({@code correction=uncorrected}). A stalled server therefore
 * shows up in the corrected histogram in full, with as many slow samples as requests fell due
 * during the stall.
 *
 * <p>A scheduler thread hands each due request to a pool of worker threads; at most
 * {@code maxInFlight} requests are outstanding. When that bound (or the machine) holds the
 * scheduler up, requests go out late: how late is recorded as {@code sendlag[...]} and every send
 * later than {@code lagBound} is counted, so the report says when the generator itself fell
 * behind. Requests still unsent when the phase ends are counted as {@code unsent}.
 *
 * <p>Bounded in count ({@code rate × total} requests) and time (the phase, then at most
 * {@code drainTimeout} for answers; anything unanswered by then is an error).
 */
public final class OpenLoop {
    private final double rate;
    private final Phase phase;
    private final int maxInFlight;
    private final Duration lagBound;
    private final Duration drainTimeout;

    public OpenLoop(double rate, Phase phase, int maxInFlight, Duration lagBound, Duration drainTimeout) {
        LoadSettings.checkRate(rate);
        if (maxInFlight < 1) {
            throw new BadInputException("max in-flight requests must be at least 1, got " + maxInFlight);
        }
        this.rate = rate;
        this.phase = phase;
        this.maxInFlight = maxInFlight;
        this.lagBound = lagBound;
        this.drainTimeout = drainTimeout;
    }

    private volatile Supplier<Optional<String>> stop = Optional::empty;

    public double rate() {
        return rate;
    }

    /**
     * Ends the phase early once {@code reason} answers (a server that is gone): nothing more is
     * sent, requests still waiting are given up after a second, and both count as failures with
     * that reason.
     */
    public OpenLoop stopWhen(Supplier<Optional<String>> reason) {
        this.stop = reason;
        return this;
    }

    /** Runs the phase and returns once every request has answered or been given up on. */
    public LoadResult run(Operation op, SeriesId series, PerSecondLog log) {
        return run(op, Schedule.single(rate), System.nanoTime() + 1_000_000, series, log);
    }

    /**
     * Runs this process's share of {@code schedule} (its rate is the whole schedule's), the phase
     * starting at {@code start} ({@link System#nanoTime()} scale).
     */
    public LoadResult run(Operation op, Schedule schedule, long start, SeriesId series, PerSecondLog log) {
        OpenLoopRecording rec = new OpenLoopRecording(log, series, phase, start, lagBound);
        Semaphore inFlight = new Semaphore(maxInFlight);
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "openloop-worker");
            t.setDaemon(true);
            return t;
        });
        long count = schedule.count(phase.total().toNanos());
        long end = start + phase.total().toNanos();
        long sent = 0;
        Optional<String> stopped = Optional.empty();
        try {
            for (long i = 0; i < count; i++) {
                final long intended = start + schedule.offsetNanos(i);
                OpenLoopRecording.waitUntil(intended);
                if ((stopped = stop.get()).isPresent()) {
                    break;
                }
                if (!OpenLoopRecording.acquire(inFlight, end)) {
                    break;
                }
                final long seq = schedule.sequence(i);
                rec.dispatched(intended);
                workers.execute(() -> {
                    long sentAt = System.nanoTime();
                    rec.sent(intended, sentAt);
                    Throwable failure = null;
                    try {
                        op.call(seq);
                    } catch (Throwable e) {
                        failure = e;
                    } finally {
                        rec.answered(intended, sentAt, System.nanoTime(), failure);
                        inFlight.release();
                    }
                });
                sent++;
            }
            int abandoned = rec.drain(inFlight, maxInFlight, stopped.isPresent() ? Duration.ofSeconds(1) : drainTimeout);
            return rec.finish(schedule, maxInFlight, count - sent, abandoned, stopped, drainTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("open-loop run interrupted", e);
        } finally {
            rec.close();
            workers.shutdownNow();
        }
    }
}
