package io.milvusbench.monitor;

/**
 * One Milvus component as GetMetrics(system_info) describes it: the server's own view of the
 * node's host (memory, CPU, disk), not the client's.
 *
 * @param name          e.g. {@code querynode1}
 * @param type          e.g. {@code querynode}, {@code proxy}, {@code datanode}, {@code indexnode}
 * @param memoryBytes   total memory of the node's host or container limit
 * @param memoryUsedBytes memory in use by the node
 * @param cpuCores      cores available to the node
 * @param cpuUsage      CPU usage the node reports (percent of all cores)
 * @param diskBytes     disk quota reported
 * @param diskUsedBytes disk used
 * @param buildVersion  e.g. {@code v2.3.5}
 * @param error         the node's own error text, or empty
 */
public record NodeInfo(String name, String type, long id, long memoryBytes, long memoryUsedBytes, int cpuCores,
                       double cpuUsage, long diskBytes, long diskUsedBytes, String buildVersion, String error) {

    /** Memory in use as a percentage of the node's memory, or NaN when unknown. */
    public double memoryPercent() {
        return memoryBytes > 0 ? 100.0 * memoryUsedBytes / memoryBytes : Double.NaN;
    }
}
