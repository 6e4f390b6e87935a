package io.milvusbench.load;

import io.milvusbench.milvus.MetricsEndpoint;
import io.milvusbench.monitor.PrometheusText;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The server's own CPU over a phase's measurement window: {@value #METRIC} from its metrics
 * endpoint, scraped when the window opens and when it closes (on a thread of its own, never in a
 * loop's way). Divided by the window's requests it is the server's CPU per request, the reading
 * beside the client's: on a machine the two share, what one spends the other cannot. It is the CPU
 * of the process behind the endpoint: the whole server for a standalone Milvus, one role's process
 * in a cluster. NaN when there is no endpoint or a scrape failed.
 */
final class ServerCpu {
    static final String METRIC = "process_cpu_seconds_total";
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(5);

    private final CompletableFuture<Double> from;
    private final CompletableFuture<Double> to;

    private ServerCpu(CompletableFuture<Double> from, CompletableFuture<Double> to) {
        this.from = from;
        this.to = to;
    }

    /** Scrapes {@code metrics} at {@code fromNanos} and {@code toNanos} ({@link System#nanoTime()} scale). */
    static ServerCpu window(Optional<URI> metrics, long fromNanos, long toNanos) {
        if (metrics.isEmpty()) {
            return new ServerCpu(CompletableFuture.completedFuture(Double.NaN), CompletableFuture.completedFuture(Double.NaN));
        }
        return new ServerCpu(scrapeAt(metrics.get(), fromNanos), scrapeAt(metrics.get(), toNanos));
    }

    private static CompletableFuture<Double> scrapeAt(URI metrics, long nanoTime) {
        long delay = Math.max(0, nanoTime - System.nanoTime());
        return CompletableFuture.supplyAsync(() -> read(metrics), CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS));
    }

    private static double read(URI metrics) {
        try {
            return cpuSeconds(MetricsEndpoint.scrape(metrics, SCRAPE_TIMEOUT));
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** {@value #METRIC} in a metrics text, NaN when absent. */
    static double cpuSeconds(String metricsText) {
        PrometheusText text = PrometheusText.parse(metricsText);
        return text.series(METRIC).isEmpty() ? Double.NaN : text.sum(METRIC, s -> true);
    }

    /** Server CPU seconds between the two scrapes (waiting for the second), NaN when unknown. */
    double seconds() {
        try {
            return to.get(SCRAPE_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS) - from.get(SCRAPE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
    }
}
