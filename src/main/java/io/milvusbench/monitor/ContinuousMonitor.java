package io.milvusbench.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Continuous mode: a snapshot every {@code interval} (fixed rate; a slow snapshot delays the next,
 * never causes a burst), each recorded as it completes, for {@code duration} or until
 * {@link #requestStop()} (the CLI's Ctrl-C hook). Errors and outages never end the run: a down
 * server gives {@code down} snapshots, and the first snapshot after it carries the outage length.
 * {@link #run()} always completes the run folder.
 */
public final class ContinuousMonitor {
    /** Hard cap on snapshots in one run, whatever the duration. */
    static final long MAX_SNAPSHOTS = 10_000_000L;

    private final ComponentMonitor monitor;
    private final MonitorRecorder recorder;
    private final AlertEvaluator alerts;
    private final Advisor advisor;
    private final Duration interval;
    private final Duration duration;
    private final int writeProbeEvery;
    private final Consumer<JudgedSnapshot> listener;
    private final OutageTracker outages = new OutageTracker();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Map<String, Object> summary;

    /**
     * @param duration        zero: until stopped
     * @param writeProbeEvery run the write probe in snapshot 1, 1+N, 1+2N, ...; 0 never
     * @param listener        called after each snapshot is recorded (progress line, exporter)
     */
    public ContinuousMonitor(ComponentMonitor monitor, MonitorRecorder recorder, AlertEvaluator alerts, Advisor advisor,
                             Duration interval, Duration duration, int writeProbeEvery, Consumer<JudgedSnapshot> listener) {
        this.monitor = monitor;
        this.recorder = recorder;
        this.alerts = alerts;
        this.advisor = advisor;
        this.interval = interval;
        this.duration = duration;
        this.writeProbeEvery = writeProbeEvery;
        this.listener = listener;
    }

    /** Runs until the duration passes or a stop is requested; returns the run's summary. */
    public Map<String, Object> run() {
        Instant started = Instant.now();
        long end = duration.isZero() ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        long up = 0;
        long down = 0;
        long critical = 0;
        long warnings = 0;
        long probeErrors = 0;
        long sequence = 0;
        try {
            long next = System.nanoTime();
            while (stop.getCount() > 0 && System.nanoTime() < end && sequence < MAX_SNAPSHOTS) {
                sequence++;
                boolean write = writeProbeEvery > 0 && (sequence - 1) % writeProbeEvery == 0;
                ComponentMonitor.Taken taken = monitor.take(sequence, write);
                Snapshot tracked = outages.apply(taken.snapshot());
                JudgedSnapshot o = JudgedSnapshot.of(tracked, taken.latencies(), alerts, advisor);
                recorder.record(o);
                if (o.snapshot().up()) {
                    up++;
                } else {
                    down++;
                }
                probeErrors += o.snapshot().errors() == null ? 0 : o.snapshot().errors().size();
                for (Alert a : o.snapshot().alerts()) {
                    if (a.critical()) {
                        critical++;
                    } else {
                        warnings++;
                    }
                }
                listener.accept(o);
                next = Math.max(next + interval.toNanos(), System.nanoTime());
                long wait = Math.min(next, end) - System.nanoTime();
                if (wait > 0 && stop.await(wait, TimeUnit.NANOSECONDS)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("started", started.toString());
            s.put("snapshots", sequence);
            s.put("up", up);
            s.put("down", down);
            s.put("probe_errors", probeErrors);
            s.put("alerts_critical", critical);
            s.put("alerts_warning", warnings);
            s.put("outages", outages.outages());
            if (outages.ongoingSince() != null) {
                s.put("down_since", outages.ongoingSince().toString());
            }
            s.put("stopped_by", stop.getCount() == 0 ? "request" : "duration");
            s.put("run_folder", recorder.finish(s).toString());
            summary = s;
            monitor.close();
            finished.countDown();
        }
        return summary;
    }

    /** Asks the loop to stop after the snapshot in progress; safe from any thread (e.g. a shutdown hook). */
    public void requestStop() {
        stop.countDown();
    }

    /** Waits until {@link #run()} has completed the run folder. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
