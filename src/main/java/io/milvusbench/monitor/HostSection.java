package io.milvusbench.monitor;

/**
 * The machine (or container) Milvus runs on. {@code source} says where the figures come from:
 * {@code oshi} (Milvus runs on this machine: a local process or a loopback URI), {@code docker-stats}
 * (the container Testcontainers started, through the Docker API), or {@code none} (a remote server:
 * see the per-node GetMetrics figures instead). Unknown figures are null.
 *
 * @param cpuPercent        CPU busy, percent of all cores of the host (or of the container's share)
 * @param processCpuCores   CPU of the Milvus process in cores (1.0 = one core busy), local process only
 * @param diskUsedBytes     bytes in use on the data folder's file system: total − free, as {@code df} counts them
 * @param diskAvailableBytes bytes still available to Milvus (not root): what {@code df} calls available
 * @param diskPercent       used / (used + available), as {@code df}'s Use% (blocks reserved for root count as neither)
 * @param blockReadBytes    container block I/O read since start (docker-stats only)
 */
public record HostSection(String source, Double cpuPercent, Integer cpuCores, Long memoryTotalBytes, Long memoryUsedBytes,
                          Double memoryPercent, String diskPath, Long diskTotalBytes, Long diskUsedBytes, Long diskAvailableBytes, Double diskPercent,
                          Long processPid, Long processRssBytes, Double processCpuCores, Long blockReadBytes,
                          Long blockWriteBytes, String note) {

    public static HostSection none(String note) {
        return new HostSection("none", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, note);
    }

    static Double percent(Long used, Long total) {
        return used == null || total == null || total <= 0 ? null : Math.round(1000.0 * used / total) / 10.0;
    }
}
