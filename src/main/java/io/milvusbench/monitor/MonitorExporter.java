package io.milvusbench.monitor;

import io.milvusbench.BadInputException;
import io.milvusbench.results.ScalarMetric;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the monitor's own results at {@code http://BIND:PORT/metrics} for an existing Prometheus
 * and Grafana, by the exposition conventions (types declared, base units in the names):
 * <ul>
 * <li>{@code mbench_monitor_probe_latency_seconds{series}}: a summary (quantiles 0.5, 0.9, 0.95, 0.99,
 *     {@code _count}, {@code _sum}) of each probe of the latest snapshot, client-side;</li>
 * <li>every figure of the latest snapshot as a gauge {@code mbench_monitor_<statistic>_<unit>{series,component}}:
 *     milliseconds become {@code _seconds}, percentages {@code _ratio} (0..1), bytes {@code _bytes},
 *     rows/s {@code _rows_per_second} (e.g. {@code mbench_monitor_memory_ratio},
 *     {@code mbench_monitor_p95_seconds}, {@code mbench_monitor_rows_per_second});</li>
 * <li>{@code mbench_monitor_snapshot_sequence}, {@code mbench_monitor_alerts{severity}}.</li>
 * </ul>
 * Each update replaces the previous snapshot's values. Binds to loopback unless told otherwise.
 * {@code grafana/milvus-bench-monitor.json} is a dashboard for these series beside Milvus' own.
 */
public final class MonitorExporter implements AutoCloseable {
    public static final String PREFIX = "mbench_monitor_";
    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private final Gauge snapshots;
    private final Gauge alerts;
    private final HTTPServer server;
    private volatile List<LatencyProbe.Result> latest = List.of();

    private MonitorExporter(String bind, int port) throws IOException {
        SummaryWithCallback.builder().name(PREFIX + "probe_latency_seconds")
                .help("Latency of the monitor's probe calls in the latest snapshot, client-side")
                .labelNames("series")
                .callback(callback -> {
                    for (LatencyProbe.Result r : latest) {
                        Histogram h = r.histogram();
                        if (h.getTotalCount() == 0) {
                            continue;
                        }
                        Quantile[] qs = new Quantile[QUANTILES.length];
                        for (int i = 0; i < QUANTILES.length; i++) {
                            qs[i] = new Quantile(QUANTILES[i], h.getValueAtPercentile(QUANTILES[i] * 100) / 1e6);
                        }
                        callback.call(h.getTotalCount(), h.getMean() * h.getTotalCount() / 1e6, Quantiles.of(qs), r.series());
                    }
                })
                .register(registry);
        snapshots = Gauge.builder().name(PREFIX + "snapshot_sequence").help("Sequence number of the latest snapshot")
                .register(registry);
        alerts = Gauge.builder().name(PREFIX + "alerts").help("Alerts raised by the latest snapshot")
                .labelNames("severity").register(registry);
        server = HTTPServer.builder().hostname(bind).port(port).registry(registry).buildAndStart();
    }

    /** Starts the HTTP endpoint; a port in use or a bad address is a {@link BadInputException}. */
    public static MonitorExporter start(String bind, int port) {
        if (port < 0 || port > 65535) {
            throw new BadInputException("--prometheus-port must be in 0..65535, got " + port);
        }
        try {
            return new MonitorExporter(bind, port);
        } catch (IOException | RuntimeException e) {
            throw new BadInputException("cannot serve Prometheus metrics on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port actually bound (useful when 0 asked for any free port). */
    public int port() {
        return server.getPort();
    }

    public synchronized void update(JudgedSnapshot o) {
        snapshots.set(o.snapshot().sequence());
        alerts.clear();
        alerts.labelValues("warning").set(o.snapshot().alerts().stream().filter(a -> !a.critical()).count());
        alerts.labelValues("critical").set(o.snapshot().alerts().stream().filter(Alert::critical).count());
        latest = List.copyOf(o.latencies());
        gauges.values().forEach(Gauge::clear);
        for (ScalarMetric m : o.metrics()) {
            Exposed e = exposed(m.statistic(), m.unit());
            gauge(e.name(), m.statistic(), m.unit()).labelValues(m.series(), m.component()).set(m.value() * e.scale());
        }
    }

    private Gauge gauge(String name, String statistic, String unit) {
        return gauges.computeIfAbsent(PREFIX + name, n -> Gauge.builder().name(n)
                .help("milvus-bench monitor figure '" + statistic + "'" + (unit == null ? "" : " (" + unit + " in metrics.jsonl)"))
                .labelNames("series", "component").register(registry));
    }

    /** A figure's exposed name (base unit as suffix) and the factor from its metrics.jsonl unit. */
    record Exposed(String name, double scale) {
    }

    static Exposed exposed(String statistic, String unit) {
        String base = metricName(statistic);
        String u = unit == null ? "" : unit;
        return switch (u) {
            case "ms" -> new Exposed(withSuffix(base.replaceAll("_ms$", ""), "_seconds"), 0.001);
            case "s" -> new Exposed(withSuffix(base.replaceAll("_s$", ""), "_seconds"), 1);
            case "percent" -> new Exposed(withSuffix(base.replaceAll("_percent$", ""), "_ratio"), 0.01);
            case "bytes" -> new Exposed(withSuffix(base, "_bytes"), 1);
            default -> new Exposed(base, 1);
        };
    }

    private static String withSuffix(String name, String suffix) {
        return name.endsWith(suffix) ? name : name + suffix;
    }

    /** {@code rows/s} becomes {@code rows_per_second}; anything Prometheus would refuse becomes {@code _}. */
    static String metricName(String statistic) {
        String name = statistic.toLowerCase(Locale.ROOT).replace("/s", "_per_second").replace("@", "_at_")
                .replaceAll("[^a-z0-9_]", "_");
        for (String reserved : new String[] {"_total", "_created", "_bucket", "_count", "_sum", "_info"}) {
            if (name.endsWith(reserved)) {
                name = name + "_value";
            }
        }
        return name;
    }

    @Override
    public void close() {
        server.close();
    }
}
