package io.milvusbench.sweep;

import io.milvusbench.milvus.LocalProcessTarget;
import io.milvusbench.milvus.MetricsEndpoint;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.monitor.PrometheusText;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The server's own memory figures for one loaded collection, which a sweep prints per index:
 * <ul>
 *   <li>{@code milvus_querynode_entity_size} summed over the collection's series: what the query
 *       nodes account for the collection's loaded segments;</li>
 *   <li>the server's resident memory ({@code process_resident_memory_bytes} from its /metrics, or
 *       {@code /proc/PID/status} VmRSS of a local process the suite started), read until it
 *       settles (three readings a second apart within 1 % or 2 MiB, at most 30 s), before the load
 *       and after it; the difference is the load's cost. A figure that is unknown, or a difference
 *       that is not positive (memory kept by the allocator from an earlier index), is reported as
 *       unavailable, never as 0.</li>
 * </ul>
 * In a standalone server the resident memory is the whole process's; on a cluster's metrics
 * endpoint it is that node's.
 */
final class ServerMemory {
    private static final Duration SCRAPE = Duration.ofSeconds(10);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(30);

    private final URI metrics;
    private final long pid;

    ServerMemory(MilvusTarget target) {
        this.metrics = target.metricsUri().orElse(null);
        this.pid = target instanceof LocalProcessTarget local ? local.pid()
                : target instanceof io.milvusbench.milvus.LiteTarget lite ? lite.pid() : -1;
    }

    /** Bytes the query nodes account for collection {@code collectionId}; empty when unknown or 0. */
    OptionalLong entityBytes(long collectionId) {
        Optional<PrometheusText> text = scrape();
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        String id = Long.toString(collectionId);
        double bytes = text.get().sum("milvus_querynode_entity_size", s -> id.equals(s.label("collection_id")));
        return bytes > 0 ? OptionalLong.of((long) bytes) : OptionalLong.empty();
    }

    /** Resident memory once it stops moving; empty when neither source answers. */
    OptionalLong settledRss() {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        long a = -1;
        long b = -1;
        while (true) {
            long c = rss();
            if (c <= 0) {
                return OptionalLong.empty();
            }
            if (a > 0 && close(a, c) && close(b, c) || System.nanoTime() > deadline) {
                return OptionalLong.of(c);
            }
            a = b;
            b = c;
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return OptionalLong.of(c);
            }
        }
    }

    private static boolean close(long x, long y) {
        return Math.abs(x - y) <= Math.max(2L << 20, y / 100);
    }

    private long rss() {
        if (pid > 0) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // fall back to the server's own figure
            }
        }
        return scrape().map(t -> (long) t.sum("process_resident_memory_bytes", s -> true)).orElse(-1L);
    }

    private Optional<PrometheusText> scrape() {
        if (metrics == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(PrometheusText.parse(MetricsEndpoint.scrape(metrics, SCRAPE)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
