package io.milvusbench.monitor;

import io.milvusbench.results.HlogWriter;
import io.milvusbench.results.RunFolder;
import io.milvusbench.results.RunManifest;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a monitor run into its {@link RunFolder}: each observation appends one line to
 * {@code monitor.jsonl}, its figures to {@code metrics.jsonl}, and one interval per latency probe to
 * {@code hlog/<series>.hlog} (through {@link HlogWriter}: microseconds, tagged with the series id). {@link #finish} writes
 * {@code run.json} and renames the folder to its final name. Lines are flushed as they are written,
 * so an interrupted run leaves every finished snapshot on disk.
 */
public final class MonitorRecorder implements AutoCloseable {
    private final RunFolder folder;
    private final RunManifest manifest;
    private final Map<String, HlogWriter> hlogs = new LinkedHashMap<>();
    private int snapshots;
    private boolean finished;

    /** @param target kind, uri (never credentials) and server version, as run.json records them */
    public MonitorRecorder(RunFolder folder, Map<String, Object> target, Map<String, Object> parameters) {
        this(folder, new RunManifest("monitor", parameters).put("target", target));
    }

    /** @param manifest the run.json every command writes, {@code summary} added when the run finishes */
    public MonitorRecorder(RunFolder folder, RunManifest manifest) {
        this.folder = folder;
        this.manifest = manifest;
    }

    public Path dir() {
        return folder.dir();
    }

    public synchronized void record(JudgedSnapshot o) {
        appendLine(folder.dir().resolve("monitor.jsonl"), MonitorJson.line(o.snapshot()));
        if (!o.metrics().isEmpty()) {
            ScalarMetric.append(folder.metricsFile(), o.metrics());
        }
        for (LatencyProbe.Result r : o.latencies()) {
            Histogram h = r.histogram();
            if (h.getTotalCount() > 0) {
                writerFor(r.series()).write(h);
            }
        }
        snapshots++;
    }

    public synchronized int snapshots() {
        return snapshots;
    }

    private HlogWriter writerFor(String series) {
        return hlogs.computeIfAbsent(series, s -> HlogWriter.open(folder.hlogFile(SeriesId.parse(s)),
                "monitor probe " + s + ", one interval per snapshot"));
    }

    private static void appendLine(Path file, String line) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes run.json (with {@code summary}) and completes the folder; returns its final path. */
    public synchronized Path finish(Map<String, Object> summary) {
        if (finished) {
            return folder.finalDir();
        }
        hlogs.values().forEach(HlogWriter::close);
        hlogs.clear();
        manifest.put("summary", summary).write(folder.dir());
        finished = true;
        return folder.complete();
    }

    @Override
    public void close() {
        finish(Map.of("snapshots", snapshots, "note", "closed without a summary"));
    }
}
