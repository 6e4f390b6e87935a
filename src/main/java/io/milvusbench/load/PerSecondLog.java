package io.milvusbench.load;

import io.milvusbench.results.RunFolder;
import io.milvusbench.results.SeriesId;
import io.milvusbench.results.HlogWriter;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code hlog/} side of a load run: every tag's interval written once per second (the run-folder
 * contract), one {@link HlogWriter} per file (its unit, floor and header). Several tags may share a file,
 * e.g. an open-loop series' corrected and uncorrected tags. Within a phase's measurement window an
 * interval is written every second even when no request succeeded in it (count zero), so an
 * outage shows in the timeline instead of leaving a gap or an empty log.
 *
 * <pre>{@code
 * try (PerSecondLog log = new PerSecondLog(folder)) {
 *     TaggedRecorder r = log.add(fileSeries, tag);
 *     log.start();            // one interval per second from now on
 *     ... r.recordNanos(...) ...
 * }                           // final interval written, files closed
 * }</pre>
 */
public final class PerSecondLog implements AutoCloseable {
    private final RunFolder folder;
    private final Map<String, HlogWriter> writers = new LinkedHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private ScheduledExecutorService ticker;

    private record Entry(TaggedRecorder recorder, HlogWriter writer) {
    }

    public PerSecondLog(RunFolder folder) {
        this.folder = folder;
    }

    /** A recorder whose intervals go to {@code hlog/<file>.hlog} under {@code tag}. */
    public synchronized TaggedRecorder add(SeriesId file, SeriesId tag) {
        HlogWriter writer = writers.computeIfAbsent(RunFolder.fileName(file),
                name -> HlogWriter.open(folder.hlogFile(file), file + ": client-side latency, one interval per second"));
        TaggedRecorder recorder = new TaggedRecorder(tag);
        entries.add(new Entry(recorder, writer));
        return recorder;
    }

    /** Starts writing one interval per second, on a daemon thread. */
    public synchronized void start() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hlog-interval");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * Moves the ticks onto the wall-clock grid {@code epochMs + k × 1 s}, so the intervals of
     * several generator processes started for the same instant cover the same seconds and can be
     * added interval by interval.
     */
    public synchronized void alignTo(long epochMs) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hlog-interval");
            t.setDaemon(true);
            return t;
        });
        long delay = Math.floorMod(epochMs - System.currentTimeMillis(), 1000L);
        ticker.scheduleAtFixedRate(this::tick, delay, 1000, TimeUnit.MILLISECONDS);
    }

    /**
     * Drains every recorder and writes each non-empty interval, and the empty ones of recorders in
     * their measurement window ({@link TaggedRecorder#measuringFrom}): a second without a single
     * success is still a line of the log.
     */
    public synchronized void tick() {
        long now = System.nanoTime();
        for (Entry e : entries) {
            Histogram interval = e.recorder.drainInterval();
            if (interval.getTotalCount() > 0 || e.recorder.intervalDue(now)) {
                e.writer.write(interval);
            }
        }
    }

    /** Writes the last interval of these recorders (their phase ended) and stops their empty intervals. */
    public synchronized void finish(TaggedRecorder... recorders) {
        tick();
        for (TaggedRecorder r : recorders) {
            r.stop();
        }
    }

    /** Writes the last interval and closes every file. */
    @Override
    public void close() {
        ScheduledExecutorService t;
        synchronized (this) {
            t = ticker;
            ticker = null;
        }
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            tick();
            writers.values().forEach(HlogWriter::close);
            writers.clear();
        }
    }
}
