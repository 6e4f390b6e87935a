package io.milvusbench.report;

import io.milvusbench.gate.GateResult;

import java.util.Base64;
import java.util.List;

/** A self-contained HTML report: the same tables as the summary, every comparison, and the plots inlined as base64 PNG. */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
            table{border-collapse:collapse;margin:.5em 0 1em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-size:.9em}
            th{background:#f3f3f3}.pass,.unchanged,.improvement{color:#176317}.warning,.withinnoise,.changed,.nodata,.notcompared,.inconclusiveagainstonebaseline{color:#8a5a00}
            .critical,.regression{color:#b00020;font-weight:bold}.verdict{font-size:1.3em;padding:.4em .8em;display:inline-block}
            .ok{background:#e3f4e3}.fail{background:#fbe3e6}p.note{color:#555;font-size:.85em;white-space:pre-line}img{max-width:100%}
            """;

    private HtmlReport() {
    }

    public static String render(GateResult r, Charts.Plots plots) {
        List<Charts.Chart> charts = plots.charts();
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(Html.escape(ReportOutline.headline(r))).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>milvus-bench report</h1>\n<div class=\"verdict ").append(r.passed() ? "ok" : "fail").append("\">")
                .append(Html.escape(ReportOutline.headline(r))).append("</div>\n<ul>\n");
        ReportOutline.provenance(r).forEach(l -> sb.append("<li>").append(Html.escape(l)).append("</li>\n"));
        sb.append("<li>").append(Html.escape(ReportOutline.counts(r))).append("</li>\n</ul>\n");
        for (ReportOutline.Section s : ReportOutline.sections(r, true)) {
            sb.append("<h2>").append(Html.escape(s.title())).append("</h2>\n")
                    .append(s.table().isEmpty() ? "<p>none</p>\n" : s.table().toHtml(s.statusColumn()));
            if (!s.note().isEmpty()) {
                sb.append("<p class=\"note\">").append(Html.escape(s.note())).append("</p>\n");
            }
        }
        if (!charts.isEmpty()) {
            sb.append("<h2>Plots</h2>\n");
            for (Charts.Chart c : charts) {
                sb.append("<figure><img alt=\"").append(Html.escape(c.title())).append("\" src=\"data:image/png;base64,")
                        .append(Base64.getEncoder().encodeToString(c.png())).append("\"><figcaption>")
                        .append(Html.escape(c.title())).append("</figcaption></figure>\n");
            }
        }
        if (plots.problem() != null) {
            sb.append("<p class=\"note\">").append(Html.escape(plots.problem())).append("</p>\n");
        }
        return sb.append("</body></html>\n").toString();
    }
}
