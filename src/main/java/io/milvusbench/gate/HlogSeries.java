package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every interval histogram of one series (one tag of one or more .hlog files) and their sum.
 * The sum gives the percentiles; the spread of the per-interval figures gives the noise.
 */
public record HlogSeries(SeriesId id, Histogram total, List<Histogram> intervals) {
    /** Standard errors of the per-interval mean that count as noise (about 99.7 % two-sided). */
    public static final double NOISE_Z = 3.0;

    public HlogSeries {
        intervals = Collections.unmodifiableList(new ArrayList<>(intervals));
    }

    public static HlogSeries of(SeriesId id, List<Histogram> intervals) {
        Histogram total = intervals.isEmpty() ? new Histogram(3) : intervals.get(0).copy();
        total.setAutoResize(true);
        intervals.stream().skip(1).forEach(total::add);
        return new HlogSeries(id, total, intervals);
    }

    /** This series and {@code other} (the same series recorded elsewhere) as one. */
    public HlogSeries plus(HlogSeries other) {
        List<Histogram> all = new ArrayList<>(intervals);
        all.addAll(other.intervals);
        return of(id, all);
    }

    public double statistic(String statistic) {
        return Statistic.of(total, statistic);
    }

    /**
     * {@value #NOISE_Z} standard errors of the statistic computed per non-empty interval, or NaN
     * with fewer than two such intervals.
     */
    public double noise(String statistic) {
        List<Double> values = new ArrayList<>();
        for (Histogram h : intervals) {
            if (h.getTotalCount() > 0) {
                values.add(Statistic.of(h, statistic));
            }
        }
        int n = values.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double sumSq = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return NOISE_Z * Math.sqrt(sumSq / (n - 1)) / Math.sqrt(n);
    }
}
