package io.milvusbench.monitor;

import io.milvusbench.BadInputException;
import io.milvusbench.results.ScalarMetric;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The built-in rule pair: {@code memory_percent} at or above {@code warning} (default 85) is a
 * warning, at or above {@code critical} (default 90) is critical. Applies to every series with that
 * statistic: each Milvus node's memory (GetMetrics) and the host's or container's.
 */
public final class MemoryAlertEvaluator implements AlertEvaluator {
    public static final String STATISTIC = "memory_percent";
    private final double warning;
    private final double critical;

    public MemoryAlertEvaluator(double warning, double critical) {
        if (!(warning > 0 && critical <= 100 && warning <= critical)) {
            throw new BadInputException("memory thresholds must satisfy 0 < warning <= critical <= 100, got "
                    + warning + " / " + critical);
        }
        this.warning = warning;
        this.critical = critical;
    }

    @Override
    public List<Alert> evaluate(MonitorSample sample) {
        List<Alert> out = new ArrayList<>();
        for (ScalarMetric m : sample.metrics()) {
            if (!STATISTIC.equals(m.statistic()) || Double.isNaN(m.value())) {
                continue;
            }
            if (m.value() >= critical) {
                out.add(alert(Alert.CRITICAL, critical, m));
            } else if (m.value() >= warning) {
                out.add(alert(Alert.WARNING, warning, m));
            }
        }
        return out;
    }

    private static Alert alert(String severity, double threshold, ScalarMetric m) {
        String message = String.format(Locale.ROOT, "%s %s memory at %.1f%% (%s level %.0f%%)", m.component(), m.series(),
                m.value(), severity, threshold);
        return new Alert(severity, STATISTIC + ">=" + fmt(threshold), m.series(), m.component(), m.statistic(), m.value(),
                threshold, message);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
