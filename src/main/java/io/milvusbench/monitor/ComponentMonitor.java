package io.milvusbench.monitor;

import io.milvus.client.MilvusServiceClient;
import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.milvus.ClusterTarget;
import io.milvusbench.milvus.Component;
import io.milvusbench.milvus.ConnectionSpec;
import io.milvusbench.milvus.LiteTarget;
import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MetricsEndpoint;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.RawRpc;
import io.milvusbench.milvus.ServerFeatures;
import io.milvusbench.results.SeriesId;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
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
    private final LongSupplier pid;
    private final ClusterWatch cluster;
    /** Whether the server answers GetMetrics at all (asked once, on the first snapshot that reaches it); null until then. */
    private Boolean answersGetMetrics;
    /** The scrape taken as the previous snapshot ended (null after a down snapshot or at the start). */
    private Scrape previousEndScrape;

    public ComponentMonitor(ConnectionSpec spec, Optional<URI> metricsUri, HostProbe host, String targetDescription,
                            MonitorSettings settings) {
        this(spec, metricsUri, host, targetDescription, settings, () -> 0L);
    }

    /** @param pid the Milvus process id when it runs on this machine (for /proc figures), else 0 */
    public ComponentMonitor(ConnectionSpec spec, Optional<URI> metricsUri, HostProbe host, String targetDescription,
                            MonitorSettings settings, LongSupplier pid) {
        this(spec, metricsUri, host, targetDescription, settings, pid, List::of);
    }

    /** @param components every process of the deployment, read afresh each snapshot (see {@link MilvusTarget#components()}) */
    public ComponentMonitor(ConnectionSpec spec, Optional<URI> metricsUri, HostProbe host, String targetDescription,
                            MonitorSettings settings, LongSupplier pid, Supplier<List<Component>> components) {
        this.cluster = new ClusterWatch(components);
        this.pid = pid;
        this.spec = spec;
        this.metricsUri = metricsUri;
        this.host = host;
        this.targetDescription = targetDescription;
        this.settings = settings;
    }

    public static ComponentMonitor forTarget(MilvusTarget target, MonitorSettings settings) {
        UNAVAILABLE.clear();   // what another server lacked (an earlier monitor in this JVM) says nothing about this one
        LongSupplier pid = target instanceof LocalProcessTarget local ? local::pid
                : target instanceof ClusterTarget c ? c::proxyPid : target instanceof LiteTarget lite ? lite::pid : () -> 0L;
        return new ComponentMonitor(target.connection(), target.metricsUri(), HostProbe.forTarget(target), target.describe(), settings,
                pid, target::components);
    }

    public MonitorSettings settings() {
        return settings;
    }

    /** One snapshot (without alerts, recommendations or outage: see {@link JudgedSnapshot#of}). */
    public Taken take(long sequence, boolean withWriteProbe) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        List<ProbeError> errors = new ArrayList<>();
        List<LatencyProbe.Result> latencies = new ArrayList<>();
        SLOWEST.set(new Slowest());
        Liveness alive = liveness();
        LatencyProbe.Result connect = LatencyProbe.run(SeriesId.of("monitor_connect").toString(),
                alive.ok() ? settings.connectSamples() : 0, settings.probeBudget(), 2, () -> MilvusClients.v2(spec).close());
        latencies.add(connect);
        String version = null;
        if (alive.ok()) {
            try {
                openClients();
                version = serverVersion();
            } catch (RuntimeException e) {
                errors.add(new ProbeError("Proxy", "open client", MilvusClients.rootMessage(e)));
            }
        } else {
            errors.add(new ProbeError("Proxy", "liveness", alive.failure()));
        }
        if (version == null) {
            closeClients();
            previousEndScrape = null;
            ClusterSection processes = cluster.observe(List.of(), errors);
            return new Taken(new Snapshot(at, sequence, Snapshot.DOWN, targetDescription, null, seconds(started),
                    new ProxySection(connect.summary(), null, null, null, null, List.of(), Map.of(), null, null),
                    null, null, null, null, null, alive.figures(), errors, null, null, null, processes), latencies);
        }
        // the monitor has sent nothing since the previous snapshot ended: what the counters moved by until now is others' traffic
        Scrape first = scrape(errors);
        SectionAssembler sections = new SectionAssembler(client, v1, settings, errors);
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
            if (answersGetMetrics == null) {
                answersGetMetrics = ServerFeatures.answersGetMetrics(spec);
            }
            // a server without GetMetrics (Milvus Lite, managed Milvus) is not in error: the command said so once
            String json = !answersGetMetrics ? null : attempt(errors, "QueryNode", "GetMetrics(system_info)", () -> SystemInfo.fetchJson(v1));
            List<NodeInfo> nodes = json == null ? List.of() : attempt(errors, "QueryNode", "parse GetMetrics", () -> SystemInfo.parse(json));
            Map<Long, Long> binlog = json == null ? Map.of() : attempt(errors, "DataNode", "binlog sizes", () -> SystemInfo.binlogSizes(json));
            String deployMode = json == null ? null : attempt(errors, "QueryNode", "deploy mode", () -> SystemInfo.deployMode(json));
            sections.inspect(inspected(errors), nodes == null ? List.of() : nodes, binlog == null ? Map.of() : binlog);
            // scraped after the reads, so the segment gauges are at least as fresh as the row counts
            Scrape last = scrape(errors);
            // /proc read right after the scrape, so the two resident-memory readings are of the same moment
            Long vmRss = pid.getAsLong() > 0 ? ServerProcess.vmRss(pid.getAsLong()) : null;
            sections.metrics(last == null ? null : last.text());
            ServerTraffic.Figures traffic = first == null ? null : ServerTraffic.of(first.text(),
                    previousEndScrape == null ? null : previousEndScrape.text(),
                    previousEndScrape == null ? 0 : first.at() - previousEndScrape.at());
            ServerTraffic.Figures own = first == null || last == null ? null
                    : ServerTraffic.of(last.text(), first.text(), Math.max(1e-3, last.at() - first.at())).as("snapshot");
            ServerProcess process = last == null && pid.getAsLong() <= 0 ? null : ServerProcess.of(
                    metricsUri.map(u -> u + "/metrics").orElse(null), last == null ? null : last.text(), last == null ? 0 : last.at(),
                    previousEndScrape == null ? null : previousEndScrape.text(), previousEndScrape == null ? 0 : previousEndScrape.at(),
                    first == null ? null : first.text(), first == null ? 0 : first.at(),
                    nodes == null ? List.of() : nodes, deployMode, pid.getAsLong(), vmRss);
            HostSection hostSection = attempt(errors, "Host", "host figures", host::sample);
            // GetMetrics' node list tells who is missing only in a cluster: in standalone every node is one process
            boolean clusterMode = deployMode != null && !deployMode.equalsIgnoreCase("STANDALONE");
            ClusterSection processes = cluster.observe(nodes == null || !clusterMode ? List.of() : nodes, errors);
            if (writeProbe != null) {
                writeProbe.close();
                written = written.withDropped(writeProbe.dropped());
            }
            previousEndScrape = scrape(new ArrayList<>());
            Snapshot.Probe liveness = alive.figures();
            // a read that took longer than the deadline (a server stalled or frozen mid-snapshot) degrades the snapshot too
            Slowest slow = SLOWEST.get();
            for (LatencyProbe.Result r : latencies) {
                if (r.histogram().getTotalCount() > 0) {
                    slow.offer(r.series(), r.histogram().getMaxValue() / 1000.0);
                }
            }
            if (!liveness.slow() && slow.ms > settings.probeDeadline().toMillis()) {
                liveness = liveness.withSlowCall(slow.call, Math.round(slow.ms * 10) / 10.0);
            }
            String status = liveness.slow() ? Snapshot.DEGRADED : Snapshot.UP;
            Snapshot snapshot = new Snapshot(at, sequence, status, targetDescription, version, seconds(started),
                    sections.proxy(connect.summary(), reads, readTarget, traffic, own),
                    sections.queryNode(), sections.dataNode(written), sections.indexNode(written), hostSection, process,
                    liveness, List.copyOf(errors), null, null, null, processes, NodeRoles.topology(nodes));
            return new Taken(snapshot, latencies);
        } finally {
            if (writeProbe != null) {
                writeProbe.close();
            }
        }
    }

    /** GetVersion's answer, {@link ServerFeatures#UNKNOWN_VERSION} on a server without the call (Milvus Lite). */
    private String serverVersion() {
        try {
            return RawRpc.of(client, spec.rpcDeadline()).version();
        } catch (RuntimeException e) {
            if (ServerFeatures.unimplemented(e)) {
                return ServerFeatures.UNKNOWN_VERSION;
            }
            throw e;
        }
    }

    /** A scrape and when it was taken (epoch seconds). */
    record Scrape(PrometheusText text, double at) {
    }

    /**
     * The liveness check: the health endpoint (when known; 2 s timeout) and one client opened and
     * closed, unrecorded (also the warm-up that keeps class loading out of the connect percentiles).
     * Failing is "down"; answering slower than the probe deadline is "degraded".
     */
    private Liveness liveness() {
        long start = System.nanoTime();
        Double healthMs = null;
        if (metricsUri.isPresent()) {
            boolean healthy = MetricsEndpoint.healthy(metricsUri.get());
            healthMs = millis(start);
            if (!healthy) {
                return new Liveness(false, "health endpoint " + metricsUri.get() + "/healthz did not answer OK within 2 s",
                        new Snapshot.Probe(healthMs, null, settings.probeDeadline().toMillis(), false));
            }
        }
        long connectStart = System.nanoTime();
        try {
            MilvusClients.v2(spec).close();
        } catch (RuntimeException e) {
            return new Liveness(false, MilvusClients.rootMessage(e), new Snapshot.Probe(healthMs, millis(connectStart),
                    settings.probeDeadline().toMillis(), false));
        }
        double total = millis(start);
        boolean slow = total > settings.probeDeadline().toMillis();
        return new Liveness(true, null, new Snapshot.Probe(healthMs, millis(connectStart), settings.probeDeadline().toMillis(), slow));
    }

    private static double millis(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e4) / 100.0;
    }

    /** What the liveness check found: ok (maybe slow) or the failure. */
    private record Liveness(boolean ok, String failure, Snapshot.Probe figures) {
        boolean slow() {
            return ok && figures.slow();
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

    private Scrape scrape(List<ProbeError> errors) {
        if (metricsUri.isEmpty()) {
            // no endpoint is not an error of the snapshot: the command names it once ("/metrics: none")
            return null;
        }
        PrometheusText text = attempt(errors, "Proxy", "scrape " + metricsUri.get() + "/metrics",
                () -> PrometheusText.parse(MetricsEndpoint.scrape(metricsUri.get(), SCRAPE_TIMEOUT)));
        return text == null ? null : new Scrape(text, System.currentTimeMillis() / 1000.0);
    }

    /**
     * Runs {@code call}, timed (the slowest call of a snapshot can degrade it); on failure records the
     * error and answers null. A call the server does not have (UNIMPLEMENTED: Milvus Lite's segment
     * information) is no error of the snapshot: it is listed once in {@link #unavailable()}.
     */
    static <T> T attempt(List<ProbeError> errors, String section, String probe, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (ServerFeatures.unimplemented(e)) {
                UNAVAILABLE.add(section + " / " + probe);
            } else {
                errors.add(new ProbeError(section, probe, MilvusClients.rootMessage(e)));
            }
            return null;
        } finally {
            SLOWEST.get().offer(probe, (System.nanoTime() - start) / 1e6);
        }
    }

    /** Reads the server answered UNIMPLEMENTED, each once (cleared by {@link #forTarget}); see {@link #attempt}. */
    private static final java.util.Set<String> UNAVAILABLE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Reads this process found the server does not have (UNIMPLEMENTED), each once: "DataNode / collection mbench_x". */
    public static List<String> unavailable() {
        return UNAVAILABLE.stream().sorted().toList();
    }

    /** {@code call}'s answer, or null when the server does not have it (listed in {@link #unavailable()}); other failures are thrown. */
    static <T> T unlessUnimplemented(String section, String probe, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            if (ServerFeatures.unimplemented(e)) {
                UNAVAILABLE.add(section + " / " + probe);
                return null;
            }
            throw e;
        }
    }

    /** The slowest read call of the snapshot being taken on this thread. */
    private static final ThreadLocal<Slowest> SLOWEST = ThreadLocal.withInitial(Slowest::new);

    private static final class Slowest {
        String call;
        double ms;

        void offer(String name, double millis) {
            if (millis > ms) {
                ms = millis;
                call = name;
            }
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
