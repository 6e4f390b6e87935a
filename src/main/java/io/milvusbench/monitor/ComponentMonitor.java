package io.milvusbench.monitor;

import io.milvus.client.MilvusServiceClient;
import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.milvus.ConnectionSpec;
import io.milvusbench.milvus.MetricsEndpoint;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.results.SeriesId;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes snapshots of one Milvus: a liveness check first (one client opened and closed; when that
 * fails the snapshot is {@code down} and nothing else is tried), the connect probe, the write probe,
 * the read probe, GetMetrics, the metrics endpoint, the per-collection reads and the host. Every
 * failure is recorded in the snapshot's error list and the rest goes on. Clients are reopened after
 * a down snapshot, so a restarted server is picked up again.
 */
public final class ComponentMonitor implements AutoCloseable {
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);

    private final ConnectionSpec spec;
    private final Optional<URI> metricsUri;
    private final HostProbe host;
    private final String targetDescription;
    private final MonitorSettings settings;
    private MilvusClientV2 client;
    private MilvusServiceClient v1;
    private PrometheusText previousScrape;
    private Instant previousScrapeAt;

    public ComponentMonitor(ConnectionSpec spec, Optional<URI> metricsUri, HostProbe host, String targetDescription,
                            MonitorSettings settings) {
        this.spec = spec;
        this.metricsUri = metricsUri;
        this.host = host;
        this.targetDescription = targetDescription;
        this.settings = settings;
    }

    public static ComponentMonitor forTarget(MilvusTarget target, MonitorSettings settings) {
        return new ComponentMonitor(target.connection(), target.metricsUri(), HostProbe.forTarget(target), target.describe(), settings);
    }

    public MonitorSettings settings() {
        return settings;
    }

    /** One snapshot (without alerts, recommendations or outage: see {@link Observation#of}). */
    public Taken take(long sequence, boolean withWriteProbe) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        List<ProbeError> errors = new ArrayList<>();
        List<LatencyProbe.Result> latencies = new ArrayList<>();
        String alive = liveness();
        LatencyProbe.Result connect = LatencyProbe.run(SeriesId.of("monitor_connect").toString(),
                alive == null ? settings.connectSamples() : 0, settings.probeBudget(), 2, () -> MilvusClients.v2(spec).close());
        latencies.add(connect);
        String version = null;
        if (alive == null) {
            try {
                openClients();
                version = client.getServerVersion();
            } catch (RuntimeException e) {
                errors.add(new ProbeError("Proxy", "open client", MilvusClients.rootMessage(e)));
            }
        } else {
            errors.add(new ProbeError("Proxy", "connect", alive));
        }
        if (version == null) {
            closeClients();
            return new Taken(new Snapshot(at, sequence, Snapshot.DOWN, targetDescription, null, seconds(started),
                    new ProxySection(connect.summary(), null, null, null, null, List.of(), Map.of()),
                    null, null, null, null, errors, null, null, null), latencies);
        }
        Sections sections = new Sections(client, v1, settings, errors);
        WriteProbe writeProbe = withWriteProbe && settings.writeProbe() ? new WriteProbe(client, settings, errors) : null;
        try {
            WriteProbeResult written = writeProbe == null ? null : writeProbe.run();
            String readTarget = !settings.collections().isEmpty() ? settings.collections().get(0)
                    : writeProbe == null ? null : writeProbe.loadedCollection();
            LatencyProbe.Result[] reads = sections.readProbe(readTarget);
            for (LatencyProbe.Result r : reads) {
                if (r != null) {
                    latencies.add(r);
                }
            }
            String json = attempt(errors, "QueryNode", "GetMetrics(system_info)", () -> SystemInfo.fetchJson(v1));
            List<NodeInfo> nodes = json == null ? List.of() : attempt(errors, "QueryNode", "parse GetMetrics", () -> SystemInfo.parse(json));
            Map<Long, Long> binlog = json == null ? Map.of() : attempt(errors, "DataNode", "binlog sizes", () -> SystemInfo.binlogSizes(json));
            PrometheusText scrape = scrape(errors);
            sections.inspect(inspected(errors), nodes == null ? List.of() : nodes, binlog == null ? Map.of() : binlog, scrape);
            ServerTraffic.Figures traffic = scrape == null ? null : ServerTraffic.of(scrape, previousScrape,
                    previousScrapeAt == null ? 0 : Duration.between(previousScrapeAt, Instant.now()).toMillis() / 1000.0);
            if (scrape != null) {
                previousScrape = scrape;
                previousScrapeAt = Instant.now();
            }
            HostSection hostSection = attempt(errors, "Host", "host figures", host::sample);
            if (writeProbe != null) {
                writeProbe.close();
                written = written.withDropped(writeProbe.dropped());
            }
            Snapshot snapshot = new Snapshot(at, sequence, Snapshot.UP, targetDescription, version, seconds(started),
                    sections.proxy(connect.summary(), reads, readTarget, traffic),
                    sections.queryNode(), sections.dataNode(written), sections.indexNode(written), hostSection,
                    List.copyOf(errors), null, null, null);
            return new Taken(snapshot, latencies);
        } finally {
            if (writeProbe != null) {
                writeProbe.close();
            }
        }
    }

    /**
     * Opens and closes one client, unrecorded: the liveness check, and the warm-up that keeps class
     * loading out of the connect percentiles. Returns null when the server answered, else the reason.
     */
    private String liveness() {
        try {
            MilvusClients.v2(spec).close();
            return null;
        } catch (RuntimeException e) {
            return MilvusClients.rootMessage(e);
        }
    }

    /** A raw snapshot and the latency histograms behind its percentiles. */
    public record Taken(Snapshot snapshot, List<LatencyProbe.Result> latencies) {
    }

    private List<String> inspected(List<ProbeError> errors) {
        if (!settings.collections().isEmpty()) {
            return settings.collections();
        }
        List<String> all = attempt(errors, "DataNode", "list collections", () -> client.listCollections().getCollectionNames());
        if (all == null) {
            return List.of();
        }
        List<String> sorted = all.stream().sorted().toList();
        if (sorted.size() > settings.maxCollections()) {
            errors.add(new ProbeError("DataNode", "list collections", sorted.size() + " collections, inspecting the first "
                    + settings.maxCollections() + " (raise --max-collections or name them with --collection)"));
            return sorted.subList(0, settings.maxCollections());
        }
        return sorted;
    }

    private PrometheusText scrape(List<ProbeError> errors) {
        if (metricsUri.isEmpty()) {
            errors.add(new ProbeError("Proxy", "metrics endpoint", "no metrics endpoint known (give --metrics-uri)"));
            return null;
        }
        return attempt(errors, "Proxy", "scrape " + metricsUri.get() + "/metrics",
                () -> PrometheusText.parse(MetricsEndpoint.scrape(metricsUri.get(), SCRAPE_TIMEOUT)));
    }

    /** Runs {@code call}; on failure records the error and answers null. */
    static <T> T attempt(List<ProbeError> errors, String section, String probe, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            errors.add(new ProbeError(section, probe, MilvusClients.rootMessage(e)));
            return null;
        }
    }

    private void openClients() {
        if (client == null) {
            client = MilvusClients.v2(spec);
        }
        if (v1 == null) {
            v1 = MilvusClients.v1(spec);
        }
    }

    private void closeClients() {
        try {
            if (client != null) {
                client.close();
            }
            if (v1 != null) {
                v1.close();
            }
        } catch (RuntimeException e) {
            // closing a channel to a dead server; nothing to keep
        } finally {
            client = null;
            v1 = null;
        }
    }

    private static double seconds(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }

    @Override
    public void close() {
        closeClients();
    }
}
