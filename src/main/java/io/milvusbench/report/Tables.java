package io.milvusbench.report;

import io.milvusbench.gate.Comparison;
import io.milvusbench.gate.Figures;
import io.milvusbench.gate.GateResult;
import io.milvusbench.gate.HlogSeries;
import io.milvusbench.gate.JmhScore;
import io.milvusbench.gate.Measurements;
import io.milvusbench.gate.MeasuredFigure;
import io.milvusbench.gate.RuleResult;
import io.milvusbench.gate.Statistic;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tables every report shows, built once from a {@link GateResult}. */
public final class Tables {
    private Tables() {
    }

    /** How a latency series was measured, so closed-loop and open-loop figures are never confused. */
    public static String kind(SeriesId id) {
        if (id.name().equals("sendlag")) {
            return "open-loop send lag: how late requests went out (the generator's own delay)";
        }
        return switch (id.params().getOrDefault("correction", "")) {
            case "corrected" -> "open-loop, corrected for coordinated omission (SLO)";
            case "uncorrected" -> "open-loop, uncorrected";
            default -> "closed-loop service time";
        };
    }

    public static Table rules(GateResult r) {
        Table t = new Table("status", "rule", "statistic", "bound", "measured", "worst series", "gate");
        for (RuleResult rr : r.rules()) {
            String measured = rr.worst().map(j -> Figures.withUnit(j.observation().value(), j.observation().unit())).orElse("-");
            String series = rr.worst().map(j -> where(j.observation())
                    + (rr.judged().size() > 1 ? " (+" + (rr.judged().size() - 1) + " more)" : "")).orElse("-");
            t.add(rr.status().label(), rr.rule().name(), rr.rule().statistic(), rr.rule().boundText()
                    + " (" + rr.rule().level().name().toLowerCase() + ")", measured, series, r.fails(rr) ? "FAIL" : "ok");
        }
        return t;
    }

    /** @param all false: only regressions, improvements, changes and changes within noise */
    public static Table comparisons(GateResult r, boolean all) {
        Table t = new Table("outcome", "series", "statistic", "baseline", "current", "change", "confidence", "p", "uncertainty from");
        for (Comparison c : r.comparisons()) {
            boolean moved = c.outcome() != Comparison.Outcome.UNCHANGED && c.outcome() != Comparison.Outcome.NOT_COMPARED;
            if (all || moved) {
                String series = c.series() + (Measurements.CLIENT.equals(c.component()) ? "" : " @" + c.component());
                t.add(c.outcome().label(), series, c.statistic(), Figures.withUnit(c.baseline(), c.unit()),
                        Figures.withUnit(c.current(), c.unit()), signed(c.changePct()) + " %",
                        Double.isNaN(c.margin()) ? "n/a" : "±" + Figures.format(c.marginPct()) + " %",
                        pValue(c.pValue()), c.outcome() == Comparison.Outcome.NOT_COMPARED ? c.note()
                                : c.outcome() == Comparison.Outcome.INCONCLUSIVE ? c.basis() + "; " + c.note() : c.basis());
            }
        }
        return t;
    }

    /** Every level shift over the history: the run where it began, the levels before and after. */
    public static Table changePoints(GateResult r) {
        Table t = new Table("series", "statistic", "shift began at run", "run #", "before", "after", "change", "p");
        for (io.milvusbench.gate.History.Series s : r.changePoints()) {
            String series = s.series() + (Measurements.CLIENT.equals(s.component()) ? "" : " @" + s.component());
            for (io.milvusbench.gate.ChangePoints.Point p : s.points()) {
                t.add(series, s.statistic(), s.runAt(p), (p.index() + 1) + " of " + s.runs().size(),
                        Figures.withUnit(p.before(), s.unit()), Figures.withUnit(p.after(), s.unit()),
                        signed(p.changePct()) + " %", pValue(p.p()));
            }
        }
        return t;
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 1e-4 ? "<0.0001" : String.format(java.util.Locale.ROOT, "%.4f", p);
    }

    /** Latency percentiles per .hlog series, in ms, from the histograms themselves. */
    public static Table percentiles(Measurements m) {
        List<String> header = new ArrayList<>(List.of("series", "measured as", "count"));
        Statistic.TABLE.forEach(s -> header.add(s + " ms"));
        Table t = new Table(header.toArray(String[]::new));
        for (HlogSeries s : m.histograms().values()) {
            List<String> row = new ArrayList<>(List.of(s.id().toString(), kind(s.id()),
                    String.valueOf(s.total().getTotalCount())));
            long n = s.total().getTotalCount();
            Statistic.TABLE.forEach(stat -> row.add(n == 0 ? "-" : Statistic.supported(stat, n) ? Figures.format(s.statistic(stat))
                    : "(" + Figures.format(s.statistic(stat)) + ")"));
            t.add(row.toArray(String[]::new));
        }
        return t;
    }

    /** Metric lines, several lines of one series/component/statistic summarised as min..max. */
    public static Table scalars(Measurements m) {
        Map<String, List<ScalarMetric>> byKey = new LinkedHashMap<>();
        for (ScalarMetric s : m.scalars()) {
            byKey.computeIfAbsent(s.series() + "\u0000" + s.component() + "\u0000" + s.statistic(), k -> new ArrayList<>()).add(s);
        }
        Table t = new Table("series", "component", "statistic", "value", "unit");
        byKey.values().forEach(list -> {
            ScalarMetric first = list.get(0);
            DoubleSummaryStatistics st = list.stream().mapToDouble(ScalarMetric::value).summaryStatistics();
            String value = list.size() == 1 ? Figures.format(first.value())
                    : Figures.format(st.getMin()) + " .. " + Figures.format(st.getMax()) + " (mean "
                    + Figures.format(st.getAverage()) + ", " + list.size() + " lines)";
            t.add(first.series(), first.component() == null ? Measurements.CLIENT : first.component(), first.statistic(), value,
                    first.unit() == null ? "" : first.unit());
        });
        return t;
    }

    public static Table jmh(Measurements m) {
        Table t = new Table("benchmark", "mode", "score", "error (99.9 %)", "unit");
        for (JmhScore j : m.jmh()) {
            t.add(j.series().toString(), j.mode(), Figures.format(j.score()), "±" + Figures.format(j.scoreError()), j.unit());
        }
        return t;
    }

    static String where(MeasuredFigure o) {
        return o.series() + (Measurements.CLIENT.equals(o.component()) ? "" : " @" + o.component());
    }

    static String signed(double v) {
        return (v > 0 ? "+" : "") + Figures.format(v);
    }
}
