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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Snapshot(Instant at, long sequence, String status, String target, String serverVersion, double durationSeconds,
                       ProxySection proxy, QueryNodeSection queryNode, DataNodeSection dataNode, IndexNodeSection indexNode,
                       HostSection host, List<ProbeError> errors, Outage outage, List<Alert> alerts,
                       List<Recommendation> recommendations) {

    public static final String UP = "up";
    public static final String DOWN = "down";

    public boolean up() {
        return UP.equals(status);
    }

    public Snapshot withOutage(Outage o) {
        return new Snapshot(at, sequence, status, target, serverVersion, durationSeconds, proxy, queryNode, dataNode, indexNode,
                host, errors, o, alerts, recommendations);
    }

    public Snapshot withFindings(List<Alert> newAlerts, List<Recommendation> newRecommendations) {
        return new Snapshot(at, sequence, status, target, serverVersion, durationSeconds, proxy, queryNode, dataNode, indexNode,
                host, errors, outage, List.copyOf(newAlerts), List.copyOf(newRecommendations));
    }

    /**
     * A gap in the monitor's view of the server: from the first failed snapshot to the first one
     * that succeeded again. {@code seconds} is that span; the true outage lies between
     * {@code seconds} and {@code seconds} plus one interval (the last good snapshot is {@code lastUp}).
     */
    public record Outage(Instant lastUp, Instant firstDown, Instant backUp, double seconds, int missedSnapshots,
                         String reason) {
    }
}
