package io.milvusbench.bench;

import io.milvusbench.results.RunFolder;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The HdrHistogram interval log of one series: latencies recorded in microseconds while an
 * iteration runs, written as one tagged interval per measurement iteration to
 * {@code hlog/<series>.hlog}; warmup iterations are recorded and thrown away. Timestamps are
 * absolute (seconds since the epoch), so a later fork of the same series appends its intervals
 * to the same file without a second base time. No file is written without a run folder.
 *
 * <pre>{@code
 * IntervalLog log = IntervalLog.open(SeriesId.parse("search[index=HNSW;ef=64]"));
 * long t0 = System.nanoTime(); ...; log.recordNanos(System.nanoTime() - t0);
 * log.endIteration(iterationParams);   // from @TearDown(Level.Iteration)
 * }</pre>
 */
public final class IntervalLog implements AutoCloseable {
    /** Largest latency kept exactly: one hour in microseconds; larger values are clamped to it. */
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    private final SeriesId series;
    private final Path file;
    private final Recorder recorder = new Recorder(MAX_MICROS, 3);
    private Histogram reuse;
    private long measuredCount;

    private IntervalLog(SeriesId series, Path file) {
        this.series = series;
        this.file = file;
    }

    /** A log of {@code series} in the run folder of {@code -Dmilvus.bench.run}, or in memory only when there is none. */
    public static IntervalLog open(SeriesId series) {
        Path run = BenchProperties.runDir();
        return new IntervalLog(series, run == null ? null : run.resolve("hlog").resolve(RunFolder.fileName(series) + ".hlog"));
    }

    /** A log written to {@code file} (tests). */
    static IntervalLog at(SeriesId series, Path file) {
        return new IntervalLog(series, file);
    }

    public SeriesId series() {
        return series;
    }

    public Path file() {
        return file;
    }

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.min(MAX_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    /** Measured values written so far. */
    public long measuredCount() {
        return measuredCount;
    }

    /** Ends an iteration: a measurement iteration becomes one interval of the log, a warmup one is dropped. */
    public void endIteration(IterationParams params) {
        endIteration(params.getType() == IterationType.MEASUREMENT);
    }

    /** Ends an interval; {@code keep} writes it, otherwise it is dropped. Returns the interval. */
    public Histogram endIteration(boolean keep) {
        reuse = recorder.getIntervalHistogram(reuse);
        if (keep) {
            reuse.setTag(series.toString());
            measuredCount += reuse.getTotalCount();
            write(reuse);
        }
        return reuse;
    }

    private void write(Histogram h) {
        if (file == null || h.getTotalCount() == 0) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            try (PrintStream out = new PrintStream(new FileOutputStream(file.toFile(), true), false, "UTF-8")) {
                HistogramLogWriter w = new HistogramLogWriter(out);
                if (fresh) {
                    w.outputComment("milvus-bench " + series + ": JMH closed-loop service time, microseconds, one interval per measurement iteration");
                    w.outputLogFormatVersion();
                    w.outputStartTime(h.getStartTimeStamp());
                    w.outputLegend();
                }
                w.outputIntervalHistogram(h);
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        recorder.reset();
    }
}
