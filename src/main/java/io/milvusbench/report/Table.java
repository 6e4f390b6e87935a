package io.milvusbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A header and rows of text, rendered as an aligned console table, a Markdown table or HTML. */
public final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(String... header) {
        this.header = List.of(header);
    }

    public Table add(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, header " + header.size());
        }
        rows.add(Arrays.asList(cells));
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public List<List<String>> rows() {
        return rows;
    }

    public String toText() {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(sb, rule, width);
        rows.forEach(r -> line(sb, r, width));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            l.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", cells.get(i)));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header.stream().map(Table::md).toList())).append(" |\n");
        sb.append("|").append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r.stream().map(Table::md).toList())).append(" |\n");
        }
        return sb.toString();
    }

    /** {@code statusColumn} (or -1) gets a CSS class named after its cell, e.g. {@code critical}. */
    public String toHtml(int statusColumn) {
        StringBuilder sb = new StringBuilder("<table>\n<tr>");
        header.forEach(h -> sb.append("<th>").append(Html.escape(h)).append("</th>"));
        sb.append("</tr>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                String cls = i == statusColumn ? " class=\"" + r.get(i).replaceAll("[^a-z]", "") + "\"" : "";
                sb.append("<td").append(cls).append('>').append(Html.escape(r.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>\n").toString();
    }

    private static String md(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
