package io.milvusbench.report;

import io.milvusbench.gate.ChangePoints;
import io.milvusbench.gate.History;
import io.milvusbench.gate.HlogSeries;
import io.milvusbench.gate.Measurements;
import io.milvusbench.results.ScalarMetric;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The report's plots as PNG bytes (XChart): the latency percentile distribution of every series
 * name (x axis in "nines": 90 %, 99 %, 99.9 %, as HdrHistogram plots it) and recall against QPS for index sweeps
 * ({@code sweep[index=..;<knob>=..]} series with {@code recall@K} and {@code qps} lines).
 */
public final class Charts {
    public record Chart(String title, byte[] png) {
    }

    /** The plots, or why there are none: a machine without fonts or AWT libraries still gets every table. */
    public record Plots(List<Chart> charts, String problem) {
    }

    private static final int WIDTH = 820;
    private static final int HEIGHT = 440;
    private static final int MAX_LINES = 10;
    private static final double MAX_NINES = 6;
    private static final int MAX_HISTORY_PLOTS = 24;

    private Charts() {
    }

    /** Every plot; a failure of the Java 2D stack is reported in {@link Plots#problem()}, not thrown. */
    public static Plots render(Measurements m) {
        return render(m, List.of());
    }

    /** Every plot, and each figure over a history of runs with its change points. */
    public static Plots render(Measurements m, List<History.Series> history) {
        try {
            List<Chart> out = new ArrayList<>(all(m));
            out.addAll(history(history));
            return new Plots(out, null);
        } catch (RuntimeException | LinkageError | InternalError | java.awt.AWTError e) {
            return new Plots(List.of(), "plots not rendered: " + e);
        }
    }

    public static List<Chart> all(Measurements m) {
        System.setProperty("java.awt.headless", "true");
        List<Chart> out = new ArrayList<>(latency(m));
        recallVsQps(m).ifPresent(out::add);
        return out;
    }

    static List<Chart> latency(Measurements m) {
        Map<String, List<HlogSeries>> byName = new LinkedHashMap<>();
        m.histograms().values().stream().filter(s -> s.total().getTotalCount() > 0)
                .forEach(s -> byName.computeIfAbsent(s.id().name(), k -> new ArrayList<>()).add(s));
        List<Chart> out = new ArrayList<>();
        byName.forEach((name, list) -> {
            String title = "Latency by percentile: " + name;
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle("percentile").yAxisTitle("latency (ms)").build();
            chart.getStyler().setxAxisTickLabelsFormattingFunction(Charts::ninesLabel);
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE).setMarkerSize(0);
            for (HlogSeries s : list.subList(0, Math.min(MAX_LINES, list.size()))) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (HistogramIterationValue v : s.total().percentiles(5)) {
                    double x = Math.log10(1.0 / (1.0 - v.getPercentileLevelIteratedTo() / 100.0));
                    if (!(x <= MAX_NINES)) {
                        break;
                    }
                    xs.add(x);
                    ys.add(v.getValueIteratedTo() / s.valuesPerMs());
                }
                if (!xs.isEmpty()) {
                    chart.addSeries(label(s.id(), name), xs, ys).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                }
            }
            if (!chart.getSeriesMap().isEmpty()) {
                out.add(new Chart(title, png(chart)));
            }
        });
        return out;
    }

    /**
     * Each series over the runs of a history, one plot per series and unit, one line per statistic,
     * the run where a level shift began marked with a red diamond on that statistic's line.
     */
    public static List<Chart> history(List<History.Series> history) {
        if (history.isEmpty()) {
            return List.of();
        }
        System.setProperty("java.awt.headless", "true");
        Map<String, List<History.Series>> byPlot = new LinkedHashMap<>();
        History.bySeries(history).forEach((series, list) -> list.forEach(s ->
                byPlot.computeIfAbsent(series + " (" + s.unit() + ")", k -> new ArrayList<>()).add(s)));
        List<Chart> out = new ArrayList<>();
        for (Map.Entry<String, List<History.Series>> e : byPlot.entrySet()) {
            if (out.size() >= MAX_HISTORY_PLOTS) {
                break;
            }
            String title = "History: " + e.getKey();
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle("run (oldest first; the last is this run)").yAxisTitle(e.getValue().get(0).unit()).build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(6);
            chart.getStyler().setXAxisDecimalPattern("0");
            List<Double> cx = new ArrayList<>();
            List<Double> cy = new ArrayList<>();
            for (History.Series s : e.getValue().subList(0, Math.min(MAX_LINES, e.getValue().size()))) {
                List<Double> xs = s.at().stream().map(Integer::doubleValue).toList();
                XYSeries line = chart.addSeries(s.statistic(), xs, s.values());
                line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
                for (ChangePoints.Point p : s.points()) {
                    cx.add((double) s.at().get(p.index()));
                    cy.add(s.values().get(p.index()));
                }
            }
            if (!cx.isEmpty()) {
                XYSeries marks = chart.addSeries("change point", cx, cy);
                marks.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                marks.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
                marks.setMarkerColor(java.awt.Color.RED);
            }
            out.add(new Chart(title, png(chart)));
        }
        return out;
    }

    /** One sweep point as the recall-vs-QPS plot needs it. */
    public record SweepDot(String index, double recall, double qps) {
    }

    static Optional<Chart> recallVsQps(Measurements m) {
        Map<SeriesId, Double> recall = new LinkedHashMap<>();
        Map<SeriesId, Double> qps = new LinkedHashMap<>();
        String recallName = null;
        for (ScalarMetric s : m.scalars()) {
            SeriesId id = SeriesId.parse(s.series());
            if (!"sweep".equals(id.name())) {
                continue;
            }
            if (s.statistic().startsWith("recall@") && (recallName == null || recallName.equals(s.statistic()))) {
                recallName = s.statistic();
                recall.put(id, s.value());
            } else if ("qps".equals(s.statistic())) {
                qps.put(id, s.value());
            }
        }
        List<SweepDot> dots = new ArrayList<>();
        recall.forEach((id, r) -> {
            Double q = qps.get(id);
            if (q != null) {
                dots.add(new SweepDot(id.params().getOrDefault("index", "?"), r, q));
            }
        });
        return recallVsQps(recallName, dots);
    }

    /**
     * Recall against QPS as ann-benchmarks draws it: QPS on a log axis, per index kind its Pareto
     * frontier (no point of the same kind has both more recall and more QPS) as a line with circles,
     * its dominated points as crosses in the same colour; the legend sits outside the plot area.
     */
    public static Optional<Chart> recallVsQps(String recallName, List<SweepDot> dots) {
        List<SweepDot> usable = dots.stream().filter(d -> d.qps() > 0 && Double.isFinite(d.recall())).toList();
        if (usable.isEmpty()) {
            return Optional.empty();
        }
        System.setProperty("java.awt.headless", "true");
        Map<String, List<SweepDot>> byIndex = new TreeMap<>();
        usable.forEach(d -> byIndex.computeIfAbsent(d.index(), k -> new ArrayList<>()).add(d));
        String title = "Index sweep: " + recallName + " against QPS";
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(recallName).yAxisTitle("queries per second (log)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE).setMarkerSize(8);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        double minRecall = usable.stream().mapToDouble(SweepDot::recall).min().orElse(0);
        chart.getStyler().setXAxisMin(Math.max(0, Math.floor((minRecall - 0.02) * 50) / 50)).setXAxisMax(1.0);
        java.awt.Color[] colours = chart.getStyler().getSeriesColors();
        int i = 0;
        for (Map.Entry<String, List<SweepDot>> e : byIndex.entrySet()) {
            java.awt.Color colour = colours[i++ % colours.length];
            List<SweepDot> frontier = frontier(e.getValue());
            XYSeries line = chart.addSeries(e.getKey(), frontier.stream().map(SweepDot::recall).toList(),
                    frontier.stream().map(SweepDot::qps).toList());
            line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            line.setLineColor(colour);
            line.setMarkerColor(colour);
            line.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CIRCLE);
            List<SweepDot> dominated = e.getValue().stream().filter(d -> !frontier.contains(d)).toList();
            if (!dominated.isEmpty()) {
                XYSeries rest = chart.addSeries(e.getKey() + " (dominated)", dominated.stream().map(SweepDot::recall).toList(),
                        dominated.stream().map(SweepDot::qps).toList());
                rest.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                rest.setMarkerColor(colour);
                rest.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.CROSS);
            }
        }
        return Optional.of(new Chart(title, png(chart)));
    }

    /** The points of one kind that no other point of that kind dominates, by recall. */
    static List<SweepDot> frontier(List<SweepDot> dots) {
        List<SweepDot> out = new ArrayList<>();
        for (SweepDot d : dots) {
            boolean dominated = dots.stream().anyMatch(o -> o != d && o.recall() >= d.recall() && o.qps() >= d.qps()
                    && (o.recall() > d.recall() || o.qps() > d.qps()));
            if (!dominated) {
                out.add(d);
            }
        }
        out.sort(java.util.Comparator.comparingDouble(SweepDot::recall));
        return out;
    }

    /** The x axis counts nines: 0 → 0%, 1 → 90%, 2 → 99%, 3 → 99.9%; ticks between whole nines stay unlabelled. */
    static String ninesLabel(double nines) {
        if (Math.abs(nines - Math.rint(nines)) > 1e-9) {
            return "";
        }
        return new java.math.BigDecimal(100.0 * (1.0 - Math.pow(10, -Math.rint(nines))))
                .setScale((int) Math.rint(nines), java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + "%";
    }

    private static String label(SeriesId id, String name) {
        String s = id.toString();
        return s.equals(name) ? name : s.substring(name.length());
    }

    private static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart " + chart.getTitle(), e);
        }
    }
}
