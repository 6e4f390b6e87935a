package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Every interval histogram of one series (one tag of one or more .hlog files, values in
 * microseconds) and their sum. The sum gives the percentiles; {@link Uncertainty} gives each
 * figure's standard error from the sample size and from the spread of consecutive blocks of
 * intervals. Intervals are kept in time order; the sum is held at the finest precision of any
 * interval, so the order in which logs are merged never changes a figure.
 */
public record HlogSeries(SeriesId id, Histogram total, List<Histogram> intervals, LogUnit unit) {

    public HlogSeries(SeriesId id, Histogram total, List<Histogram> intervals) {
        this(id, total, intervals, LogUnit.MICROSECONDS);
    }

    public HlogSeries {
        List<Histogram> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparingLong(Histogram::getStartTimeStamp));
        intervals = Collections.unmodifiableList(sorted);
    }

    public static HlogSeries of(SeriesId id, List<Histogram> intervals) {
        return of(id, intervals, LogUnit.MICROSECONDS);
    }

    /** A series whose interval values are in {@code unit}; they are kept as recorded (no re-bucketing). */
    public static HlogSeries of(SeriesId id, List<Histogram> intervals, LogUnit unit) {
        int digits = intervals.stream().mapToInt(Histogram::getNumberOfSignificantValueDigits).max().orElse(3);
        Histogram total = new Histogram(digits);
        total.setAutoResize(true);
        intervals.forEach(total::add);
        return new HlogSeries(id, total, intervals, unit);
    }

    /** Recorded values per millisecond (1000 for microseconds). */
    public double valuesPerMs() {
        return 1000.0 / unit.toMicros();
    }

    /** This series and {@code other} (the same series recorded elsewhere) as one. */
    public HlogSeries plus(HlogSeries other) {
        if (unit == other.unit) {
            List<Histogram> all = new ArrayList<>(intervals);
            all.addAll(other.intervals);
            return of(id, all, unit);
        }
        LogUnit finer = unit.toMicros() < other.unit.toMicros() ? unit : other.unit;
        List<Histogram> all = new ArrayList<>();
        intervals.forEach(h -> all.add(HlogFiles.convert(h, unit, finer)));
        other.intervals.forEach(h -> all.add(HlogFiles.convert(h, other.unit, finer)));
        return of(id, all, finer);
    }

    public double statistic(String statistic) {
        return Statistic.of(total, statistic, valuesPerMs());
    }

    /** The figure with its standard error (see {@link Uncertainty}). */
    public Estimate estimate(String statistic) {
        return Uncertainty.of(total, intervals, statistic, valuesPerMs());
    }
}
