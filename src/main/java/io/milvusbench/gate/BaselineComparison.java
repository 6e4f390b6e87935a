package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a run with a baseline run, statistic by statistic, series by series. A change counts
 * only when it exceeds {@code regressionPct} percent of the baseline AND the noise of the two runs
 * (the per-interval spread of the .hlog figures, JMH's scoreError, or the spread of repeated
 * metric lines), so a CI gate does not cry wolf; improvements are reported the same way.
 * Several metric lines of one series and statistic are compared by their mean.
 */
public final class BaselineComparison {
    private BaselineComparison() {
    }

    public static List<Comparison> compare(Measurements current, Measurements baseline, double regressionPct) {
        Set<String> statistics = new LinkedHashSet<>(current.statistics());
        statistics.retainAll(baseline.statistics());
        statistics.remove("score_error");
        List<Comparison> out = new ArrayList<>();
        for (String statistic : statistics) {
            Map<String, Figure> now = reduce(current.observe(statistic));
            Map<String, Figure> then = reduce(baseline.observe(statistic));
            now.forEach((key, fig) -> {
                Figure base = then.get(key);
                if (base != null) {
                    out.add(compare(fig, base, regressionPct));
                }
            });
        }
        out.sort(Comparator.comparing((Comparison c) -> c.series().toString())
                .thenComparing(Comparison::component));
        return out;
    }

    private static Comparison compare(Figure now, Figure base, double pct) {
        double delta = now.value - base.value;
        double changePct = base.value == 0 ? (delta == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, delta))
                : 100.0 * delta / Math.abs(base.value);
        double noise = Double.isNaN(now.noise) && Double.isNaN(base.noise) ? Double.NaN
                : zeroIfNaN(now.noise) + zeroIfNaN(base.noise);
        Comparison.Outcome outcome;
        if (Math.abs(changePct) <= pct) {
            outcome = Comparison.Outcome.UNCHANGED;
        } else if (Math.abs(delta) <= zeroIfNaN(noise)) {
            outcome = Comparison.Outcome.WITHIN_NOISE;
        } else if (now.direction == Direction.NEUTRAL) {
            outcome = Comparison.Outcome.CHANGED;
        } else {
            boolean worse = now.direction == Direction.LOWER_IS_BETTER ? delta > 0 : delta < 0;
            outcome = worse ? Comparison.Outcome.REGRESSION : Comparison.Outcome.IMPROVEMENT;
        }
        Observation o = now.first;
        return new Comparison(o.series(), o.component(), o.statistic(), o.unit(), base.value, now.value, changePct,
                noise, outcome);
    }

    private static double zeroIfNaN(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** One figure per series and component: a single observation as is, repeated lines as their mean. */
    private static Map<String, Figure> reduce(List<Observation> observations) {
        Map<String, List<Observation>> byKey = new LinkedHashMap<>();
        observations.forEach(o -> byKey.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o));
        Map<String, Figure> out = new LinkedHashMap<>();
        byKey.forEach((key, list) -> {
            Observation first = list.get(0);
            if (list.size() == 1) {
                out.put(key, new Figure(first, first.value(), first.noise(), first.direction()));
                return;
            }
            double mean = list.stream().mapToDouble(Observation::value).average().orElse(Double.NaN);
            double sumSq = list.stream().mapToDouble(o -> (o.value() - mean) * (o.value() - mean)).sum();
            double noise = HlogSeries.NOISE_Z * Math.sqrt(sumSq / (list.size() - 1)) / Math.sqrt(list.size());
            out.put(key, new Figure(first, mean, noise, first.direction()));
        });
        return out;
    }

    private record Figure(Observation first, double value, double noise, Direction direction) {
    }

    /** True when both runs share at least one series. */
    public static boolean overlap(Measurements a, Measurements b) {
        Set<SeriesId> ids = new HashSet<>(a.seriesIds());
        ids.retainAll(b.seriesIds());
        return !ids.isEmpty();
    }
}
