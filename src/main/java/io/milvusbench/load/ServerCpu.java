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
 * endpoint, scraped when the window opens (on a thread of its own, never in a loop's way) and when
 * the phase has ended (its loop returned: at the planned end, or earlier when the phase was cut
 * short). Divided by the window's requests it is the server's CPU per request, the reading
 * beside the client's: on a machine the two share, what one spends the other cannot. It is the CPU
 * of the process behind the endpoint: the whole server for a standalone Milvus, one role's process
 * in a cluster. NaN when there is no endpoint or a scrape failed.
 */
final class ServerCpu {
    static final String METRIC = "process_cpu_seconds_total";
    private static final Duration SCRAPE_TIMEOUT = Duration.ofSeconds(2);

    private final Optional<URI> metrics;
    private final CompletableFuture<Double> from;

    private ServerCpu(Optional<URI> metrics, CompletableFuture<Double> from) {
        this.metrics = metrics;
        this.from = from;
    }

    /** Scrapes {@code metrics} at {@code fromNanos} ({@link System#nanoTime()} scale), the start of the window. */
    static ServerCpu window(Optional<URI> metrics, long fromNanos) {
        if (metrics.isEmpty()) {
            return new ServerCpu(metrics, CompletableFuture.completedFuture(Double.NaN));
        }
        return new ServerCpu(metrics, scrapeAt(metrics.get(), fromNanos));
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

    /**
     * Server CPU seconds from the window's start to now (the phase has ended), NaN when unknown or
     * when the phase ended before its window opened. Waits at most one scrape timeout.
     */
    double seconds() {
        if (metrics.isEmpty() || !from.isDone()) {
            from.cancel(false);
            return Double.NaN;
        }
        double start = from.getNow(Double.NaN);
        return Double.isNaN(start) ? Double.NaN : read(metrics.get()) - start;
    }
}
