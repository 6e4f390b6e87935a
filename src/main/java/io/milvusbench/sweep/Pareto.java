package io.milvusbench.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The recall-vs-QPS trade-off of a sweep: a point is on the Pareto frontier when no other point
 * has at least its recall and at least its QPS, and more of one of them. Index tuners pick from
 * the frontier; everything else is dominated.
 */
public final class Pareto {
    private Pareto() {
    }

    /** True when {@code p} is not dominated by any point of {@code all}. */
    public static boolean onFrontier(SweepPoint p, List<SweepPoint> all) {
        for (SweepPoint q : all) {
            boolean atLeast = q.recall() >= p.recall() && q.load().qps() >= p.load().qps();
            boolean better = q.recall() > p.recall() || q.load().qps() > p.load().qps();
            if (q != p && atLeast && better) {
                return false;
            }
        }
        return true;
    }

    /**
     * The sweep's pareto.md: a heading naming the loops that measured it and the dataset, then
     * {@link #table}.
     */
    public static List<String> document(List<SweepPoint> points, int topK, int concurrency, String dataset) {
        List<String> out = new ArrayList<>();
        out.add("# Index sweep: recall@" + topK + " vs QPS (closed loop, " + concurrency
                + " threads for QPS, 1 thread for latency; latency = service time; dataset " + dataset + ")");
        out.add("");
        out.addAll(table(points));
        return out;
    }

    /**
     * A Markdown table, best recall first, frontier points marked with {@code *}: recall, saturated
     * QPS with its p50/p95, one-thread p50/p95 (latency with nothing queued), errors of both loops,
     * build time and the server's memory figures ("unavailable" where the server gives none).
     */
    public static List<String> table(List<SweepPoint> points) {
        List<SweepPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(SweepPoint::recall).reversed()
                .thenComparing(Comparator.comparingDouble((SweepPoint p) -> p.load().qps()).reversed()));
        List<String> out = new ArrayList<>();
        int k = points.isEmpty() ? 0 : points.get(0).topK();
        int threads = points.isEmpty() ? 0 : points.get(0).load().concurrency();
        out.add("| pareto | index | recall@" + k + " | QPS (" + threads + " threads) | p50 ms | p95 ms | 1-thread p50 ms "
                + "| 1-thread p95 ms | errors | build s | entity size MiB | RSS delta MiB |");
        out.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (SweepPoint p : sorted) {
            out.add(String.format(Locale.ROOT, "| %s | %s | %.4f | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %.2f | %s | %s |",
                    onFrontier(p, points) ? "*" : "", p.label(), p.recall(), p.load().qps(), p.load().percentileMs(50),
                    p.load().percentileMs(95), p.single().percentileMs(50), p.single().percentileMs(95),
                    p.load().errors() + p.single().errors(), p.buildSeconds(), SweepPoint.Memory.mib(p.memory().entityBytes()),
                    SweepPoint.Memory.mib(p.memory().rssDeltaBytes())));
        }
        return out;
    }
}
