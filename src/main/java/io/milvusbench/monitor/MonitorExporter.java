package io.milvusbench.monitor;

import io.milvusbench.BadInputException;
import io.milvusbench.results.ScalarMetric;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the monitor's own results at {@code http://BIND:PORT/metrics} for an existing Prometheus
 * and Grafana: the probe latencies as {@code mbench_monitor_probe_latency_seconds{series,quantile}},
 * and every figure of the latest snapshot as {@code mbench_monitor_<statistic>{series,component}}
 * (e.g. {@code mbench_monitor_memory_percent}, {@code mbench_monitor_rows_per_second}). Each update
 * replaces the previous snapshot's values. Binds to loopback unless told otherwise.
 */
public final class MonitorExporter implements AutoCloseable {
    public static final String PREFIX = "mbench_monitor_";
    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private final Gauge latency;
    private final Gauge snapshots;
    private final Gauge alerts;
    private final HTTPServer server;

    private MonitorExporter(String bind, int port) throws IOException {
        latency = Gauge.builder().name(PREFIX + "probe_latency_seconds")
                .help("Latency of the monitor's probe calls in the latest snapshot, client-side")
                .labelNames("series", "quantile").register(registry);
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

    public synchronized void update(Observation o) {
        snapshots.set(o.snapshot().sequence());
        alerts.clear();
        alerts.labelValues("warning").set(o.snapshot().alerts().stream().filter(a -> !a.critical()).count());
        alerts.labelValues("critical").set(o.snapshot().alerts().stream().filter(Alert::critical).count());
        latency.clear();
        for (LatencyProbe.Result r : o.latencies()) {
            Histogram h = r.histogram();
            if (h.getTotalCount() == 0) {
                continue;
            }
            for (double q : QUANTILES) {
                latency.labelValues(r.series(), Double.toString(q)).set(h.getValueAtPercentile(q * 100) / 1e6);
            }
        }
        gauges.values().forEach(Gauge::clear);
        for (ScalarMetric m : o.metrics()) {
            gauge(m.statistic(), m.unit()).labelValues(m.series(), m.component()).set(m.value());
        }
    }

    private Gauge gauge(String statistic, String unit) {
        String name = PREFIX + metricName(statistic);
        return gauges.computeIfAbsent(name, n -> Gauge.builder().name(n)
                .help("milvus-bench monitor figure '" + statistic + "'" + (unit == null ? "" : " in " + unit))
                .labelNames("series", "component").register(registry));
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
