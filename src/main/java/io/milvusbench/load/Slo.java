package io.milvusbench.load;

import io.milvusbench.BadInputException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A latency objective: "percentile P of the corrected open-loop latency at most T", written
 * {@code p95<50ms}, {@code p99<=0.2s}, {@code p99.9<800us} (spaces allowed; a bare number is
 * milliseconds). {@code <} and {@code <=} both mean "at most".
 */
public record Slo(double percentile, double thresholdMs) {
    private static final Pattern FORM = Pattern.compile(
            "\\s*p(\\d+(?:\\.\\d+)?)\\s*(<=|<)\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|us|µs)?\\s*", Pattern.CASE_INSENSITIVE);

    public Slo {
        if (!(percentile > 0 && percentile < 100)) {
            throw new BadInputException("SLO percentile must be between 0 and 100 (exclusive), got " + percentile);
        }
        if (!(thresholdMs > 0)) {
            throw new BadInputException("SLO threshold must be positive, got " + thresholdMs + " ms");
        }
    }

    public static Slo parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new BadInputException("cannot parse SLO '" + text + "' (expected e.g. p95<50ms, p99<=0.2s, p99.9<800us)");
        }
        double value = Double.parseDouble(m.group(3));
        String unit = m.group(4) == null ? "ms" : m.group(4).toLowerCase(Locale.ROOT);
        double ms = switch (unit) {
            case "s" -> value * 1000;
            case "us", "µs" -> value / 1000;
            default -> value;
        };
        return new Slo(Double.parseDouble(m.group(1)), ms);
    }

    /** True when {@code result}'s corrected latency at the percentile is within the threshold. */
    public boolean met(LoadResult result) {
        double observed = result.percentileMs(percentile);
        return !Double.isNaN(observed) && observed <= thresholdMs;
    }

    /** The percentile as text: 95, 99.9. */
    public String percentileLabel() {
        return LoadResult.trim(percentile);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "p%s<=%sms", percentileLabel(), LoadResult.trim(thresholdMs));
    }
}
