package io.milvusbench.cli;

import io.milvusbench.BadInputException;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses a run length such as {@code 90}, {@code 90s}, {@code 30m}, {@code 2h}, or an ISO-8601 {@code PT30M}. */
final class MonitorDurations {
    private static final Pattern SHORT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private MonitorDurations() {
    }

    static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase();
        Matcher m = SHORT.matcher(t);
        if (m.matches()) {
            double v = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double ms = switch (unit) {
                case "ms" -> v;
                case "m" -> v * 60_000;
                case "h" -> v * 3_600_000;
                default -> v * 1000;
            };
            return Duration.ofMillis(Math.round(ms));
        }
        try {
            Duration d = Duration.parse(text.trim().toUpperCase());
            if (!d.isNegative()) {
                return d;
            }
        } catch (RuntimeException e) {
            // fall through to the message below
        }
        throw new BadInputException("bad duration '" + text + "' (examples: 90s, 30m, 2h, PT30M; 0 = until stopped)");
    }
}
