package io.milvusbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusbench.BadInputException;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import io.milvusbench.results.ShardInfo;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The run folders of N load generator processes that shared one schedule ({@code load --shard i/N
 * --start-at T}) as one run: histograms added interval by interval (the shards' intervals cover
 * the same wall-clock seconds from {@code T}), rates and counts summed, the error rate and the CPU
 * per request recomputed over all requests, and the run labelled with its shards. Folders that are
 * not shards of the same run (another start time, shard count or parameters, a shard twice or
 * missing, a sharded folder beside an unsharded one) are refused: their sum would be no run at all.
 */
final class ShardMerge {
    /** Statistics that add up over shards. */
    private static final Set<String> SUMMED = Set.of("qps", "requests", "errors", "offered_rate", "late_sends");
    /** Statistics whose merged figure is the worst shard's: only bounds of the merged figure are known. */
    private static final Set<String> WORST = Set.of("send_lag_max", "send_lag_p99");

    private ShardMerge() {
    }

    /** One folder with its run.json and shard entry. */
    record Shard(Path dir, JsonNode runInfo, ShardInfo info) {
    }

    /**
     * The shards, in shard order, when the folders are the shards of one run; an empty list when none
     * of them is a shard; bad input when they are a mixture or incomplete.
     */
    static List<Shard> of(List<Path> dirs, List<JsonNode> infos) {
        List<Shard> shards = new ArrayList<>();
        Path plain = null;
        for (int i = 0; i < dirs.size(); i++) {
            ShardInfo s = ShardInfo.of(infos.get(i), dirs.get(i).resolve("run.json").toString());
            if (s == null) {
                plain = plain == null ? dirs.get(i) : plain;
            } else {
                shards.add(new Shard(dirs.get(i), infos.get(i), s));
            }
        }
        if (shards.isEmpty()) {
            return List.of();
        }
        Shard first = shards.get(0);
        if (plain != null) {
            throw new BadInputException(first.dir() + " is shard " + first.info().label() + " of a run started at "
                    + first.info().startAt() + ", but " + plain + " is no shard: shards merge only with the other shards of their run");
        }
        Map<Integer, Shard> byIndex = new TreeMap<>();
        for (Shard s : shards) {
            if (s.info().count() != first.info().count() || !s.info().startAt().equals(first.info().startAt())) {
                throw new BadInputException("shards of different runs: " + first.dir() + " is " + first.info().label()
                        + " started at " + first.info().startAt() + ", " + s.dir() + " is " + s.info().label()
                        + " started at " + s.info().startAt());
            }
            if (!s.runInfo().path("parameters").equals(first.runInfo().path("parameters"))
                    || !s.runInfo().path("command").equals(first.runInfo().path("command"))) {
                throw new BadInputException("shards of different runs: " + s.dir() + " and " + first.dir()
                        + " started at the same time but with different parameters (run.json 'parameters')");
            }
            Shard before = byIndex.putIfAbsent(s.info().index(), s);
            if (before != null) {
                throw new BadInputException("shard " + s.info().label() + " is given twice: " + before.dir() + " and " + s.dir());
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= first.info().count(); i++) {
            if (!byIndex.containsKey(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("shard(s) " + missing + " of " + first.info().count() + " missing (run started at "
                    + first.info().startAt() + "): give every shard's run folder, e.g. check " + first.dir() + " --merge OTHER...");
        }
        return List.copyOf(byIndex.values());
    }

    /** The shards' figures as one run's (see the class comment). */
    static Measurements merge(List<Shard> shards, List<Measurements> figures) {
        long startMs = Instant.parse(shards.get(0).info().startAt()).toEpochMilli();
        Map<SeriesId, List<HlogSeries>> bySeries = new LinkedHashMap<>();
        List<ScalarMetric> scalars = new ArrayList<>();
        List<JmhScore> jmh = new ArrayList<>();
        List<HlogFiles.LogFile> logs = new ArrayList<>();
        for (Measurements m : figures) {
            m.histograms().forEach((id, s) -> bySeries.computeIfAbsent(id, k -> new ArrayList<>()).add(s));
            scalars.addAll(m.scalars());
            jmh.addAll(m.jmh());
            logs.addAll(m.logs());
        }
        Map<SeriesId, HlogSeries> histograms = new TreeMap<>(Comparator.comparing(SeriesId::toString));
        bySeries.forEach((id, list) -> histograms.put(id, aligned(id, list, startMs)));
        return new Measurements(histograms, scalars(scalars, histograms.keySet()), jmh, logs);
    }

    /** One series from every shard: intervals covering the same second (counted from the start) added. */
    static HlogSeries aligned(SeriesId id, List<HlogSeries> shards, long startMs) {
        LogUnit unit = shards.stream().map(HlogSeries::unit).min(Comparator.comparingDouble(LogUnit::toMicros)).orElseThrow();
        Map<Long, Histogram> bySecond = new TreeMap<>();
        for (HlogSeries s : shards) {
            for (Histogram h : s.intervals()) {
                Histogram v = HlogFiles.convert(h, s.unit(), unit);
                long second = Math.round((v.getStartTimeStamp() - startMs) / 1000.0);
                Histogram sum = bySecond.get(second);
                if (sum == null) {
                    sum = new Histogram(v.getNumberOfSignificantValueDigits());
                    sum.setAutoResize(true);
                    sum.setStartTimeStamp(v.getStartTimeStamp());
                    sum.setEndTimeStamp(v.getEndTimeStamp());
                    sum.setTag(v.getTag());
                    bySecond.put(second, sum);
                }
                sum.add(v);
                sum.setStartTimeStamp(Math.min(sum.getStartTimeStamp(), v.getStartTimeStamp()));
                sum.setEndTimeStamp(Math.max(sum.getEndTimeStamp(), v.getEndTimeStamp()));
            }
        }
        return HlogSeries.of(id, new ArrayList<>(bySecond.values()), unit);
    }

    /**
     * Metric lines of all shards as one run's: sums for rates and counts, the error rate and the
     * client's CPU per request over all requests, the server's CPU per request as the shards' average
     * reading shared over all requests, the worst shard for send-lag bounds; percentile lines of series
     * with histograms are dropped (the merged histogram gives them); other lines are kept per shard.
     */
    /** Client CPU per request and its parts: each shard's own process, weighted by its requests. */
    static final Set<String> CLIENT_CPU = Set.of("client_cpu_per_request", "client_jit_cpu_per_request", "client_gc_cpu_per_request");
    /** The server's CPU per request: one server read by every shard over the same window. */
    static final String SERVER_CPU = "server_cpu_per_request";

    static List<ScalarMetric> scalars(List<ScalarMetric> all, Set<SeriesId> histogramSeries) {
        Map<String, List<ScalarMetric>> groups = new LinkedHashMap<>();
        for (ScalarMetric m : all) {
            groups.computeIfAbsent(m.series() + "\u0000" + m.component() + "\u0000" + m.statistic(), k -> new ArrayList<>()).add(m);
        }
        List<ScalarMetric> out = new ArrayList<>();
        for (List<ScalarMetric> g : groups.values()) {
            ScalarMetric first = g.get(0);
            String stat = first.statistic();
            SeriesId series = SeriesId.parse(first.series());
            if (Statistic.isHistogram(stat) && histogramSeries.contains(series)) {
                continue;
            }
            if (SUMMED.contains(stat)) {
                out.add(with(first, g.stream().mapToDouble(ScalarMetric::value).sum()));
            } else if (WORST.contains(stat)) {
                out.add(with(first, g.stream().mapToDouble(ScalarMetric::value).max().orElse(Double.NaN)));
            } else if ("error_rate".equals(stat) || CLIENT_CPU.contains(stat) || SERVER_CPU.equals(stat)) {
                List<ScalarMetric> requests = groups.getOrDefault(first.series() + "\u0000Client\u0000requests", List.of());
                double total = requests.stream().mapToDouble(ScalarMetric::value).sum();
                if ("error_rate".equals(stat)) {
                    List<ScalarMetric> errors = groups.getOrDefault(first.series() + "\u0000Client\u0000errors", List.of());
                    out.add(with(first, total > 0 ? errors.stream().mapToDouble(ScalarMetric::value).sum() / total : 0));
                } else if (requests.size() == g.size() && total > 0) {
                    double weighted = 0;
                    for (int i = 0; i < g.size(); i++) {
                        weighted += g.get(i).value() * requests.get(i).value();
                    }
                    // client CPU: each shard's own process, summed; server CPU: every shard read the same
                    // server over the same window, so the shards' readings are averaged, then shared out
                    out.add(with(first, SERVER_CPU.equals(stat) ? weighted / g.size() / total : weighted / total));
                } else {
                    out.addAll(g);
                }
            } else {
                out.addAll(g);
            }
        }
        return out;
    }

    private static ScalarMetric with(ScalarMetric m, double value) {
        return new ScalarMetric(m.series(), m.component(), m.statistic(), value, m.unit());
    }

    /** The run.json of the merged run: the first shard's, its {@code shard} entry replaced by {@code shards}. */
    static JsonNode label(List<Shard> shards) {
        ObjectNode info = ((ObjectNode) shards.get(0).runInfo()).deepCopy();
        info.remove("shard");
        ObjectNode s = info.putObject("shards");
        s.put("count", shards.size());
        s.put("start_at", shards.get(0).info().startAt());
        ObjectNode folders = s.putObject("folders");
        shards.forEach(x -> folders.put(x.info().label(), x.dir().toString()));
        return info;
    }
}
