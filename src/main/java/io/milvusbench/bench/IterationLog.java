package io.milvusbench.bench;

import io.milvusbench.results.RunFolder;
import io.milvusbench.results.SeriesId;
import io.milvusbench.results.HlogWriter;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import java.nio.file.Path;

/**
 * The latencies of one JMH series: recorded in microseconds while an iteration runs, written as
 * one tagged interval per measurement iteration to {@code hlog/<series>.hlog} through the suite's
 * one log writer ({@link HlogWriter}: its unit, floor and header); warmup iterations are recorded
 * and thrown away. A later fork of the same series appends its intervals to the same file under the
 * file's own base time. No file is written without a run folder.
 *
 * <pre>{@code
 * IterationLog log = IterationLog.open(SeriesId.parse("search[index=HNSW;ef=64]"));
 * long t0 = System.nanoTime(); ...; log.recordNanos(System.nanoTime() - t0);
 * log.endIteration(iterationParams);   // from @TearDown(Level.Iteration)
 * log.close();                          // from @TearDown(Level.Trial)
 * }</pre>
 */
public final class IterationLog implements AutoCloseable {
    private static final String DESCRIPTION = "JMH closed-loop service time, one interval per measurement iteration";

    private final SeriesId series;
    private final Path file;
    private final Recorder recorder = HlogWriter.newRecorder();
    private HlogWriter writer;
    private Histogram reuse;
    private long measuredCount;

    private IterationLog(SeriesId series, Path file) {
        this.series = series;
        this.file = file;
    }

    /** A log of {@code series} in the run folder of {@code -Dmilvus.bench.run}, or in memory only when there is none. */
    public static IterationLog open(SeriesId series) {
        Path run = BenchProperties.runDir();
        return new IterationLog(series, run == null ? null : run.resolve("hlog").resolve(RunFolder.fileName(series) + ".hlog"));
    }

    /** A log written to {@code file} (tests). */
    static IterationLog at(SeriesId series, Path file) {
        return new IterationLog(series, file);
    }

    public SeriesId series() {
        return series;
    }

    public Path file() {
        return file;
    }

    public void recordNanos(long nanos) {
        recorder.recordValue(HlogWriter.micros(nanos));
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
            if (file != null && reuse.getTotalCount() > 0) {
                if (writer == null) {
                    writer = HlogWriter.open(file, series + ": " + DESCRIPTION);
                }
                writer.write(reuse);
            }
        }
        return reuse;
    }

    @Override
    public void close() {
        recorder.reset();
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
