package io.milvusbench.cli;

import io.milvusbench.monitor.LatencySummary;
import io.milvusbench.monitor.NodeInfo;
import io.milvusbench.monitor.JudgedSnapshot;
import io.milvusbench.monitor.Snapshot;

import java.util.Locale;

/** The one-line progress report of a continuous-mode snapshot, printed to stderr. */
final class MonitorProgress {
    private MonitorProgress() {
    }

    static String line(JudgedSnapshot o) {
        Snapshot s = o.snapshot();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "monitor: #%d %s %s %.1fs", s.sequence(), s.at(), s.status(),
                s.durationSeconds()));
        if (s.proxy() != null) {
            append(sb, "connect", s.proxy().connect());
            append(sb, "search", s.proxy().search());
        }
        if (s.liveness() != null && s.up()) {
            sb.append(String.format(Locale.ROOT, " liveness %.0fms", s.liveness().totalMs()));
        }
        if (s.process() != null && s.process().rssBytes() != null) {
            sb.append(String.format(Locale.ROOT, " rss %.0fMiB", s.process().rssBytes() / 1048576.0));
            if (s.process().memoryPercent() != null) {
                sb.append(String.format(Locale.ROOT, " (%.1f%%)", s.process().memoryPercent()));
            }
        } else if (s.queryNode() != null) {
            for (NodeInfo n : s.queryNode().nodes()) {
                sb.append(String.format(Locale.ROOT, " %s mem %.1f%% (GetMetrics)", n.name(), n.memoryPercent()));
            }
        }
        if (s.queryNode() != null) {
            sb.append(" sealed ").append(s.queryNode().segments().size());
            long growing = s.queryNode().segmentsFromMetrics() == null ? 0 : s.queryNode().segmentsFromMetrics().stream()
                    .filter(x -> "Growing".equalsIgnoreCase(x.state())).mapToLong(x -> x.segments()).sum();
            sb.append(" growing ").append(growing);
        }
        if (s.errors() != null && !s.errors().isEmpty()) {
            sb.append(" errors ").append(s.errors().size()).append(" (").append(s.errors().get(0).message()).append(")");
        }
        if (s.outage() != null) {
            sb.append(String.format(Locale.ROOT, " BACK after %.1f s outage (last good probe to first good probe)", s.outage().seconds()));
        }
        if (s.alerts() != null && !s.alerts().isEmpty()) {
            sb.append(" alerts ").append(s.alerts().size()).append(" (").append(s.alerts().get(0).message()).append(")");
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String name, LatencySummary l) {
        if (l != null && l.p95Ms() != null) {
            sb.append(String.format(Locale.ROOT, " %s p95 %.2fms", name, l.p95Ms()));
        }
    }
}
