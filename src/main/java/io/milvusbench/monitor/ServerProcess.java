package io.milvusbench.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Milvus process itself, each figure labelled with its source:
 * <ul>
 * <li>{@code rssBytes}: {@code process_resident_memory_bytes} of the scraped /metrics endpoint — the
 *     process serving it (in standalone Milvus: the whole server);</li>
 * <li>{@code procVmRssBytes}: {@code VmRSS} of {@code /proc/<pid>/status}, when the process runs here
 *     and its pid is known (a local target);</li>
 * <li>{@code reportedMemoryUsedBytes}: what GetMetrics(system_info) reports as the node's memory use
 *     (not the process's resident memory: shown beside it, never alerted on);</li>
 * <li>{@code memoryTotalBytes}: the memory the server sees (GetMetrics: host memory or container limit);
 *     {@code memoryPercent} = RSS / that total — the figure memory alerts judge;</li>
 * <li>{@code cpuCores}: {@code process_cpu_seconds_total} per second over {@code cpuWindow}:
 *     "between snapshots" (the monitor idle, so the server's own load) or "since process start"
 *     (one-shot: the lifetime average).</li>
 * </ul>
 *
 * @param deployMode GetMetrics' {@code deploy_mode} (e.g. STANDALONE: every node is this one process)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerProcess(String metricsSource, String deployMode, Long rssBytes, Long procPid, Long procVmRssBytes,
                            Long reportedMemoryUsedBytes, Long memoryTotalBytes, Double memoryPercent, Double cpuSecondsTotal,
                            Double cpuCores, String cpuWindow, Double cpuWindowSeconds, String note) {

    static final String RSS = "process_resident_memory_bytes";
    static final String CPU = "process_cpu_seconds_total";
    static final String START = "process_start_time_seconds";

    /** True when every node GetMetrics lists is this one process. */
    public boolean standalone() {
        return deployMode != null && deployMode.equalsIgnoreCase("STANDALONE");
    }

    /**
     * @param scrape        the snapshot's last scrape (freshest RSS)
     * @param scrapeAt      epoch seconds of {@code scrape}
     * @param idleFrom      a scrape taken when the monitor went idle (end of the previous snapshot), or null
     * @param idleFromAt    its epoch seconds
     * @param idleTo        the scrape at the start of this snapshot (before any probe), or null
     * @param idleToAt      its epoch seconds
     * @param nodes         GetMetrics' nodes
     * @param deployMode    GetMetrics' deploy mode, or null
     * @param pid           the process id when it runs here, else 0
     * @param vmRss         /proc VmRSS read right after {@code scrape}, or null
     */
    static ServerProcess of(String metricsSource, PrometheusText scrape, double scrapeAt, PrometheusText idleFrom, double idleFromAt,
                            PrometheusText idleTo, double idleToAt, List<NodeInfo> nodes, String deployMode, long pid, Long vmRss) {
        Long rss = value(scrape, RSS) == null ? null : Math.round(value(scrape, RSS));
        NodeInfo node = nodes.stream().filter(n -> n.type().equals("querynode")).findFirst()
                .orElse(nodes.isEmpty() ? null : nodes.get(0));
        Long total = node == null || node.memoryBytes() <= 0 ? null : node.memoryBytes();
        Long reported = node == null ? null : node.memoryUsedBytes();
        Long basis = rss != null ? rss : vmRss;
        Double percent = basis == null || total == null ? null : Math.round(10_000.0 * basis / total) / 100.0;
        Double cpuTotal = value(scrape, CPU);
        Double cores = null;
        String window = null;
        Double windowSeconds = null;
        Double a = value(idleFrom, CPU);
        Double b = value(idleTo, CPU);
        if (a != null && b != null && idleToAt > idleFromAt && b >= a) {
            windowSeconds = round(idleToAt - idleFromAt, 1000);
            cores = round((b - a) / (idleToAt - idleFromAt), 1000);
            window = "between snapshots (monitor idle)";
        } else if (cpuTotal != null && value(scrape, START) != null && scrapeAt > value(scrape, START)) {
            windowSeconds = round(scrapeAt - value(scrape, START), 10);
            cores = round(cpuTotal / (scrapeAt - value(scrape, START)), 1000);
            window = "since process start";
        }
        String note = null;
        if (rss == null) {
            note = metricsSource == null ? "no metrics endpoint: process figures unknown (give --metrics-uri)"
                    : "the metrics endpoint has no " + RSS;
        } else if (deployMode != null && !deployMode.equalsIgnoreCase("STANDALONE")) {
            note = "cluster: these are the figures of the process serving " + metricsSource + " only";
        }
        return new ServerProcess(metricsSource, deployMode, rss, pid > 0 ? pid : null, vmRss, reported, total, percent, cpuTotal,
                cores, window, windowSeconds, note);
    }

    /** VmRSS of {@code /proc/<pid>/status} in bytes, or null when unreadable. */
    static Long vmRss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    private static Double value(PrometheusText text, String name) {
        if (text == null || text.series(name).isEmpty()) {
            return null;
        }
        return text.sum(name, s -> true);
    }

    private static Double round(double v, int scale) {
        return Math.round(v * scale) / (double) scale;
    }
}
