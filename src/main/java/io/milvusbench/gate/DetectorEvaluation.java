package io.milvusbench.gate;

import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Measures the baseline comparison itself on a real recording: a long .hlog of one series (one
 * interval per second) is cut into consecutive runs of a given shape (the run lengths of
 * {@code bench --quick}, a 60 s open-loop phase, a default bench), pairs of runs are compared as
 * baseline and current, unchanged (A/A: every alarm is a false alarm) and with a shift injected
 * into the current run (A/B: every alarm is a detection). A p50 shift multiplies every value; a
 * p99 shift multiplies the values above the run's own p90, leaving p50 where it was. The verdict
 * counted is the gate's: a pair alarms when any figure of the series is a regression.
 */
public final class DetectorEvaluation {
    private DetectorEvaluation() {
    }

    /**
     * How a run is laid out: {@code iterations} intervals, each the sum of {@code secondsPerIteration}
     * one-second intervals of the recording.
     */
    public record Shape(String name, int secondsPerIteration, int iterations, String description) {
        public int seconds() {
            return secondsPerIteration * iterations;
        }

        public static final Shape QUICK = new Shape("quick", 1, 2, "bench --quick: 2 iterations of 1 s");
        public static final Shape OPEN60 = new Shape("open60", 1, 60, "a 60 s open-loop phase: 60 intervals of 1 s");
        public static final Shape DEFAULT = new Shape("default", 10, 5, "default bench: 5 iterations of 10 s");

        public static Shape parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "quick" -> QUICK;
                case "open60" -> OPEN60;
                case "default" -> DEFAULT;
                default -> {
                    String[] p = text.split("x");
                    try {
                        if (p.length == 2) {
                            int it = Integer.parseInt(p[0].strip());
                            int sec = Integer.parseInt(p[1].strip());
                            if (it >= 1 && sec >= 1 && it <= 100_000 && sec <= 100_000) {
                                yield new Shape(text.strip(), sec, it, it + " iterations of " + sec + " s");
                            }
                        }
                    } catch (NumberFormatException e) {
                        // fall through
                    }
                    throw new BadInputException("unknown run shape '" + text + "' (quick, open60, default, or ITERATIONSxSECONDS such as 5x10)");
                }
            };
        }
    }

    /** A shift injected into the current run. */
    public record Shift(String statistic, double fraction) {
        public String label() {
            return statistic + " +" + Math.round(fraction * 100) + " %";
        }
    }

    public static final List<Shift> SHIFTS = List.of(new Shift("p50", 0.05), new Shift("p50", 0.10), new Shift("p50", 0.20),
            new Shift("p99", 0.05), new Shift("p99", 0.10), new Shift("p99", 0.20));

    /** What one shape gave: runs cut, pairs compared, A/A alarms and detections per shift. */
    public record Result(Shape shape, int runs, int pairs, long samplesPerRun, int falseAlarms,
                         Map<Shift, Integer> detected) {
        public double falseAlarmRate() {
            return pairs == 0 ? Double.NaN : (double) falseAlarms / pairs;
        }

        public double detectionRate(Shift s) {
            return pairs == 0 ? Double.NaN : (double) detected.getOrDefault(s, 0) / pairs;
        }
    }

    /**
     * @param recording one-second interval histograms of one series, in time order, microseconds
     * @param maxPairs  most pairs compared (drawn with {@code seed} from every pair of disjoint runs)
     */
    public static Result evaluate(List<Histogram> recording, Shape shape, List<Shift> shifts, GatePolicy policy,
                                  int maxPairs, long seed) {
        return evaluate(recording, shape, shifts, policy, maxPairs, seed, 0);
    }

    /**
     * @param step 0: pairs drawn from every pair of disjoint runs (runs far apart in time included);
     *             else back-to-back pairs, the way CI compares a build with the one just before it: a
     *             baseline run and the run right after it, a new pair starting every {@code step} seconds
     */
    public static Result evaluate(List<Histogram> recording, Shape shape, List<Shift> shifts, GatePolicy policy,
                                  int maxPairs, long seed, int step) {
        return evaluate(recording, shape, shifts, policy, maxPairs, seed, step, 1);
    }

    /** @param history back-to-back only: baselines per comparison, the runs right before the current one */
    public static Result evaluate(List<Histogram> recording, Shape shape, List<Shift> shifts, GatePolicy policy,
                                  int maxPairs, long seed, int step, int history) {
        return evaluate(recording, shape, shifts, policy, maxPairs, seed, step, history, NoiseProfile.NONE);
    }

    /** @param noise the run-to-run band a one-baseline comparison is judged against, as {@code check} does */
    public static Result evaluate(List<Histogram> recording, Shape shape, List<Shift> shifts, GatePolicy policy,
                                  int maxPairs, long seed, int step, int history, NoiseProfile noise) {
        SeriesId id = SeriesId.of("replay");
        NoiseProfile saved = DetectorEvaluation.noise.get();
        DetectorEvaluation.noise.set(noise);
        try {
            return step > 0 ? backToBack(id, recording, shape, shifts, policy, maxPairs, step, history)
                    : disjoint(id, recording, shape, shifts, policy, maxPairs, seed);
        } finally {
            DetectorEvaluation.noise.set(saved);
        }
    }

    /** The band of the evaluation under way (one per thread, so evaluations never share it). */
    private static final ThreadLocal<NoiseProfile> noise = ThreadLocal.withInitial(() -> NoiseProfile.NONE);

    private static Result disjoint(SeriesId id, List<Histogram> recording, Shape shape, List<Shift> shifts, GatePolicy policy,
                                   int maxPairs, long seed) {
        List<List<Histogram>> runs = cut(recording, shape);
        if (runs.size() < 2) {
            throw new BadInputException("the recording holds " + recording.size() + " intervals, too few for two runs of shape "
                    + shape.name() + " (" + shape.seconds() + " intervals each)");
        }
        List<int[]> pairs = pairs(runs.size(), maxPairs, seed);
        Map<Integer, Measurements> plain = new LinkedHashMap<>();
        int falseAlarms = 0;
        Map<Shift, Integer> detected = new LinkedHashMap<>();
        shifts.forEach(s -> detected.put(s, 0));
        long samples = 0;
        for (List<Histogram> run : runs) {
            samples += run.stream().mapToLong(Histogram::getTotalCount).sum();
        }
        for (int[] pair : pairs) {
            Measurements base = plain.computeIfAbsent(pair[0], i -> measurements(id, runs.get(i)));
            Measurements current = plain.computeIfAbsent(pair[1], i -> measurements(id, runs.get(i)));
            List<Comparison> alarms = regressions(current, List.of(base), policy);
            if (!alarms.isEmpty()) {
                falseAlarms++;
                logFalseAlarms(shape.name() + " runs " + pair[0] + "/" + pair[1], alarms);
            }
            for (Shift s : shifts) {
                Measurements shifted = measurements(id, shift(runs.get(pair[1]), s));
                if (alarms(shifted, base, policy)) {
                    detected.merge(s, 1, Integer::sum);
                }
            }
        }
        return new Result(shape, runs.size(), pairs.size(), samples / runs.size(), falseAlarms, detected);
    }

    /** Where A/A false alarms are reported as they happen (null: nowhere). */
    public static java.util.function.Consumer<String> falseAlarmLog;

    private static Result backToBack(SeriesId id, List<Histogram> recording, Shape shape, List<Shift> shifts,
                                     GatePolicy policy, int maxPairs, int step, int history) {
        int len = shape.seconds();
        int pairs = 0;
        int falseAlarms = 0;
        Map<Shift, Integer> detected = new LinkedHashMap<>();
        shifts.forEach(s -> detected.put(s, 0));
        long samples = 0;
        for (int start = 0; start + (history + 1) * len <= recording.size() && pairs < maxPairs; start += step) {
            List<Measurements> bases = new ArrayList<>();
            for (int k = 0; k < history; k++) {
                bases.add(measurements(id, cut(recording.subList(start + k * len, start + (k + 1) * len), shape).get(0)));
            }
            int at = start + history * len;
            List<Histogram> b = cut(recording.subList(at, at + len), shape).get(0);
            samples += b.stream().mapToLong(Histogram::getTotalCount).sum();
            Measurements current = measurements(id, b);
            pairs++;
            List<Comparison> alarms = regressions(current, bases, policy);
            if (!alarms.isEmpty()) {
                falseAlarms++;
                logFalseAlarms(shape.name() + " at " + at + " s", alarms);
            }
            for (Shift s : shifts) {
                if (alarms(measurements(id, shift(b, s)), bases, policy)) {
                    detected.merge(s, 1, Integer::sum);
                }
            }
        }
        if (pairs == 0) {
            throw new BadInputException("the recording holds " + recording.size() + " intervals, too few for two back-to-back runs of shape "
                    + shape.name() + " (" + len + " intervals each)");
        }
        int runs = recording.size() / len;
        return new Result(shape, runs, pairs, samples / pairs, falseAlarms, detected);
    }

    private static void logFalseAlarms(String where, List<Comparison> regressions) {
        if (falseAlarmLog == null) {
            return;
        }
        regressions.forEach(c -> falseAlarmLog.accept(where + ": " + c.statistic() + " " + Figures.format(c.baseline())
                + " -> " + Figures.format(c.current()) + " (" + Figures.format(c.changePct()) + " % ±"
                + Figures.format(c.marginPct()) + " %, p " + c.pValue() + ", " + c.basis() + ")"));
    }

    private static boolean alarms(Measurements current, Measurements base, GatePolicy policy) {
        return !regressions(current, List.of(base), policy).isEmpty();
    }

    private static boolean alarms(Measurements current, List<Measurements> bases, GatePolicy policy) {
        return !regressions(current, bases, policy).isEmpty();
    }

    private static List<Comparison> regressions(Measurements current, List<Measurements> bases, GatePolicy policy) {
        return BaselineComparison.compare(current, bases, policy.regressionPct(), policy.alpha(), noise.get()).stream()
                .filter(c -> c.outcome() == Comparison.Outcome.REGRESSION).toList();
    }

    private static Measurements measurements(SeriesId id, List<Histogram> intervals) {
        return new Measurements(Map.of(id, HlogSeries.of(id, intervals)), List.of(), List.of());
    }

    /** Consecutive, disjoint runs of the shape; each iteration the sum of its one-second intervals. */
    static List<List<Histogram>> cut(List<Histogram> recording, Shape shape) {
        List<List<Histogram>> runs = new ArrayList<>();
        int per = shape.seconds();
        for (int start = 0; start + per <= recording.size(); start += per) {
            List<Histogram> run = new ArrayList<>();
            for (int it = 0; it < shape.iterations(); it++) {
                int from = start + it * shape.secondsPerIteration();
                Histogram h = recording.get(from).copy();
                h.setAutoResize(true);
                for (int k = from + 1; k < from + shape.secondsPerIteration(); k++) {
                    h.add(recording.get(k));
                }
                h.setStartTimeStamp(recording.get(from).getStartTimeStamp());
                run.add(h);
            }
            runs.add(run);
        }
        return runs;
    }

    /** Every pair (i < j) of runs, or {@code max} of them drawn at random with {@code seed}. */
    static List<int[]> pairs(int runs, int max, long seed) {
        long all = (long) runs * (runs - 1) / 2;
        List<int[]> out = new ArrayList<>();
        if (all <= max) {
            for (int i = 0; i < runs; i++) {
                for (int j = i + 1; j < runs; j++) {
                    out.add(new int[]{i, j});
                }
            }
            return out;
        }
        Random r = new Random(seed);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        while (out.size() < max) {
            int i = r.nextInt(runs);
            int j = r.nextInt(runs);
            if (i == j) {
                continue;
            }
            int a = Math.min(i, j);
            int b = Math.max(i, j);
            if (seen.add((long) a * runs + b)) {
                out.add(new int[]{a, b});
            }
        }
        return out;
    }

    /** The run with a shift of {@code statistic} by {@code fraction} injected (see the class comment), for tests and tools. */
    public static List<Histogram> shiftRun(List<Histogram> run, String statistic, double fraction) {
        return shift(run, new Shift(statistic, fraction));
    }

    /** The run with the shift injected (see the class comment). */
    static List<Histogram> shift(List<Histogram> run, Shift s) {
        long threshold = 0;
        if (!"p50".equals(s.statistic())) {
            Histogram total = new Histogram(3);
            total.setAutoResize(true);
            run.forEach(total::add);
            threshold = total.getValueAtPercentile(90);
        }
        List<Histogram> out = new ArrayList<>();
        for (Histogram h : run) {
            Histogram x = new Histogram(h.getNumberOfSignificantValueDigits());
            x.setAutoResize(true);
            for (HistogramIterationValue v : h.recordedValues()) {
                long value = v.getValueIteratedTo();
                long moved = value > threshold ? Math.round(value * (1 + s.fraction())) : value;
                x.recordValueWithCount(moved, v.getCountAtValueIteratedTo());
            }
            x.setStartTimeStamp(h.getStartTimeStamp());
            out.add(x);
        }
        return out;
    }

    /** Statistics a noise profile measures. */
    public static final List<String> PROFILED = List.of("p50", "p90", "p95", "p99", "p99.9", "mean");

    /**
     * The machine's run-to-run band, measured on a recording: for every back-to-back pair of unchanged runs
     * of each shape (a new pair every {@code step} seconds), the shift the one-baseline test judges
     * ({@link BaselineComparison#testedPct}) per statistic, and the change of throughput (samples per run);
     * the band of a statistic is the largest absolute shift seen. Figures a run cannot support are skipped.
     */
    public static NoiseProfile measureNoise(List<Histogram> recording, List<Shape> shapes, int step, String source) {
        SeriesId id = SeriesId.of("replay");
        Map<String, Double> band = new LinkedHashMap<>();
        int pairs = 0;
        for (Shape shape : shapes) {
            int len = shape.seconds();
            for (int start = 0; start + 2 * len <= recording.size(); start += step) {
                List<Histogram> a = cut(recording.subList(start, start + len), shape).get(0);
                List<Histogram> b = cut(recording.subList(start + len, start + 2 * len), shape).get(0);
                HlogSeries sa = HlogSeries.of(id, a);
                HlogSeries sb = HlogSeries.of(id, b);
                pairs++;
                for (String statistic : PROFILED) {
                    double shift = BaselineComparison.testedPct(sb.estimate(statistic), sa.estimate(statistic));
                    if (!Double.isNaN(shift)) {
                        band.merge(statistic, Math.abs(shift), Math::max);
                    }
                }
                long na = sa.total().getTotalCount();
                long nb = sb.total().getTotalCount();
                if (na > 0) {
                    band.merge("throughput", Math.abs(100.0 * (nb - na) / na), Math::max);
                }
            }
        }
        if (pairs == 0) {
            throw new BadInputException("the recording holds " + recording.size() + " intervals, too few for two back-to-back runs"
                    + " of every shape asked for");
        }
        return new NoiseProfile(band, source, pairs);
    }

    /**
     * What change-point detection over a history finds on a recording.
     *
     * @param histories     histories of {@code runs} consecutive runs cut from the recording
     * @param falseHistories unchanged histories where a change point was found in any followed figure
     * @param stepped       histories where the figure of {@code stepStatistic} was found to shift at the right run (±1)
     * @param steppedAny    histories with the step where any change point of that statistic was found
     */
    public record ChangePointResult(Shape shape, int runs, int histories, int falseHistories, int stepped, int steppedAny,
                                    Shift step) {
    }

    /**
     * Histories of {@code runs} consecutive runs of the shape (a new history every {@code stride} seconds):
     * unchanged, every change point found in p50 … p99 or the mean is false; with {@code step} injected into
     * the second half of the runs, the step must be found in its statistic at run {@code runs / 2} (±1).
     */
    public static ChangePointResult changePoints(List<Histogram> recording, Shape shape, int runs, int stride, Shift step,
                                                 double pThreshold) {
        SeriesId id = SeriesId.of("replay");
        int len = shape.seconds();
        int histories = 0;
        int falseHistories = 0;
        int found = 0;
        int foundAny = 0;
        int at = runs / 2;
        for (int start = 0; start + runs * len <= recording.size(); start += stride) {
            List<Measurements> plain = new ArrayList<>();
            List<Measurements> shifted = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                int from = start + r * len;
                List<Histogram> run = cut(recording.subList(from, from + len), shape).get(0);
                plain.add(measurements(id, run));
                shifted.add(r >= at ? measurements(id, shift(run, step)) : plain.get(r));
                labels.add("run" + (r + 1));
            }
            histories++;
            int where = start;
            List<History.Series> unchanged = followed(History.of(plain, labels, pThreshold));
            if (unchanged.stream().anyMatch(s -> !s.points().isEmpty())) {
                falseHistories++;
                if (falseAlarmLog != null) {
                    unchanged.stream().filter(s -> !s.points().isEmpty()).forEach(s -> s.points().forEach(p -> falseAlarmLog.accept(
                            "history at " + where + " s: " + s.statistic() + " shifts at run " + (p.index() + 1) + " "
                                    + Figures.format(p.changePct()) + " % (p " + p.p() + ")")));
                }
            }
            History.Series stepSeries = History.of(shifted, labels, pThreshold).stream()
                    .filter(s -> s.statistic().equals(step.statistic())).findFirst().orElse(null);
            if (stepSeries != null && !stepSeries.points().isEmpty()) {
                foundAny++;
                if (stepSeries.points().stream().anyMatch(p -> Math.abs(stepSeries.at().get(p.index()) - 1 - at) <= 1)) {
                    found++;
                }
            }
        }
        if (histories == 0) {
            throw new BadInputException("the recording holds " + recording.size() + " intervals, too few for a history of " + runs
                    + " runs of shape " + shape.name() + " (" + runs * len + " intervals needed)");
        }
        return new ChangePointResult(shape, runs, histories, falseHistories, found, foundAny, step);
    }

    private static List<History.Series> followed(List<History.Series> all) {
        return all.stream().filter(s -> List.of("p50", "p90", "p95", "p99", "mean").contains(s.statistic())).toList();
    }

    /** Wilson score interval (95 %) of a rate, as {low, high}. */
    public static double[] wilson(int hits, int n) {
        if (n == 0) {
            return new double[]{Double.NaN, Double.NaN};
        }
        double z = 1.959963984540054;
        double p = (double) hits / n;
        double den = 1 + z * z / n;
        double mid = (p + z * z / (2.0 * n)) / den;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / den;
        return new double[]{Math.max(0, mid - half), Math.min(1, mid + half)};
    }
}
