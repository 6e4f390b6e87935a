package io.milvusbench.load;

import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Semaphore;

/**
 * The open loop of {@link OpenLoop} (wrk2 method, the same tags and figures) without a thread per
 * request: one scheduling thread sends each request at its intended time on an
 * {@link AsyncOperation}, and the answer is recorded where it arrives, on the transport's thread,
 * against that intended time ({@code correction=corrected}) and against the actual send
 * ({@code correction=uncorrected}). How late each send went out is {@code sendlag[...]}.
 *
 * <p>At most {@code maxInFlight} requests are outstanding: when they are, the scheduler waits for
 * an answer, so the requests falling due meanwhile go out late (recorded as lag, counted as late
 * sends past {@code lagBound}) and those still unsent when the phase ends count as {@code not sent}.
 * Their corrected latency still runs from their intended time, so a stalled server is measured in
 * full even by a bounded generator. Bounded in count (the schedule's requests) and time (the
 * phase, then at most {@code drainTimeout} for answers; anything unanswered then is an error).
 */
public final class AsyncOpenLoop {
    private final Phase phase;
    private final int maxInFlight;
    private final Duration lagBound;
    private final Duration drainTimeout;

    public AsyncOpenLoop(Phase phase, int maxInFlight, Duration lagBound, Duration drainTimeout) {
        if (maxInFlight < 1) {
            throw new BadInputException("max in-flight requests must be at least 1, got " + maxInFlight);
        }
        this.phase = phase;
        this.maxInFlight = maxInFlight;
        this.lagBound = lagBound;
        this.drainTimeout = drainTimeout;
    }

    private volatile Supplier<Optional<String>> stop = Optional::empty;

    /**
     * Ends the phase early once {@code reason} answers (a server that is gone): nothing more is
     * sent, requests still waiting are given up after a second, and both count as failures with
     * that reason (as {@link OpenLoop#stopWhen}).
     */
    public AsyncOpenLoop stopWhen(Supplier<Optional<String>> reason) {
        this.stop = reason;
        return this;
    }

    /** The whole schedule at {@code rate}, starting now. */
    public LoadResult run(AsyncOperation op, double rate, SeriesId series, PerSecondLog log) {
        return run(op, Schedule.single(rate), System.nanoTime() + 1_000_000, series, log);
    }

    /**
     * Runs this process's share of {@code schedule}, the phase starting at {@code startNanos}
     * ({@link System#nanoTime()} scale); returns once every request has answered or been given up on.
     */
    public LoadResult run(AsyncOperation op, Schedule schedule, long startNanos, SeriesId series, PerSecondLog log) {
        OpenLoopRecording rec = new OpenLoopRecording(log, series, phase, startNanos, lagBound);
        Semaphore inFlight = new Semaphore(maxInFlight);
        long count = schedule.count(phase.total().toNanos());
        long end = startNanos + phase.total().toNanos();
        long sent = 0;
        Optional<String> stopped = Optional.empty();
        try {
            for (long i = 0; i < count; i++) {
                final long intended = startNanos + schedule.offsetNanos(i);
                OpenLoopRecording.waitUntil(intended);
                if ((stopped = stop.get()).isPresent()) {
                    break;
                }
                if (!OpenLoopRecording.acquire(inFlight, end)) {
                    break;
                }
                final long sentAt = System.nanoTime();
                rec.dispatched(intended);
                rec.sent(intended, sentAt);
                sent++;
                try {
                    op.send(schedule.sequence(i), failure -> {
                        rec.answered(intended, sentAt, System.nanoTime(), failure);
                        inFlight.release();
                    });
                } catch (RuntimeException e) {
                    rec.answered(intended, sentAt, System.nanoTime(), e);
                    inFlight.release();
                }
            }
            int abandoned = rec.drain(inFlight, maxInFlight, stopped.isPresent() ? Duration.ofSeconds(1) : drainTimeout);
            return rec.finish(schedule, maxInFlight, count - sent, abandoned, stopped, drainTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("open-loop run interrupted", e);
        } finally {
            rec.close();
        }
    }
}
