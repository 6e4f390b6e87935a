package io.milvusbench.monitor;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.Metric;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The DataNode and IndexNode probe: creates a small collection under the suite's prefix
 * ({@code mbench_monitor_probe_*}), inserts seeded vectors (insert rows/s), flushes (flush seconds),
 * builds an index (build seconds, rows/s) and loads it, so the read probe can search it too.
 * {@link #close()} drops it. Each step runs only when the one before succeeded; the figures measured
 * so far are kept when a later step fails.
 */
final class WriteProbe implements AutoCloseable {
    private static final int BATCH = 500;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);

    private final MilvusClientV2 client;
    private final Duration buildTimeout;
    private final MonitorSettings settings;
    private final List<ProbeError> errors;
    private VectorCollection collection;
    private boolean dropped;
    private boolean loaded;

    WriteProbe(MilvusClientV2 client, MonitorSettings settings, List<ProbeError> errors) {
        this.buildTimeout = settings.buildTimeout();
        this.client = client;
        this.settings = settings;
        this.errors = errors;
    }

    /** Runs the steps; never throws (failures land in the error list). */
    WriteProbeResult run() {
        String name = SuiteCollections.newName("monitor_probe");
        int rows = settings.probeRows();
        int dim = settings.probeDim();
        Double insertSeconds = null;
        Map<String, Integer> beforeFlush = null;
        Double flushSeconds = null;
        Double buildSeconds = null;
        Boolean buildFinished = null;
        Double loadSeconds = null;
        String step = "create";
        try {
            collection = VectorCollection.create(client, name, dim);
            step = "insert";
            SyntheticDataset data = new SyntheticDataset(dim, rows, 16, 0.2f, 7, Metric.L2);
            long start = System.nanoTime();
            for (long first = 0; first < rows; first += BATCH) {
                int n = (int) Math.min(BATCH, rows - first);
                float[][] vectors = new float[n][];
                for (int i = 0; i < n; i++) {
                    vectors[i] = data.row(first + i);
                }
                collection.insert(first, vectors);
            }
            insertSeconds = seconds(start);
            step = "segment info";
            beforeFlush = ComponentMonitor.unlessUnimplemented("DataNode", "write probe segment info (GetPersistentSegmentInfo)",
                    () -> DataNodeProbe.countByState(DataNodeProbe.persistentSegments(client, name)));
            step = "flush";
            start = System.nanoTime();
            collection.flush(STEP_TIMEOUT);
            flushSeconds = seconds(start);
            step = "index build";
            start = System.nanoTime();
            collection.createIndex(settings.probeIndex(), Metric.L2, Map.of());
            try {
                collection.awaitIndex(buildTimeout, Duration.ofMillis(100));
                buildFinished = true;
                buildSeconds = seconds(start);
            } catch (IllegalStateException e) {
                if (String.valueOf(e.getMessage()).contains("build failed")) {
                    throw e;
                }
                buildFinished = false;          // still building: the time waited is a lower bound of the build time
                buildSeconds = seconds(start);
                throw e;
            }
            step = "load";
            start = System.nanoTime();
            collection.load(STEP_TIMEOUT);
            loadSeconds = seconds(start);
            loaded = true;
        } catch (RuntimeException e) {
            errors.add(new ProbeError("DataNode", "write probe " + step, io.milvusbench.milvus.MilvusClients.rootMessage(e)));
        }
        return new WriteProbeResult(name, rows, dim, insertSeconds, rate(rows, insertSeconds), beforeFlush, flushSeconds,
                settings.probeIndex().name(), buildSeconds, Boolean.TRUE.equals(buildFinished) ? rate(rows, buildSeconds) : null,
                loadSeconds, dropped, insertSeconds == null || flushSeconds == null ? null : rate(rows, insertSeconds + flushSeconds),
                buildFinished);
    }

    /** The loaded probe collection's name, or null when it did not get that far. */
    String loadedCollection() {
        return loaded ? collection.name() : null;
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }

    private static Double rate(int rows, Double seconds) {
        return seconds == null || seconds <= 0 ? null : Math.round(rows / seconds * 10) / 10.0;
    }

    /** Drops the probe collection; a failure is recorded, since it leaves an mbench_ collection behind. */
    @Override
    public void close() {
        if (collection == null || dropped) {
            return;
        }
        try {
            SuiteCollections.drop(client, collection.name());
            dropped = true;
        } catch (RuntimeException e) {
            errors.add(new ProbeError("DataNode", "write probe drop", "left " + collection.name() + " behind ("
                    + io.milvusbench.milvus.MilvusClients.rootMessage(e) + "); run 'milvus-bench cleanup'"));
        }
    }

    boolean dropped() {
        return dropped;
    }
}
