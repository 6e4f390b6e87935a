package io.milvusbench.monitor;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A left/right-aligned plain-text table for the terminal report: numbers right, text left. */
final class TextTable {
    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        this.header = header;
    }

    TextTable row(Object... cells) {
        String[] r = new String[header.length];
        for (int i = 0; i < header.length; i++) {
            Object c = i < cells.length ? cells[i] : null;
            r[i] = c == null ? "-" : c.toString();
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintStream out, String indent) {
        int[] width = new int[header.length];
        boolean[] numeric = new boolean[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            numeric[i] = !rows.isEmpty();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
                numeric[i] &= r[i].equals("-") || r[i].matches("[-+]?[0-9.,]+%?");
            }
        }
        line(out, indent, header, width, numeric);
        for (String[] r : rows) {
            line(out, indent, r, width, numeric);
        }
    }

    private static void line(PrintStream out, String indent, String[] cells, int[] width, boolean[] numeric) {
        StringBuilder sb = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            String fmt = numeric[i] ? "%" + width[i] + "s" : "%-" + width[i] + "s";
            sb.append(String.format(fmt, cells[i]));
            if (i < cells.length - 1) {
                sb.append("  ");
            }
        }
        out.println(sb.toString().stripTrailing());
    }
}
