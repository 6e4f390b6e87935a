package io.milvusbench.report;

import io.milvusbench.gate.GateResult;

/** The console table and the Markdown summary (fit for a CI step summary). */
public final class TextReports {
    private TextReports() {
    }

    public static String console(GateResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(ReportOutline.headline(r)).append('\n');
        ReportOutline.provenance(r).forEach(l -> sb.append("  ").append(l).append('\n'));
        sb.append("  ").append(ReportOutline.counts(r)).append('\n');
        for (ReportOutline.Section s : ReportOutline.sections(r, false)) {
            sb.append('\n').append(s.title()).append('\n').append(s.table().isEmpty() ? "(none)\n" : s.table().toText());
            if (!s.note().isEmpty()) {
                sb.append(s.note()).append('\n');
            }
        }
        return sb.toString();
    }

    public static String markdown(GateResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(r.passed() ? "✅ " : "❌ ").append(ReportOutline.headline(r)).append("\n\n");
        ReportOutline.provenance(r).forEach(l -> sb.append("- ").append(l).append('\n'));
        sb.append("- ").append(ReportOutline.counts(r)).append("\n");
        for (ReportOutline.Section s : ReportOutline.sections(r, false)) {
            sb.append("\n### ").append(s.title()).append("\n\n").append(s.table().isEmpty() ? "_none_\n" : s.table().toMarkdown());
            if (!s.note().isEmpty()) {
                sb.append('\n').append(s.note().replace("\n", "  \n")).append('\n');
            }
        }
        return sb.toString();
    }
}
