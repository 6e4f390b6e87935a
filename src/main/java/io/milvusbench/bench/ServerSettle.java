package io.milvusbench.bench;

import io.milvusbench.monitor.PrometheusText;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Waits, outside any timing, for the server to finish the clean-up of collections a benchmark
 * dropped: a dropped collection's flow graph lives on in the data node for a while
 * ({@code milvus_datanode_flowgraph_num} on the metrics endpoint), consuming the message stream
 * while the next job inserts. {@link #flowGraphs()} before creating collections, then
 * {@link #awaitFlowGraphs(double, Duration)} after dropping them. Without a metrics endpoint
 * ({@code -Dmilvus.metrics.uri}) both do nothing.
 */
public final class ServerSettle {
    private static final String FLOW_GRAPHS = "milvus_datanode_flowgraph_num";
    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServerSettle(URI metrics) {
        this.metrics = metrics;
    }

    /** From {@code -Dmilvus.metrics.uri} (the bench command passes the target's). */
    public static ServerSettle fromSystemProperties() {
        String uri = System.getProperty("milvus.metrics.uri");
        return new ServerSettle(uri == null || uri.isBlank() ? null : URI.create(uri.endsWith("/") ? uri + "metrics" : uri + "/metrics"));
    }

    /** The data nodes' flow graphs now, or empty when the metrics cannot be read. */
    public OptionalDouble flowGraphs() {
        if (metrics == null) {
            return OptionalDouble.empty();
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            PrometheusText text = PrometheusText.parse(r.body());
            return text.series(FLOW_GRAPHS).isEmpty() ? OptionalDouble.of(0) : OptionalDouble.of(text.sum(FLOW_GRAPHS, s -> true));
        } catch (java.io.IOException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** Polls (every 50 ms, at most {@code limit}) until the flow graphs are back to {@code target}; true when they are. */
    public boolean awaitFlowGraphs(double target, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            OptionalDouble now = flowGraphs();
            if (now.isEmpty() || now.getAsDouble() <= target) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
