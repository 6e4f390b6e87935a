package io.milvusbench.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * One look at every component, a line of {@code monitor.jsonl} (see docs/monitor.md). A snapshot
 * taken while the server is unreachable has status {@code down}, its error, and no sections; the
 * first snapshot after an outage carries the {@link Outage}.
 *
 * @param sequence        1, 2, ... within a run
 * @param status          {@code up} or {@code down}
 * @param durationSeconds wall time the snapshot took
 * @param topology        the roles GetMetrics lists, by the monitor's names (null when GetMetrics was not read)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(Instant at, long sequence, String status, String target, String serverVersion, double durationSeconds,
                       ProxySection proxy, QueryNodeSection queryNode, DataNodeSection dataNode, IndexNodeSection indexNode,
                       HostSection host, ServerProcess process, Probe liveness, List<ProbeError> errors, Outage outage,
                       List<Alert> alerts, List<Recommendation> recommendations, ClusterSection cluster, TopologySection topology) {

    /** A snapshot without a topology (GetMetrics not read). */
    public Snapshot(Instant at, long sequence, String status, String target, String serverVersion, double durationSeconds,
                    ProxySection proxy, QueryNodeSection queryNode, DataNodeSection dataNode, IndexNodeSection indexNode,
                    HostSection host, ServerProcess process, Probe liveness, List<ProbeError> errors, Outage outage,
                    List<Alert> alerts, List<Recommendation> recommendations, ClusterSection cluster) {
        this(at, sequence, status, target, serverVersion, durationSeconds, proxy, queryNode, dataNode, indexNode, host, process,
                liveness, errors, outage, alerts, recommendations, cluster, null);
    }

    /** A snapshot of a server without a cluster section (standalone, or no processes known). */
    public Snapshot(Instant at, long sequence, String status, String target, String serverVersion, double durationSeconds,
                    ProxySection proxy, QueryNodeSection queryNode, DataNodeSection dataNode, IndexNodeSection indexNode,
                    HostSection host, ServerProcess process, Probe liveness, List<ProbeError> errors, Outage outage,
                    List<Alert> alerts, List<Recommendation> recommendations) {
        this(at, sequence, status, target, serverVersion, durationSeconds, proxy, queryNode, dataNode, indexNode, host, process,
                liveness, errors, outage, alerts, recommendations, null, null);
    }

    public static final String UP = "up";
    /** The server answered, but its liveness check took longer than the probe deadline (e.g. a stalled or frozen server). */
    public static final String DEGRADED = "degraded";
    public static final String DOWN = "down";

    /** The server answered (up or degraded): the sections hold figures. */
    public boolean up() {
        return UP.equals(status) || DEGRADED.equals(status);
    }

    public boolean degraded() {
        return DEGRADED.equals(status);
    }

    public Snapshot withOutage(Outage o) {
        return new Snapshot(at, sequence, status, target, serverVersion, durationSeconds, proxy, queryNode, dataNode, indexNode,
                host, process, liveness, errors, o, alerts, recommendations, cluster, topology);
    }

    public Snapshot withCluster(ClusterSection c) {
        return new Snapshot(at, sequence, status, target, serverVersion, durationSeconds, proxy, queryNode, dataNode, indexNode,
                host, process, liveness, errors, outage, alerts, recommendations, c, topology);
    }

    public Snapshot withFindings(List<Alert> newAlerts, List<Recommendation> newRecommendations) {
        return new Snapshot(at, sequence, status, target, serverVersion, durationSeconds, proxy, queryNode, dataNode, indexNode,
                host, process, liveness, errors, outage, List.copyOf(newAlerts), List.copyOf(newRecommendations), cluster, topology);
    }

    /**
     * The liveness check at the start of the snapshot.
     *
     * @param healthMs   GET /healthz round trip (null without a metrics endpoint, or when it did not answer)
     * @param connectMs  one client opened and closed (null when not reached)
     * @param deadlineMs the probe deadline: slower than this is {@code slow}, i.e. a degraded server
     * @param slowestCall the slowest single call of the snapshot's reads (e.g. "search user_docs"), when one exceeded the deadline
     * @param slowestMs  its time
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Probe(Double healthMs, Double connectMs, long deadlineMs, boolean slow, String slowestCall, Double slowestMs) {
        public Probe(Double healthMs, Double connectMs, long deadlineMs, boolean slow) {
            this(healthMs, connectMs, deadlineMs, slow, null, null);
        }

        public double totalMs() {
            return (healthMs == null ? 0 : healthMs) + (connectMs == null ? 0 : connectMs);
        }

        /** This check, marked slow because {@code call} took {@code ms} (more than the deadline). */
        public Probe withSlowCall(String call, double ms) {
            return new Probe(healthMs, connectMs, deadlineMs, true, call, ms);
        }
    }

    /**
     * A gap in the monitor's view of the server. {@code seconds} runs from the last good probe (the end
     * of the last snapshot that answered, {@code lastUp}) to the first good one ({@code backUp}): the
     * true outage is at most that. {@code firstDown} is the start of the first snapshot that failed, so
     * {@code minSeconds} ({@code firstDown} to {@code backUp}) is at least how long it was out.
     */
    public record Outage(Instant lastUp, Instant firstDown, Instant backUp, double seconds, int missedSnapshots,
                         String reason, Double minSeconds) {
    }
}
