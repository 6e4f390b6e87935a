package io.milvusbench.load;

import io.milvusbench.BadInputException;
import io.milvusbench.results.ErrorTally;
import io.milvusbench.results.SeriesId;

import io.milvusbench.milvus.ErrorCause;

import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: {@code concurrency} threads, each sending its next request as soon as the last
 * one answered. Measures throughput and <em>service time</em> (from send to answer); a stalled
 * server simply gets fewer requests, so this is not the latency a user at a fixed arrival rate
 * sees (use {@link OpenLoop} for SLOs). Tag: {@code closedloop[concurrency=N;mix=M]}.
 *
 * <p>Bounded in count ({@code maxRequests} in total) and in time (the phase; a request in flight
 * at the end finishes within the RPC deadline and is not measured past the window).
 */
public final class ClosedLoop {
    private final int concurrency;
    private final Phase phase;
    private final long maxRequests;

    public ClosedLoop(int concurrency, Phase phase, long maxRequests) {
        LoadSettings.checkConcurrency(concurrency);
        if (maxRequests < 1) {
            throw new BadInputException("max requests must be positive, got " + maxRequests);
        }
        this.concurrency = concurrency;
        this.phase = phase;
        this.maxRequests = maxRequests;
    }

    private volatile Supplier<Optional<String>> stop = Optional::empty;

    /** Ends the level early once {@code reason} answers (a server that is gone); requests still waiting are given up after a second. */
    public ClosedLoop stopWhen(Supplier<Optional<String>> reason) {
        this.stop = reason;
        return this;
    }

    public int concurrency() {
        return concurrency;
    }

    public LoadResult run(Operation op, SeriesId series, PerSecondLog log) {
        TaggedRecorder latency = log.add(series, series);
        ErrorTally errors = new ErrorTally();
        AtomicLong issued = new AtomicLong();
        AtomicLong measured = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + phase.warmup().toNanos();
        long end = start + phase.total().toNanos();
        latency.measuringFrom(measureFrom);
        List<Thread> threads = new ArrayList<>(concurrency);
        CompletableFuture<ProcessCpu.Sample> cpuMark = ProcessCpu.sampleAt(measureFrom);
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                long seq;
                long now;
                while ((now = System.nanoTime()) < end && stop.get().isEmpty() && (seq = issued.getAndIncrement()) < maxRequests) {
                    boolean inWindow = now >= measureFrom;
                    try {
                        op.call(seq);
                        long done = System.nanoTime();
                        if (inWindow && done <= end) {
                            latency.recordNanos(done - now);
                            measured.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        if (inWindow) {
                            errors.record(e);
                            measured.incrementAndGet();
                        }
                    }
                }
            }, "closedloop-" + t);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            long givenUpAt = Long.MAX_VALUE;
            for (Thread thread : threads) {
                while (thread.isAlive()) {
                    thread.join(100);
                    if (givenUpAt == Long.MAX_VALUE && stop.get().isPresent()) {
                        givenUpAt = System.nanoTime() + 1_000_000_000L;
                    }
                    if (System.nanoTime() > givenUpAt) {
                        break;
                    }
                }
            }
            long abandoned = threads.stream().filter(Thread::isAlive).count();
            if (abandoned > 0) {
                errors.record(ErrorCause.of("server gone", stop.get().orElse("server gone")), abandoned);
                measured.addAndGet(abandoned);
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
}
