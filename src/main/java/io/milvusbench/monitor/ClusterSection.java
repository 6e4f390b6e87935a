package io.milvusbench.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * Every process of a cluster, measured one by one, and which nodes are missing.
 *
 * @param processes one entry per process the target knows (a local cluster: all of them; a URI target:
 *                  those named with {@code --component-metrics})
 * @param nodesByType GetMetrics' node count per type now (e.g. {@code querynode: 2})
 * @param expectedByType the most nodes of each type seen in this run: fewer now means some are missing
 * @param missing   what is missing: a process that does not answer its health check, or "querynode: 1 of 2
 *                  (querynode7 gone)" from GetMetrics' node list
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterSection(List<ProcessFigures> processes, Map<String, Integer> nodesByType, Map<String, Integer> expectedByType,
                             List<String> missing) {

    /**
     * One process: its own {@code /metrics} ({@code process_resident_memory_bytes},
     * {@code process_cpu_seconds_total}) beside {@code /proc/<pid>} (VmRSS; utime + stime where the
     * process exposes no metrics), read at the same moment.
     *
     * @param nodeId    the Milvus node id (GetMetrics' id, the segment table's node ids): the commonest
     *                  {@code node_id} label of its /metrics; null for etcd, Kafka or an unscraped process
     * @param up        answered its health check ({@code /healthz}; etcd {@code /health}; no endpoint: the pid is alive)
     * @param cpuCores  CPU seconds per second since the previous snapshot (same process), else since its start
     * @param cpuWindow {@code between snapshots} or {@code since process start}
     * @param cpuSource {@code metrics} or {@code /proc}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProcessFigures(String name, String role, Long pid, Long nodeId, boolean up, String metricsUri, Long rssBytes, Long procVmRssBytes,
                                 Double cpuSecondsTotal, Double cpuCores, String cpuWindow, String cpuSource, String error) {

        /** |RSS - VmRSS| / VmRSS in percent, when both were read. */
        public Double rssDifferencePercent() {
            if (rssBytes == null || procVmRssBytes == null || procVmRssBytes == 0) {
                return null;
            }
            return Math.round(10_000.0 * Math.abs(rssBytes - procVmRssBytes) / procVmRssBytes) / 100.0;
        }
    }
}
