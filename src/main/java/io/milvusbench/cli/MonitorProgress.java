package io.milvusbench.cli;

import io.milvusbench.monitor.LatencySummary;
import io.milvusbench.monitor.NodeInfo;
import io.milvusbench.monitor.Observation;
import io.milvusbench.monitor.Snapshot;

import java.util.Locale;

/** The one-line progress report of a continuous-mode snapshot, printed to stderr. */
final class MonitorProgress {
    private MonitorProgress() {
    }

    static String line(Observation o) {
        Snapshot s = o.snapshot();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "monitor: #%d %s %s %.1fs", s.sequence(), s.at(), s.status(),
                s.durationSeconds()));
        if (s.proxy() != null) {
            append(sb, "connect", s.proxy().connect());
            append(sb, "search", s.proxy().search());
        }
        if (s.queryNode() != null) {
            for (NodeInfo n : s.queryNode().nodes()) {
                sb.append(String.format(Locale.ROOT, " %s mem %.1f%%", n.name(), n.memoryPercent()));
            }
            sb.append(" segments ").append(s.queryNode().segments().size());
        }
        if (s.errors() != null && !s.errors().isEmpty()) {
            sb.append(" errors ").append(s.errors().size()).append(" (").append(s.errors().get(0).message()).append(")");
        }
        if (s.outage() != null) {
            sb.append(String.format(Locale.ROOT, " BACK after %.1f s outage", s.outage().seconds()));
        }
        if (s.alerts() != null && !s.alerts().isEmpty()) {
            sb.append(" alerts ").append(s.alerts().size());
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, LatencySummary l) {
        if (l != null && l.p95Ms() != null) {
            sb.append(String.format(Locale.ROOT, " %s p95 %.2fms", name, l.p95Ms()));
        }
    }
}
