package io.milvusbench.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.milvusbench.gate.Comparison.Outcome;
import io.milvusbench.gate.Figures;
import io.milvusbench.gate.PairedTrials;
import io.milvusbench.gate.PairedTrials.Figure;
import io.milvusbench.gate.PairedTrials.Trial;
import io.milvusbench.gate.TrialsFile;
import io.milvusbench.results.Failure;
import io.milvusbench.results.RunFolder;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reports of an interleaved comparison ({@code compare}): console lines, summary.md,
 * verdict.json, junit.xml and a self-contained report.html with A and B plotted per round. The
 * same four file names as the gate's reports, so a CI job publishes both the same way.
 */
public final class CompareReport {
    private final String run;
    private final String load;
    private final String setup;
    private final List<Trial> trials;
    private final List<Figure> figures;
    private final List<Failure> failures;
    private final double regressionPct;
    private final double alpha;
    private final int exitCode;

    public CompareReport(String run, String load, String setup, List<Trial> trials, List<Figure> figures, List<Failure> failures,
                         double regressionPct, double alpha, int exitCode) {
        this.run = run;
        this.load = load;
        this.setup = setup;
        this.trials = List.copyOf(trials);
        this.figures = List.copyOf(figures);
        this.failures = List.copyOf(failures);
        this.regressionPct = regressionPct;
        this.alpha = alpha;
        this.exitCode = exitCode;
    }

    /** "REGRESSION", "FAILED" (a trial failed, nothing regressed) or "PASS". */
    public String verdict() {
        if (PairedTrials.regressed(figures)) {
            return "REGRESSION";
        }
        return failures.isEmpty() ? "PASS" : "FAILED";
    }

    public List<String> console() {
        List<String> out = new ArrayList<>();
        out.add("compare: " + load + "; " + PairedTrials.rounds(trials).size() + " rounds; " + setup);
        figures.forEach(f -> out.add("  " + f.describe()));
        failures.forEach(f -> out.add("FAILED " + f.describe()));
        out.add("verdict: " + verdict() + " (tolerance " + Figures.format(regressionPct) + " %, alpha " + Figures.format(alpha) + ")");
        return out;
    }

    /** Writes summary.md, verdict.json, junit.xml and report.html into {@code dir}. */
    public void write(Path dir) {
        RunFolder.writeAtomically(dir.resolve("summary.md"), markdown().getBytes(StandardCharsets.UTF_8));
        RunFolder.writeAtomically(dir.resolve("verdict.json"), json());
        RunFolder.writeAtomically(dir.resolve("junit.xml"), junit().getBytes(StandardCharsets.UTF_8));
        RunFolder.writeAtomically(dir.resolve("report.html"), html().getBytes(StandardCharsets.UTF_8));
    }

    String markdown() {
        StringBuilder s = new StringBuilder();
        s.append("## Interleaved comparison: ").append(verdict()).append("\n\n");
        s.append("Run `").append(run).append("`: ").append(load).append("; ").append(PairedTrials.rounds(trials).size())
                .append(" rounds; ").append(setup).append(".\n\n");
        s.append(figureTable());
        if (!failures.isEmpty()) {
            s.append("\n### Failures\n\n");
            failures.forEach(f -> s.append("- ").append(f.describe()).append('\n'));
        }
        s.append("\nB/A is the Hodges–Lehmann estimate of the per-round ratios; p is the exact Wilcoxon signed-rank test "
                + "of their logarithms (two-sided); tolerance ").append(Figures.format(regressionPct))
                .append(" %, alpha ").append(Figures.format(alpha)).append(".\n");
        return s.toString();
    }

    private String figureTable() {
        StringBuilder s = new StringBuilder();
        s.append("| statistic | A (median of rounds) | B (median of rounds) | B/A | interval | p | outcome |\n");
        s.append("|---|---:|---:|---:|---|---:|---|\n");
        for (Figure f : figures) {
            if (f.outcome() == Outcome.NOT_COMPARED) {
                s.append("| ").append(f.statistic()).append(" (").append(f.unit()).append(") | ").append(num(median(f.a()))).append(" | ").append(num(median(f.b())))
                        .append(" | | | | not compared: ").append(f.note()).append(" |\n");
                continue;
            }
            s.append(String.format(Locale.ROOT, "| %s (%s) | %s | %s | %.3f (%+.1f %%) | %.3f–%.3f (%.0f %%) | %s | %s |%n",
                    f.statistic(), f.unit(), num(median(f.a())), num(median(f.b())), f.ratio(), f.changePct(), f.low(), f.high(),
                    100 * f.confidence(), PairedTrials.formatP(f.pValue()), f.outcome() == Outcome.REGRESSION ? "**regression**" : f.outcome().label()));
        }
        return s.toString();
    }

    byte[] json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run", run);
        root.put("verdict", verdict());
        root.put("exit_code", exitCode);
        root.put("load", load);
        root.put("setup", setup);
        root.put("policy", Map.of("regression_pct", regressionPct, "alpha", alpha, "test", "Wilcoxon signed-rank (exact) of log B/A per round",
                "estimate", "Hodges-Lehmann"));
        List<Map<String, Object>> figs = new ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("statistic", f.statistic());
            m.put("unit", f.unit());
            m.put("outcome", f.outcome().label());
            if (f.outcome() == Outcome.NOT_COMPARED) {
                m.put("note", f.note());
            } else {
                m.put("ratio", f.ratio());
                m.put("change_pct", f.changePct());
                m.put("low", f.low());
                m.put("high", f.high());
                m.put("confidence", f.confidence());
                m.put("p_value", f.pValue());
            }
            m.put("a", f.a());
            m.put("b", f.b());
            figs.add(m);
        }
        root.put("figures", figs);
        root.put("trials", trials.stream().map(TrialsFile::row).toList());
        root.put("failures", failures.stream().map(Failure::describe).toList());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String junit() {
        StringBuilder cases = new StringBuilder();
        int failed = 0;
        int count = 0;
        for (Figure f : figures) {
            count++;
            cases.append("    <testcase classname=\"milvus-bench.compare\" name=\"").append(Html.escape("B/A " + f.statistic())).append("\"");
            if (f.outcome() == Outcome.REGRESSION) {
                failed++;
                cases.append("><failure message=\"").append(Html.escape(f.describe())).append("\"/></testcase>\n");
            } else if (f.outcome() == Outcome.NOT_COMPARED) {
                cases.append("><skipped message=\"").append(Html.escape(f.note())).append("\"/></testcase>\n");
            } else {
                cases.append("><system-out>").append(Html.escape(f.describe())).append("</system-out></testcase>\n");
            }
        }
        for (Failure f : failures) {
            count++;
            failed++;
            cases.append("    <testcase classname=\"milvus-bench.compare\" name=\"").append(Html.escape("run-failure: " + f.series()))
                    .append("\"><failure message=\"").append(Html.escape(f.describe())).append("\"/></testcase>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n  <testsuite name=\"milvus-bench.compare\" tests=\"" + count
                + "\" failures=\"" + failed + "\">\n" + cases + "  </testsuite>\n</testsuites>\n";
    }

    String html() {
        StringBuilder s = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>compare ")
                .append(Html.escape(run)).append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}</style></head><body>");
        s.append("<h1>Interleaved comparison: ").append(Html.escape(verdict())).append("</h1><p>")
                .append(Html.escape(run + ": " + load + "; " + setup)).append("</p>");
        s.append("<table><tr><th>statistic</th><th>A</th><th>B</th><th>B/A</th><th>interval</th><th>p</th><th>outcome</th></tr>");
        for (Figure f : figures) {
            boolean judged = f.outcome() != Outcome.NOT_COMPARED;
            s.append("<tr><td>").append(Html.escape(f.statistic())).append("</td><td>").append(num(median(f.a()))).append("</td><td>")
                    .append(num(median(f.b()))).append("</td><td>").append(judged ? String.format(Locale.ROOT, "%.3f", f.ratio()) : "")
                    .append("</td><td>").append(judged ? String.format(Locale.ROOT, "%.3f–%.3f", f.low(), f.high()) : "")
                    .append("</td><td>").append(judged ? PairedTrials.formatP(f.pValue()) : "").append("</td><td>")
                    .append(Html.escape(judged ? f.outcome().label() : "not compared: " + f.note())).append("</td></tr>");
        }
        s.append("</table>");
        failures.forEach(f -> s.append("<p><b>FAILED</b> ").append(Html.escape(f.describe())).append("</p>"));
        s.append("<h2>A and B per round</h2>");
        for (byte[] png : charts()) {
            s.append("<p><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\"></p>");
        }
        s.append("<h2>Trials</h2><table><tr><th>round</th><th>order</th><th>variant</th><th>samples</th><th>p50 ms</th><th>p95 ms</th>"
                + "<th>p99 ms</th><th>qps</th><th>errors</th></tr>");
        for (Trial t : trials) {
            s.append("<tr><td>").append(t.round()).append("</td><td>").append(t.order() + 1).append("</td><td>").append(t.variant())
                    .append("</td><td>").append(t.count()).append("</td><td>").append(num(t.percentileMs(50))).append("</td><td>")
                    .append(num(t.percentileMs(95))).append("</td><td>").append(num(t.percentileMs(99))).append("</td><td>")
                    .append(num(t.qps())).append("</td><td>").append(t.errors()).append("</td></tr>");
        }
        return s.append("</table></body></html>\n").toString();
    }

    /** Latency percentiles of A and B per round (one chart), and qps per round. */
    List<byte[]> charts() {
        List<byte[]> out = new ArrayList<>();
        XYChart latency = new XYChartBuilder().width(820).height(440).title("latency per round (ms)").xAxisTitle("round")
                .yAxisTitle("ms").build();
        latency.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        latency.getStyler().setYAxisLogarithmic(true);
        XYChart qps = new XYChartBuilder().width(820).height(300).title("throughput per round").xAxisTitle("round")
                .yAxisTitle("requests/s").build();
        qps.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        boolean any = false;
        for (Figure f : figures) {
            double[] x = new double[f.a().length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            if (!positive(f.a()) || !positive(f.b())) {
                continue;
            }
            XYChart chart = f.statistic().equals("qps") ? qps : latency;
            chart.addSeries("A " + f.statistic(), x, f.a()).setMarker(SeriesMarkers.CIRCLE);
            chart.addSeries("B " + f.statistic(), x, f.b()).setMarker(SeriesMarkers.DIAMOND);
            any = true;
        }
        if (!any) {
            return out;
        }
        if (!latency.getSeriesMap().isEmpty()) {
            out.add(png(latency));
        }
        if (!qps.getSeriesMap().isEmpty()) {
            out.add(png(qps));
        }
        return out;
    }

    private static boolean positive(double[] v) {
        for (double x : v) {
            if (!(x > 0) || Double.isInfinite(x)) {
                return false;
            }
        }
        return v.length > 0;
    }

    private static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart " + chart.getTitle(), e);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? Figures.format(v) : "–";
    }
}
