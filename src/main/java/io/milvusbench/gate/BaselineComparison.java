package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a run with one baseline run or a history of them, statistic by statistic, series by series.
 * <p>
 * Every figure carries a standard error ({@link Uncertainty}: order statistics of its samples and
 * batch means of its intervals; JMH's iterations). A change counts as a regression only when it is
 * <b>both</b> larger than {@code tolerancePct} percent of the baseline <b>and</b> significant:
 * Welch's t-test of the difference at level {@code alpha}. With several baseline runs the run-to-run
 * spread is measured instead of assumed: the current figure is tested against the baselines' mean
 * with the variance of one run taken as the larger of the baselines' spread and their own standard
 * errors (a prediction interval, {@code N - 1} degrees of freedom). Figures with no uncertainty
 * (a maximum, a percentile with too few samples beyond it, a single metric line with one baseline)
 * are shown as "not compared", never judged by percentage alone.
 */
public final class BaselineComparison {
    /**
     * Blocks each run needs for the rank test: below 10 against 10, Mann–Whitney cannot reach
     * p < 0.001 even when every block of one run is slower than every block of the other.
     */
    static final int RANK_BLOCKS = 10;

    private BaselineComparison() {
    }

    public static List<Comparison> compare(Measurements current, Measurements baseline, double tolerancePct, double alpha) {
        return compare(current, List.of(baseline), tolerancePct, alpha);
    }

    /** Without a noise band: every significant change past the tolerance counts, even against one baseline. */
    public static List<Comparison> compare(Measurements current, List<Measurements> baselines, double tolerancePct, double alpha) {
        return compare(current, baselines, tolerancePct, alpha, NoiseProfile.NONE);
    }

    /**
     * @param noise the machine's run-to-run band, used against one baseline only (a history measures its own
     *              spread): a significant change inside it is {@link Comparison.Outcome#INCONCLUSIVE}
     */
    public static List<Comparison> compare(Measurements current, List<Measurements> baselines, double tolerancePct, double alpha,
                                           NoiseProfile noise) {
        Set<String> statistics = new LinkedHashSet<>(current.statistics());
        Set<String> inBaselines = new HashSet<>();
        baselines.forEach(b -> inBaselines.addAll(b.statistics()));
        statistics.retainAll(inBaselines);
        statistics.remove("score_error");
        List<Comparison> out = new ArrayList<>();
        for (String statistic : statistics) {
            Map<String, Figure> now = reduce(current.comparable(statistic));
            List<Map<String, Figure>> then = baselines.stream().map(b -> reduce(b.comparable(statistic))).toList();
            now.forEach((key, fig) -> {
                List<Figure> bases = then.stream().map(m -> m.get(key)).filter(f -> f != null).toList();
                if (!bases.isEmpty()) {
                    Comparison c = compare(fig, bases, tolerancePct, alpha);
                    out.add(bases.size() == 1 ? againstNoise(c, fig, bases.get(0), noise) : c);
                }
            });
        }
        out.sort(Comparator.comparing((Comparison c) -> c.series().toString())
                .thenComparing(Comparison::component)
                .thenComparing(c -> Statistic.TABLE.indexOf(c.statistic()) < 0 ? 99 : Statistic.TABLE.indexOf(c.statistic())));
        return out;
    }

    static Comparison compare(Figure now, List<Figure> bases, double tolerancePct, double alpha) {
        MeasuredFigure o = now.first;
        int n = bases.size();
        double base = bases.stream().mapToDouble(f -> f.estimate.value()).average().orElse(Double.NaN);
        double delta = now.estimate.value() - base;
        double changePct = base == 0 ? (delta == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, delta))
                : 100.0 * delta / Math.abs(base);

        double se = Double.NaN;
        double df = Double.NaN;
        String basis = "";
        String why = null;
        double tested = delta;       // the difference the test judges (block means with one baseline)
        double testedBase = base;
        if (Double.isNaN(now.estimate.value()) || Double.isNaN(base)) {
            why = Double.isNaN(now.estimate.value()) ? "no samples in the run" : "no samples in the baseline";
        } else if (n == 1) {
            Estimate b = bases.get(0).estimate;
            Estimate c = now.estimate;
            if (!c.supported() || !b.supported()) {
                why = !c.supported() ? c.unsupported() : "baseline: " + b.unsupported();
                se = Double.NaN;
                df = Double.NaN;
                basis = "";
            } else if (c.blocks().size() >= RANK_BLOCKS && b.blocks().size() >= RANK_BLOCKS) {
                RankTest r = RankTest.of(c.blocks(), b.blocks(), alpha);
                return finish(now, o, n, base, delta, changePct, r.shift(), b.center(), r.p(), r.margin(),
                        "ranks of " + c.blocks().size() + " / " + b.blocks().size() + " blocks (Mann-Whitney)", tolerancePct, alpha);
            } else {
                se = Math.hypot(c.se(), b.se());
                df = welch(c.se(), c.df(), b.se(), b.df());
                basis = c.basis().equals(b.basis()) ? c.basis() : c.basis() + " / " + b.basis();
                // few blocks (a default bench's 5 iterations): their means, by Welch's t
                tested = mean(c) - mean(b);
                testedBase = mean(b);
                if (!c.blocks().isEmpty() && !b.blocks().isEmpty()) {
                    basis = "means of " + c.blocks().size() + " / " + b.blocks().size() + " blocks (Welch's t)";
                }
            }
        } else {
            // with blocks everywhere, the block medians are compared (a stall in one block is not a shift)
            boolean blocks = now.estimate.blocks().size() >= Uncertainty.MIN_BLOCKS
                    && bases.stream().allMatch(f -> f.estimate.blocks().size() >= Uncertainty.MIN_BLOCKS);
            double center = blocks ? bases.stream().mapToDouble(f -> f.estimate.center()).average().orElse(base) : base;
            double ss = bases.stream().mapToDouble(f -> {
                double v = blocks ? f.estimate.center() : f.estimate.value();
                return (v - center) * (v - center);
            }).sum();
            if (blocks) {
                tested = now.estimate.center() - center;
                testedBase = center;
            }
            double between = ss / (n - 1);
            double within = bases.stream().filter(f -> f.estimate.supported())
                    .mapToDouble(f -> f.estimate.se() * f.estimate.se()).average().orElse(0);
            double runVar = Math.max(between, within);
            double cur = now.estimate.supported() ? now.estimate.se() * now.estimate.se() : 0;
            se = Math.sqrt(Math.max(runVar, cur) + runVar / n);
            boolean anyOwnError = now.estimate.supported() || bases.stream().anyMatch(f -> f.estimate.supported());
            if (se == 0 && tested != 0) {
                why = "the " + n + " baselines agree exactly and carry no error of their own: no spread to judge by";
            } else if (!anyOwnError && n < 3) {
                why = now.estimate.unsupported() + "; with no error of its own a figure needs 3 or more baselines";
            }
            df = n - 1;   // the run-to-run spread is known from n runs only
            basis = "spread of " + n + " baseline runs" + (between >= within ? "" : " (their own errors larger)");
        }

        if (why != null) {
            return new Comparison(o.series(), o.component(), o.statistic(), o.unit(), base, now.estimate.value(), changePct,
                    Double.NaN, Double.NaN, basis, n, Comparison.Outcome.NOT_COMPARED, why);
        }
        double p = se == 0 ? (tested == 0 ? 1 : 0) : 2 * tail(Math.abs(tested) / se, df);
        double margin = se * quantile(1 - alpha / 2, df);
        return finish(now, o, n, base, delta, changePct, tested, testedBase, p, margin, basis, tolerancePct, alpha);
    }

    /**
     * The outcome: unchanged inside the tolerance (by the figure and by the tested difference),
     * within noise when not significant, else by direction.
     */
    private static Comparison finish(Figure now, MeasuredFigure o, int n, double base, double delta, double changePct,
                                     double tested, double testedBase, double p, double margin, String basis,
                                     double tolerancePct, double alpha) {
        double testedPct = testedBase == 0 ? (tested == 0 ? 0 : Double.POSITIVE_INFINITY) : 100.0 * Math.abs(tested) / Math.abs(testedBase);
        Comparison.Outcome outcome;
        if (Math.abs(changePct) <= tolerancePct || testedPct <= tolerancePct) {
            outcome = Comparison.Outcome.UNCHANGED;
        } else if (!(p < alpha)) {
            outcome = Comparison.Outcome.WITHIN_NOISE;
        } else if (now.direction == Direction.NEUTRAL) {
            outcome = Comparison.Outcome.CHANGED;
        } else {
            boolean worse = now.direction == Direction.LOWER_IS_BETTER ? tested > 0 : tested < 0;
            boolean worseFigure = now.direction == Direction.LOWER_IS_BETTER ? delta > 0 : delta < 0;
            outcome = worse != worseFigure ? Comparison.Outcome.WITHIN_NOISE   // the figure and the test disagree
                    : worse ? Comparison.Outcome.REGRESSION : Comparison.Outcome.IMPROVEMENT;
        }
        return new Comparison(o.series(), o.component(), o.statistic(), o.unit(), base, now.estimate.value(), changePct,
                margin, p, basis, n, outcome, "");
    }

    /**
     * A regression or improvement against one baseline whose tested shift lies inside the machine's
     * run-to-run band becomes inconclusive: one baseline cannot tell it from the machine's drift.
     */
    private static Comparison againstNoise(Comparison c, Figure now, Figure base, NoiseProfile noise) {
        if (c.outcome() != Comparison.Outcome.REGRESSION && c.outcome() != Comparison.Outcome.IMPROVEMENT) {
            return c;
        }
        double band = noise.band(c.statistic(), now.direction);
        double shift = testedPct(now.estimate, base.estimate);
        if (Double.isNaN(band) || !(Math.abs(shift) <= band)) {
            return c;
        }
        return new Comparison(c.series(), c.component(), c.statistic(), c.unit(), c.baseline(), c.current(), c.changePct(),
                c.margin(), c.pValue(), c.basis(), c.baselines(), Comparison.Outcome.INCONCLUSIVE,
                "a " + c.outcome().label() + " of " + String.format(java.util.Locale.ROOT, "%+.1f", shift)
                        + " % is inside this machine's run-to-run spread for " + c.statistic() + " (±"
                        + String.format(java.util.Locale.ROOT, "%.1f", band) + " %, " + noise.source() + ")");
    }

    /**
     * The shift the one-baseline test judges, in percent of the baseline: the Hodges–Lehmann shift of the
     * block figures over the baseline's block median (10 or more blocks each), else the difference of the
     * block means (or of the figures) over the baseline's. NaN when either figure has no uncertainty.
     */
    static double testedPct(Estimate current, Estimate baseline) {
        if (!current.supported() || !baseline.supported()) {
            return Double.NaN;
        }
        if (current.blocks().size() >= RANK_BLOCKS && baseline.blocks().size() >= RANK_BLOCKS) {
            double shift = RankTest.of(current.blocks(), baseline.blocks(), 0.05).shift();
            return baseline.center() == 0 ? Double.NaN : 100.0 * shift / Math.abs(baseline.center());
        }
        double b = mean(baseline);
        return b == 0 ? Double.NaN : 100.0 * (mean(current) - b) / Math.abs(b);
    }

    private static double mean(Estimate e) {
        return e.blocks().isEmpty() ? e.center() : e.blocks().stream().mapToDouble(Double::doubleValue).average().orElse(e.center());
    }

    /** Welch–Satterthwaite degrees of freedom of the difference of two estimates. */
    static double welch(double se1, double df1, double se2, double df2) {
        double v1 = se1 * se1;
        double v2 = se2 * se2;
        double den = v1 * v1 / df1 + v2 * v2 / df2;
        return den == 0 ? Estimate.LARGE_DF : Math.min(Estimate.LARGE_DF, (v1 + v2) * (v1 + v2) / den);
    }

    /** P(T > t) for Student's t with df degrees of freedom. */
    static double tail(double t, double df) {
        return 1 - new TDistribution(null, Math.max(1, df)).cumulativeProbability(t);
    }

    static double quantile(double p, double df) {
        return new TDistribution(null, Math.max(1, df)).inverseCumulativeProbability(p);
    }

    /**
     * One figure per series and component: a single observation as is; several (a monitor's
     * snapshots, merged hosts' metric lines) as their mean with the standard error of that mean.
     */
    static Map<String, Figure> reduce(List<MeasuredFigure> observations) {
        Map<String, List<MeasuredFigure>> byKey = new LinkedHashMap<>();
        observations.forEach(o -> byKey.computeIfAbsent(o.key(), k -> new ArrayList<>()).add(o));
        Map<String, Figure> out = new LinkedHashMap<>();
        byKey.forEach((key, list) -> {
            MeasuredFigure first = list.get(0);
            if (list.size() == 1) {
                out.put(key, new Figure(first, first.estimate(), first.direction()));
                return;
            }
            double mean = list.stream().mapToDouble(MeasuredFigure::value).average().orElse(Double.NaN);
            double sumSq = list.stream().mapToDouble(o -> (o.value() - mean) * (o.value() - mean)).sum();
            double se = Math.sqrt(sumSq / (list.size() - 1)) / Math.sqrt(list.size());
            out.put(key, new Figure(first, Estimate.of(mean, se, list.size() - 1, "mean of " + list.size() + " lines"),
                    first.direction()));
        });
        return out;
    }

    record Figure(MeasuredFigure first, Estimate estimate, Direction direction) {
    }

    /** True when both runs share at least one series. */
    public static boolean overlap(Measurements a, Measurements b) {
        Set<SeriesId> ids = new HashSet<>(a.seriesIds());
        ids.retainAll(b.seriesIds());
        return !ids.isEmpty();
    }
}
