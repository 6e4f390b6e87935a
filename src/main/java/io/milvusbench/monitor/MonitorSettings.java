package io.milvusbench.monitor;

import io.milvusbench.BadInputException;
import io.milvusbench.index.IndexKind;

import java.time.Duration;
import java.util.List;

/**
 * What one snapshot measures and how hard it may push: sample counts, the collections inspected,
 * the write probe's size, and the thresholds alerts and recommendations use.
 *
 * @param collections      collections to inspect; the first is also probed with search and query. Empty: every
 *                         collection on the server (up to {@code maxCollections}), read-only
 * @param connectSamples   client open+close samples per snapshot
 * @param searchSamples    search (and query) samples per snapshot
 * @param topK             top-k of the search probe
 * @param writeProbe       create, fill, flush, index and drop a small {@code mbench_monitor_probe_*} collection (off by default:
 *                         the CLI turns it on for a server it started, or when asked)
 * @param probeRows        rows the write probe inserts
 * @param probeDim         dimension of the write probe's vectors
 * @param probeIndex       index the write probe builds
 * @param probeBudget      wall-time budget of each latency probe
 * @param memoryWarning    memory_percent that raises a warning
 * @param memoryCritical   memory_percent that raises a critical alert
 * @param latencyTargetMs  search p95 above which a recommendation is made
 * @param exactRows        count rows of each loaded inspected collection with {@code count(*)} (read-only, Strong consistency; the default)
 * @param probeDeadline    a liveness probe (health endpoint and one client open) slower than this marks the server degraded
 * @param buildTimeout     how long the write probe waits for its index build; an unfinished build reports the time waited
 */
public record MonitorSettings(List<String> collections, int maxCollections, int connectSamples, int searchSamples, int topK,
                              boolean writeProbe, int probeRows, int probeDim, IndexKind probeIndex, Duration probeBudget,
                              double memoryWarning, double memoryCritical, double latencyTargetMs, boolean exactRows,
                              Duration probeDeadline, Duration buildTimeout) {

    /** Rows counted with count(*), with the default 2 s liveness deadline. */
    public MonitorSettings(List<String> collections, int maxCollections, int connectSamples, int searchSamples, int topK,
                           boolean writeProbe, int probeRows, int probeDim, IndexKind probeIndex, Duration probeBudget,
                           double memoryWarning, double memoryCritical, double latencyTargetMs) {
        this(collections, maxCollections, connectSamples, searchSamples, topK, writeProbe, probeRows, probeDim, probeIndex, probeBudget,
                memoryWarning, memoryCritical, latencyTargetMs, true, Duration.ofSeconds(2), DEFAULT_BUILD_TIMEOUT);
    }

    /** Longer than the shipped 300 s index-build rule, so that rule can see an index that takes too long. */
    public static final Duration DEFAULT_BUILD_TIMEOUT = Duration.ofSeconds(330);

    public static Duration defaultBuildTimeout() {
        return DEFAULT_BUILD_TIMEOUT;
    }

    public MonitorSettings {
        collections = List.copyOf(collections);
        require(maxCollections >= 1 && maxCollections <= 1000, "max collections must be in 1..1000, got " + maxCollections);
        require(connectSamples >= 0 && connectSamples <= 10_000, "connect samples must be in 0..10000, got " + connectSamples);
        require(searchSamples >= 0 && searchSamples <= 10_000, "search samples must be in 0..10000, got " + searchSamples);
        require(topK >= 1 && topK <= 16384, "top-k must be in 1..16384, got " + topK);
        require(probeRows >= 1 && probeRows <= 1_000_000, "probe rows must be in 1..1000000, got " + probeRows);
        require(probeDim >= 2 && probeDim <= 32768, "probe dimension must be in 2..32768, got " + probeDim);
        require(memoryWarning > 0 && memoryWarning <= 100 && memoryCritical > 0 && memoryCritical <= 100,
                "memory thresholds are percentages in (0, 100]");
        require(memoryWarning <= memoryCritical, "memory warning (" + memoryWarning + ") must not exceed critical (" + memoryCritical + ")");
        require(latencyTargetMs > 0, "latency target must be positive");
        require(!probeBudget.isNegative() && !probeBudget.isZero(), "probe budget must be positive");
        require(buildTimeout != null && !buildTimeout.isNegative() && !buildTimeout.isZero(), "build timeout must be positive");
        require(probeDeadline != null && !probeDeadline.isNegative() && !probeDeadline.isZero(), "probe deadline must be positive");
    }

    /** The defaults of a one-shot report. */
    public static MonitorSettings defaults() {
        return new MonitorSettings(List.of(), 16, 10, 20, 10, false, 2_000, 32, IndexKind.HNSW, Duration.ofSeconds(20),
                85, 90, 100);
    }

    public MonitorSettings withCollections(List<String> names) {
        return new MonitorSettings(names, maxCollections, connectSamples, searchSamples, topK, writeProbe, probeRows, probeDim,
                probeIndex, probeBudget, memoryWarning, memoryCritical, latencyTargetMs, exactRows, probeDeadline, buildTimeout);
    }

    public MonitorSettings withWriteProbe(boolean on) {
        return new MonitorSettings(collections, maxCollections, connectSamples, searchSamples, topK, on, probeRows, probeDim,
                probeIndex, probeBudget, memoryWarning, memoryCritical, latencyTargetMs, exactRows, probeDeadline, buildTimeout);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new BadInputException(message);
        }
    }
}
