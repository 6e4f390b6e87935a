package io.milvusbench.report;

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

    private Charts() {
    }

    /** Every plot; a failure of the Java 2D stack is reported in {@link Plots#problem()}, not thrown. */
    public static Plots render(Measurements m) {
        try {
            return new Plots(all(m), null);
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
        Map<String, TreeMap<Double, Double>> byIndex = new TreeMap<>();
        recall.forEach((id, r) -> {
            Double q = qps.get(id);
            if (q != null) {
                byIndex.computeIfAbsent(id.params().getOrDefault("index", "?"), k -> new TreeMap<>()).put(r, q);
            }
        });
        if (byIndex.isEmpty()) {
            return Optional.empty();
        }
        String title = "Index sweep: " + recallName + " against QPS";
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(recallName).yAxisTitle("queries per second").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE).setMarkerSize(7);
        byIndex.forEach((index, points) -> chart.addSeries(index, new ArrayList<>(points.keySet()), new ArrayList<>(points.values()))
                .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line));
        return Optional.of(new Chart(title, png(chart)));
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
