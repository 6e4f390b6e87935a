package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything a verdict can be computed from: histograms by series, scalar metric lines and JMH
 * scores. Built from a run folder ({@link RunReader}) or, for live checks such as the monitor's
 * alert mode, from in-memory figures ({@link #of(Collection, Map)}).
 * <pre>{@code
 * Measurements m = Measurements.of(List.of(ScalarMetric.of(SeriesId.of("monitor"), "QueryNode", "memory_percent", 91, "%")),
 *         Map.of(SeriesId.of("search"), searchHistogramMicros));
 * List<RuleResult> results = Thresholds.load(Path.of("benchmarks/thresholds.yaml")).evaluate(m, false);
 * }</pre>
 */
public final class Measurements {
    /** Component of every histogram series: latencies are measured by the client. */
    public static final String CLIENT = "Client";

    private final Map<SeriesId, HlogSeries> histograms;
    private final List<ScalarMetric> scalars;
    private final List<JmhScore> jmh;
    private final List<HlogFiles.LogFile> logs;

    public Measurements(Map<SeriesId, HlogSeries> histograms, List<ScalarMetric> scalars, List<JmhScore> jmh) {
        this(histograms, scalars, jmh, List.of());
    }

    /** @param logs the .hlog files the histograms came from, with their units (for reports) */
    public Measurements(Map<SeriesId, HlogSeries> histograms, List<ScalarMetric> scalars, List<JmhScore> jmh,
                        List<HlogFiles.LogFile> logs) {
        Map<SeriesId, HlogSeries> sorted = new TreeMap<>(Comparator.comparing(SeriesId::toString));
        sorted.putAll(histograms);
        this.histograms = Collections.unmodifiableMap(sorted);
        for (ScalarMetric m : scalars) {
            if (m.series() == null || m.statistic() == null) {
                throw new BadInputException("metric line without series or statistic: " + m);
            }
            SeriesId.parse(m.series());
        }
        this.scalars = List.copyOf(scalars);
        this.jmh = List.copyOf(jmh);
        this.logs = List.copyOf(logs);
    }

    /** The .hlog files read, with the unit of each. */
    public List<HlogFiles.LogFile> logs() {
        return logs;
    }

    /** Histogram series that hold no sample at all (a producer that recorded nothing). */
    public List<SeriesId> emptySeries() {
        return histograms.values().stream().filter(s -> s.total().getTotalCount() == 0).map(HlogSeries::id).toList();
    }

    /** Live figures: histograms in microseconds (one interval each), scalar metric lines. */
    public static Measurements of(Collection<ScalarMetric> scalars, Map<SeriesId, Histogram> histograms) {
        Map<SeriesId, HlogSeries> h = new TreeMap<>(Comparator.comparing(SeriesId::toString));
        histograms.forEach((id, hist) -> h.put(id, HlogSeries.of(id, List.of(hist))));
        return new Measurements(h, new ArrayList<>(scalars), List.of());
    }

    /** Reads a run folder (see docs/run-folder.md). */
    public static Measurements read(Path runDir) {
        return RunReader.read(runDir, "run folder");
    }

    /** These figures and {@code other}'s as one run: histograms of the same series are added. */
    public Measurements plus(Measurements other) {
        Map<SeriesId, HlogSeries> h = new TreeMap<>(Comparator.comparing(SeriesId::toString));
        h.putAll(histograms);
        other.histograms.forEach((id, s) -> h.merge(id, s, HlogSeries::plus));
        List<ScalarMetric> s = new ArrayList<>(scalars);
        s.addAll(other.scalars);
        List<JmhScore> j = new ArrayList<>(jmh);
        j.addAll(other.jmh);
        List<HlogFiles.LogFile> l = new ArrayList<>(logs);
        l.addAll(other.logs);
        return new Measurements(h, s, j, l);
    }

    public Map<SeriesId, HlogSeries> histograms() {
        return histograms;
    }

    public List<ScalarMetric> scalars() {
        return scalars;
    }

    public List<JmhScore> jmh() {
        return jmh;
    }

    public boolean isEmpty() {
        return histograms.isEmpty() && scalars.isEmpty() && jmh.isEmpty();
    }

    /** Every series id with any figure, in order of first appearance (histograms first). */
    public Set<SeriesId> seriesIds() {
        Set<SeriesId> out = new LinkedHashSet<>(histograms.keySet());
        scalars.forEach(m -> out.add(SeriesId.parse(m.series())));
        jmh.forEach(j -> out.add(j.series()));
        return out;
    }

    /** True when some figure of the run carries this statistic name. */
    public boolean has(String statistic) {
        return !observe(statistic).isEmpty() || (Statistic.isHistogram(statistic) && !histograms.isEmpty());
    }

    /** The names of every statistic present: the table statistics of histograms, then scalars and JMH. */
    public Set<String> statistics() {
        Set<String> out = new LinkedHashSet<>();
        if (!histograms.isEmpty()) {
            out.addAll(Statistic.TABLE);
        }
        scalars.forEach(m -> out.add(m.statistic()));
        for (JmhScore j : jmh) {
            out.add("score");
            out.add("score_error");
            out.addAll(j.percentiles().keySet());
            out.addAll(j.secondary().keySet());
        }
        return out;
    }

    /**
     * Every figure of one statistic: one per histogram series (empty series only give {@code count}),
     * one per metric line, one per JMH entry that has it. An .hlog figure hides a JMH figure of the same series.
     */
    /**
     * Histogram series that measure the load generator, not the server: {@code sendlag} (how late the
     * open loop sent). A change against a baseline is shown, never judged a regression (sub-millisecond
     * scheduler jitter differs between identical runs); thresholds and the GENERATOR BEHIND check judge it.
     */
    static final Set<String> GENERATOR_ONLY = Set.of("sendlag");

    public List<MeasuredFigure> observe(String statistic) {
        List<MeasuredFigure> out = new ArrayList<>();
        if (Statistic.isHistogram(statistic)) {
            for (HlogSeries s : histograms.values()) {
                if (s.total().getTotalCount() > 0 || "count".equals(statistic)) {
                    out.add(new MeasuredFigure(s.id(), CLIENT, statistic, s.statistic(statistic),
                            Statistic.histogramUnit(statistic), s.estimate(statistic),
                            GENERATOR_ONLY.contains(s.id().name()) ? Direction.NEUTRAL : Statistic.direction(statistic, "ms"), "hlog"));
                }
            }
        }
        for (ScalarMetric m : scalars) {
            if (statistic.equals(m.statistic())) {
                out.add(new MeasuredFigure(SeriesId.parse(m.series()), m.component() == null ? CLIENT : m.component(),
                        statistic, m.value(), m.unit() == null ? "" : m.unit(),
                        Estimate.unsupported(m.value(), "one figure per run has no spread; give several baselines"),
                        Statistic.direction(statistic, m.unit()), "metrics"));
            }
        }
        for (JmhScore j : jmh) {
            MeasuredFigure o = jmhObservation(j, statistic);
            if (o != null && !histograms.containsKey(j.series())) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * The figures a baseline comparison looks at: the same as {@link #observe} without duplicate
     * views of the same samples. A metric line repeating a histogram statistic of an .hlog series
     * (load's p50 ... max lines) is dropped; so are JMH's sample-mode and single-shot scores, their
     * percentiles and secondary metrics when the run has .hlog series (the benchmark recorded the same
     * samples there, interval by interval).
     */
    public List<MeasuredFigure> judged(String statistic) {
        return observe(statistic).stream()
                .filter(o -> !("metrics".equals(o.source()) && Statistic.isHistogram(o.statistic()) && histograms.containsKey(o.series())))
                .toList();
    }

    /**
     * The figures a baseline comparison looks at (see {@link #comparable}); {@link #judged} is the
     * same for threshold rules: a metric line repeating an .hlog series' own statistic is not judged twice.
     */
    public List<MeasuredFigure> comparable(String statistic) {
        return observe(statistic).stream().filter(o -> switch (o.source()) {
            case "metrics" -> !(Statistic.isHistogram(o.statistic()) && histograms.containsKey(o.series()));
            case "jmh" -> "score".equals(o.statistic()) && !(histograms.isEmpty() ? false : sampledMode(o.series()));
            default -> true;
        }).toList();
    }

    private boolean sampledMode(SeriesId series) {
        return jmh.stream().filter(j -> j.series().equals(series))
                .anyMatch(j -> "sample".equals(j.mode()) || "ss".equals(j.mode()));
    }

    private static MeasuredFigure jmhObservation(JmhScore j, String statistic) {
        if ("score".equals(statistic)) {
            return new MeasuredFigure(j.series(), CLIENT, statistic, j.score(), j.unit(), j.estimate(), j.direction(), "jmh");
        }
        if ("score_error".equals(statistic)) {
            return new MeasuredFigure(j.series(), CLIENT, statistic, j.scoreError(), j.unit(),
                    Estimate.unsupported(j.scoreError(), "not compared"), Direction.NEUTRAL, "jmh");
        }
        Double p = j.percentiles().get(statistic);
        if (p != null) {
            return new MeasuredFigure(j.series(), CLIENT, statistic, p, "ms",
                    Estimate.unsupported(p, "JMH percentiles duplicate the benchmark's .hlog; compared there"),
                    Direction.LOWER_IS_BETTER, "jmh");
        }
        JmhScore.Secondary s = j.secondary().get(statistic);
        if (s != null) {
            return new MeasuredFigure(j.series(), CLIENT, statistic, s.score(), s.unit(),
                    Estimate.unsupported(s.score(), "JMH secondary metrics duplicate metrics.jsonl"),
                    Statistic.direction(statistic, s.unit()), "jmh");
        }
        return null;
    }
}
