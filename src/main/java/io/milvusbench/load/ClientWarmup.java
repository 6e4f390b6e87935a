package io.milvusbench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Warms the client up before the first measured phase: the run's own requests from a few threads,
 * unmeasured, until the JVM's JIT compiler has settled (its threads used less than
 * {@value #SETTLED_SHARE} of a core over the last second, read from /proc as {@link ProcessCpu}
 * does) or {@code max} has passed. Without it the first phase pays for compiling the client's
 * code: on the machine the server runs on, that CPU is taken from the server (latency) and is
 * counted in the client's CPU per request. Bounded in time ({@code max}) and stopped early by a
 * server that is gone. Where the JIT's part cannot be read it runs {@value #BLIND_SECONDS} s.
 */
public final class ClientWarmup {
    static final double SETTLED_SHARE = 0.05;
    static final double MIN_SECONDS = 2;
    static final double BLIND_SECONDS = 3;
    private static final int THREADS = 4;
    private static final long FAILURE_PAUSE_NS = 10_000_000L;
    private static final long JOIN_NS = 2_000_000_000L;

    private ClientWarmup() {
    }

    /** What the warm-up did: how long, how many requests (how many failed), the JIT's CPU, and whether it settled. */
    public record Outcome(double seconds, long requests, long failures, double jitSeconds, boolean settled, String serverGone) {
        /** For run.json: {@code seconds}, {@code requests}, {@code failures}, {@code jit_cpu_seconds}, {@code settled}. */
        public java.util.Map<String, Object> toMap() {
            java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("seconds", Math.round(seconds * 1000) / 1000.0);
            m.put("requests", requests);
            m.put("failures", failures);
            m.put("jit_cpu_seconds", Double.isNaN(jitSeconds) ? null : Math.round(jitSeconds * 1000) / 1000.0);
            m.put("settled", settled);
            if (serverGone != null) {
                m.put("server_gone", serverGone);
            }
            return m;
        }

        public String describe() {
            return String.format(Locale.ROOT, "client warm-up: %.1f s, %,d requests (%d failed), JIT %.2f s of CPU, %s",
                    seconds, requests, failures, jitSeconds, serverGone != null ? "stopped: the server is gone (" + serverGone + ")"
                            : settled ? "settled (JIT < " + Math.round(100 * SETTLED_SHARE) + " % of a core)"
                            : "not settled within the limit: the first phase still pays for some compiling");
        }
    }

    public static Outcome run(Operation op, Duration max, Supplier<Optional<String>> stop) {
        long t0 = System.nanoTime();
        long end = t0 + max.toNanos();
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                long seq;
                while (!done.get() && System.nanoTime() < end) {
                    seq = sequence.getAndIncrement();
                    try {
                        op.call(seq);
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        LockSupport.parkNanos(FAILURE_PAUSE_NS);   // a refusing server answers at once: no spinning on it
                    }
                }
            }, "client-warmup-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        ProcessCpu.Sample first = ProcessCpu.sample();
        ProcessCpu.Sample last = first;
        boolean settled = false;
        String gone = null;
        try {
            while (System.nanoTime() < end) {
                Optional<String> stopped = stop.get();
                if (stopped.isPresent()) {
                    gone = stopped.get();
                    break;
                }
                Thread.sleep(Math.max(1, Math.min(1000, (end - System.nanoTime()) / 1_000_000)));
                ProcessCpu.Sample now = ProcessCpu.sample();
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double jitLastSecond = ProcessCpu.between(last, now).jitSeconds();
                last = now;
                if (Double.isNaN(jitLastSecond) ? elapsed >= BLIND_SECONDS : elapsed >= MIN_SECONDS && jitLastSecond < SETTLED_SHARE) {
                    settled = !Double.isNaN(jitLastSecond);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done.set(true);
        }
        long joinBy = System.nanoTime() + JOIN_NS;   // a request still waiting on a slow server is left to its deadline
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, (joinBy - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        double jit = ProcessCpu.between(first, ProcessCpu.sample()).jitSeconds();
        return new Outcome((System.nanoTime() - t0) / 1e9, sequence.get(), failures.get(), jit, settled, gone);
    }
}
