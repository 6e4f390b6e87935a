package io.milvusbench.gate;

import io.milvusbench.results.HlogWriter;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes run folders the way the producers do (docs/run-folder.md): {@link HlogWriter} ({@link #series}),
 * ScalarMetric, JMH JSON; {@link #hlog} and {@link #writeLog} write a bare HistogramLogWriter log, as a foreign tool would.
 */
public final class RunFixture {
    private static final long START_MS = 1_732_480_200_000L;
    private final Path dir;

    private RunFixture(Path dir) {
        this.dir = dir;
    }

    public static RunFixture create(Path parent, String name) {
        Path dir = parent.resolve(name);
        try {
            Files.createDirectories(dir.resolve("hlog"));
            Files.writeString(dir.resolve("run.json"), "{\"command\":\"bench\",\"started\":\"2024-11-24T20:30:00Z\","
                    + "\"finished\":\"2024-11-24T20:35:00Z\",\"target\":{\"kind\":\"local\",\"uri\":\"http://127.0.0.1:19530\","
                    + "\"server_version\":\"v2.3.5\"},\"suite_version\":\"0.1.0-SNAPSHOT\",\"parameters\":{}}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RunFixture(dir);
    }

    public Path dir() {
        return dir;
    }

    /** One interval histogram of microsecond values, tagged with the series. */
    public static Histogram interval(SeriesId series, long... micros) {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (long v : micros) {
            h.recordValue(v);
        }
        h.setTag(series.toString());
        return h;
    }

    /** Values {@code from..to} microseconds, once each. */
    public static long[] range(long from, long to) {
        long[] out = new long[(int) (to - from + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** {@code value} repeated {@code n} times. */
    public static long[] times(long value, int n) {
        long[] out = new long[n];
        java.util.Arrays.fill(out, value);
        return out;
    }

    /** Writes {@code hlog/<file>.hlog} with one interval per second, in the given order. */
    public RunFixture hlog(String file, Histogram... intervals) {
        writeLog(dir.resolve("hlog").resolve(file + ".hlog"), List.of(intervals));
        return this;
    }

    /** Writes one interval per value list, all tagged {@code series}, to {@code hlog/<name>.hlog}, through the producers' {@link HlogWriter}. */
    public RunFixture series(SeriesId series, long[]... intervals) {
        List<Histogram> list = new ArrayList<>();
        for (long[] values : intervals) {
            list.add(interval(series, values));
        }
        Path file = dir.resolve("hlog").resolve(series.name() + "-" + Math.abs(series.toString().hashCode()) + ".hlog");
        try (HlogWriter w = HlogWriter.open(file, series + " test latencies", START_MS)) {
            long t = START_MS;
            for (Histogram h : list) {
                h.setStartTimeStamp(t);
                h.setEndTimeStamp(t + 1000);
                w.write(h);
                t += 1000;
            }
        }
        return this;
    }

    public static void writeLog(Path file, List<Histogram> intervals) {
        try (PrintStream out = new PrintStream(Files.newOutputStream(file))) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLogFormatVersion();
            w.outputStartTime(START_MS);
            w.setBaseTime(START_MS);
            w.outputLegend();
            long t = START_MS;
            for (Histogram h : intervals) {
                h.setStartTimeStamp(t);
                h.setEndTimeStamp(t + 1000);
                w.outputIntervalHistogram(h);
                t += 1000;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RunFixture metric(String series, String component, String statistic, double value, String unit) {
        ScalarMetric.append(dir.resolve("metrics.jsonl"), List.of(new ScalarMetric(series, component, statistic, value, unit)));
        return this;
    }

    /** Copies the hand-written JMH -rf json sample (an input format fixture, not a result). */
    public RunFixture jmhSample() {
        return resource("/gate/jmh-result.json", "jmh-result.json");
    }

    public RunFixture resource(String resource, String target) {
        try (InputStream in = RunFixture.class.getResourceAsStream(resource)) {
            Files.createDirectories(dir.resolve(target).getParent());
            Files.copy(in, dir.resolve(target), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A run like bench + load + sweep + monitor write it; every figure within the default thresholds. */
    public static RunFixture realistic(Path parent, String name) {
        SeriesId search = SeriesId.of("search", "index", "HNSW", "ef", 64, "topK", 10, "nq", 1);
        SeriesId corrected = SeriesId.of("openloop", "rate", 200, "mix", "search", "correction", "corrected");
        SeriesId uncorrected = SeriesId.of("openloop", "rate", 200, "mix", "search", "correction", "uncorrected");
        return create(parent, name)
                .series(search, range(1, 1000), range(1, 1000), range(1, 1000))
                .hlog("openloop_rate_200", interval(corrected, range(500, 1499)), interval(uncorrected, range(400, 1399)),
                        interval(corrected, range(500, 1499)), interval(uncorrected, range(400, 1399)))
                .metric(search.toString(), "Client", "recall@10", 0.97, "ratio")
                .metric(search.toString(), "Client", "errors", 0, "requests")
                .metric(corrected.toString(), "Client", "error_rate", 0, "ratio")
                .metric("insert[batch=1000]", "Client", "rows/s", 5200, "rows/s")
                .metric("index[index=HNSW]", "IndexNode", "build_seconds", 42, "s")
                .metric("monitor", "QueryNode", "memory_percent", 41.5, "%")
                .metric("monitor", "QueryNode", "memory_percent", 43.0, "%")
                .metric("monitor", "DataNode", "memory_percent", 30.0, "%")
                .metric("sweep[index=HNSW;ef=16]", "Client", "recall@10", 0.91, "ratio")
                .metric("sweep[index=HNSW;ef=16]", "Client", "qps", 850, "1/s")
                .metric("sweep[index=HNSW;ef=128]", "Client", "recall@10", 0.99, "ratio")
                .metric("sweep[index=HNSW;ef=128]", "Client", "qps", 400, "1/s")
                .metric("sweep[index=IVF_FLAT;nprobe=8]", "Client", "recall@10", 0.88, "ratio")
                .metric("sweep[index=IVF_FLAT;nprobe=8]", "Client", "qps", 700, "1/s")
                .metric("sweep[index=IVF_FLAT;nprobe=32]", "Client", "recall@10", 0.97, "ratio")
                .metric("sweep[index=IVF_FLAT;nprobe=32]", "Client", "qps", 300, "1/s")
                .jmhSample();
    }
}
