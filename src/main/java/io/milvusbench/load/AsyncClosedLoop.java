package io.milvusbench.load;

import io.milvusbench.BadInputException;
import io.milvusbench.milvus.ErrorCause;
import io.milvusbench.results.ErrorTally;
import io.milvusbench.results.SeriesId;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The closed loop of {@link ClosedLoop} (same tag, same figures: QPS and service time) without a
 * thread per client: {@code concurrency} request chains on an {@link AsyncOperation}, each sending
 * its next request from the answer of the last one. Bounded in count ({@code maxRequests}) and time
 * (no request is started after the phase; the last ones answer within the RPC deadline).
 */
public final class AsyncClosedLoop {
    private final int concurrency;
    private final Phase phase;
    private final long maxRequests;

    public AsyncClosedLoop(int concurrency, Phase phase, long maxRequests) {
        LoadSettings.checkConcurrency(concurrency);
        if (maxRequests < 1) {
            throw new BadInputException("max requests must be positive, got " + maxRequests);
        }
        this.concurrency = concurrency;
        this.phase = phase;
        this.maxRequests = maxRequests;
    }

    private volatile Supplier<Optional<String>> stop = Optional::empty;

    /**
     * Ends the level early once {@code reason} answers (a server that is gone): no chain sends
     * again, and chains still waiting for an answer are given up after a second, each counted as
     * a failure with that reason (as {@link ClosedLoop#stopWhen}).
     */
    public AsyncClosedLoop stopWhen(Supplier<Optional<String>> reason) {
        this.stop = reason;
        return this;
    }

    /** @param answerTimeoutMs how long to wait for the last answers after the phase (the RPC deadline and some) */
    public LoadResult run(AsyncOperation op, SeriesId series, PerSecondLog log, long answerTimeoutMs) {
        TaggedRecorder latency = log.add(series, series);
        ErrorTally errors = new ErrorTally();
        AtomicLong issued = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        long measureFrom = start + phase.warmup().toNanos();
        long end = start + phase.total().toNanos();
        latency.measuringFrom(measureFrom);
        CompletableFuture<ProcessCpu.Sample> cpuMark = ProcessCpu.sampleAt(measureFrom);
        Chain[] chains = new Chain[concurrency];
        for (int c = 0; c < concurrency; c++) {
            chains[c] = new Chain(op, errors, latency, issued, measured, finished, measureFrom, end, maxRequests, () -> stop.get());
        }
        for (Chain c : chains) {
            c.next();
        }
        try {
            long giveUpAt = end + TimeUnit.MILLISECONDS.toNanos(answerTimeoutMs);
            while (!finished.await(100, TimeUnit.MILLISECONDS)) {
                Optional<String> gone = stop.get();
                if (gone.isPresent()) {
                    giveUpAt = Math.min(giveUpAt, System.nanoTime() + 1_000_000_000L);
                }
                if (System.nanoTime() - giveUpAt > 0) {
                    if (gone.isEmpty()) {
                        throw new IllegalStateException("closed loop: " + finished.getCount() + " request chain(s) got no answer within "
                                + answerTimeoutMs + " ms after the phase");
                    }
                    for (Chain c : chains) {
                        c.abandon(ErrorCause.of("server gone", gone.get()));
                    }
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("closed-loop run interrupted", e);
        }
        ProcessCpu.Usage cpu = ProcessCpu.since(cpuMark);
        log.finish(latency);
        double seconds = Math.max(1e-9, (Math.min(System.nanoTime(), end) - measureFrom) / 1e9);
        return LoadResult.closedLoop(series, concurrency)
                .requests(measured.get(), errors.count(), errors.reasons())
                .seconds(seconds)
                .latency(latency.total())
                .clientCpu(cpu)
                .build();
    }

    /**
     * One simulated client. {@link #next} may be called from the answer of a request that failed
     * inside {@code send} itself (on the same stack); the work counter turns such re-entry into a
     * loop, so the stack never grows and no send is lost.
     */
    private static final class Chain {
        private final AsyncOperation op;
        private final ErrorTally errors;
        private final TaggedRecorder latency;
        private final AtomicLong issued;
        private final AtomicLong measured;
        private final CountDownLatch finished;
        private final long measureFrom;
        private final long end;
        private final long maxRequests;
        private final AtomicInteger work = new AtomicInteger();
        private final Supplier<Optional<String>> stop;
        /** Set once: the chain ended (finished counted down) or was given up. */
        private final AtomicBoolean over = new AtomicBoolean();

        Chain(AsyncOperation op, ErrorTally errors, TaggedRecorder latency, AtomicLong issued, AtomicLong measured,
              CountDownLatch finished, long measureFrom, long end, long maxRequests, Supplier<Optional<String>> stop) {
            this.op = op;
            this.errors = errors;
            this.latency = latency;
            this.issued = issued;
            this.measured = measured;
            this.finished = finished;
            this.measureFrom = measureFrom;
            this.end = end;
            this.maxRequests = maxRequests;
            this.stop = stop;
        }

        /** The phase is over and this chain still waits for an answer: counted as one failure of {@code cause}. */
        void abandon(ErrorCause cause) {
            if (over.compareAndSet(false, true)) {
                errors.record(cause, 1);
                measured.incrementAndGet();
            }
        }

        private void end() {
            if (over.compareAndSet(false, true)) {
                finished.countDown();
            }
        }

        void next() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                sendOne();
            } while (work.decrementAndGet() != 0);
        }

        private void sendOne() {
            long now = System.nanoTime();
            long seq;
            if (over.get()) {
                return;
            }
            if (now >= end || stop.get().isPresent() || (seq = issued.getAndIncrement()) >= maxRequests) {
                end();
                return;
            }
            boolean inWindow = now >= measureFrom;
            try {
                op.send(seq, failure -> {
                    long done = System.nanoTime();
                    if (over.get()) {
                        return;
                    }
                    if (inWindow && failure == null && done <= end) {
                        latency.recordNanos(done - now);
                        measured.incrementAndGet();
                    } else if (inWindow && failure != null) {
                        errors.record(failure);
                        measured.incrementAndGet();
                    }
                    next();
                });
            } catch (RuntimeException e) {
                if (inWindow) {
                    errors.record(e);
                    measured.incrementAndGet();
                }
                work.incrementAndGet();
            }
        }
    }
}
