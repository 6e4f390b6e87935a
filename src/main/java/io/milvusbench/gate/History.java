package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each figure of a run followed over a history of earlier runs (oldest first, the run last), with
 * its level shifts ({@link ChangePoints}). A run's figure in the series is its block median when it
 * was measured by blocks (a stall in one block does not move a level), else the figure itself.
 * Maxima, minima, counts and figures without a direction are not followed.
 */
public final class History {
    /** Runs a series needs before change points are looked for (two levels of two runs each). */
    static final int MIN_RUNS = 2 * ChangePoints.DEFAULT_MIN_SEGMENT;
    private static final Set<String> NOT_FOLLOWED = Set.of("max", "min", "count", "stddev", "score_error");

    /**
     * One statistic of one series over the runs that have it.
     *
     * @param runs   labels of the runs with a figure, oldest first (the run itself last)
     * @param at     the position of each of them among all the runs (1 = the oldest baseline)
     * @param values the figure of each of them
     * @param points the level shifts found, indexes into {@code runs}
     */
    public record Series(SeriesId series, String component, String statistic, String unit, List<String> runs,
                         List<Integer> at, List<Double> values, List<ChangePoints.Point> points) {
        public Series {
            runs = List.copyOf(runs);
            at = List.copyOf(at);
            values = List.copyOf(values);
            points = List.copyOf(points);
        }

        /** The run where a shift began. */
        public String runAt(ChangePoints.Point p) {
            return runs.get(p.index());
        }
    }

    private History() {
    }

    /**
     * @param runs   the baselines oldest first, then the run itself
     * @param labels one label per run (its folder name)
     */
    public static List<Series> of(List<Measurements> runs, List<String> labels, double pThreshold) {
        Measurements current = runs.get(runs.size() - 1);
        List<Series> out = new ArrayList<>();
        for (String statistic : current.statistics()) {
            if (NOT_FOLLOWED.contains(statistic)) {
                continue;
            }
            List<Map<String, BaselineComparison.Figure>> perRun = runs.stream()
                    .map(m -> BaselineComparison.reduce(m.comparable(statistic))).toList();
            Map<String, BaselineComparison.Figure> now = perRun.get(perRun.size() - 1);
            for (Map.Entry<String, BaselineComparison.Figure> e : now.entrySet()) {
                MeasuredFigure first = e.getValue().first();
                if (e.getValue().direction() == Direction.NEUTRAL) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                List<Integer> at = new ArrayList<>();
                List<Double> values = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    BaselineComparison.Figure f = perRun.get(i).get(e.getKey());
                    double v = f == null ? Double.NaN : level(f.estimate());
                    if (!Double.isNaN(v)) {
                        names.add(labels.get(i));
                        at.add(i + 1);
                        values.add(v);
                    }
                }
                if (values.size() < 2) {
                    continue;
                }
                List<ChangePoints.Point> points = values.size() < MIN_RUNS ? List.of()
                        : ChangePoints.find(values.stream().mapToDouble(Double::doubleValue).toArray(), pThreshold,
                        ChangePoints.DEFAULT_MIN_SEGMENT);
                out.add(new Series(first.series(), first.component(), statistic, first.unit(), names, at, values, points));
            }
        }
        return out;
    }

    /** The figure a run contributes to the series: its block median when measured by blocks. */
    static double level(Estimate e) {
        return e.blocks().size() >= Uncertainty.MIN_BLOCKS ? e.center() : e.value();
    }

    /** The series grouped by series and component, in the order they were found. */
    public static Map<String, List<Series>> bySeries(List<Series> all) {
        Map<String, List<Series>> out = new LinkedHashMap<>();
        all.forEach(s -> out.computeIfAbsent(s.series() + (Measurements.CLIENT.equals(s.component()) ? "" : " @" + s.component()),
                k -> new ArrayList<>()).add(s));
        return out;
    }
}
