package io.milvusbench.monitor;

import io.milvusbench.gate.Measurements;
import io.milvusbench.gate.MeasuredFigure;
import io.milvusbench.gate.RuleResult;
import io.milvusbench.gate.Status;
import io.milvusbench.gate.Thresholds;
import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts from the gate's threshold engine: every snapshot's figures are judged by the same rules
 * file {@code milvus-bench check} reads (benchmarks/thresholds.yaml by default), so a memory or
 * latency rule means the same thing live and after the run. Rules whose series the snapshot does
 * not hold are "no data" here, never errors: a monitor sees only some of a run's series.
 */
public final class GateAlertEvaluator implements AlertEvaluator {
    private final Thresholds thresholds;

    public GateAlertEvaluator(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    @Override
    public List<Alert> evaluate(MonitorSample sample) {
        Map<SeriesId, Histogram> histograms = new LinkedHashMap<>();
        sample.latencies().forEach((id, h) -> histograms.put(SeriesId.parse(id), h));
        List<Alert> alerts = new ArrayList<>();
        for (RuleResult result : thresholds.evaluate(Measurements.of(sample.metrics(), histograms), false)) {
            for (RuleResult.Judged judged : result.judged()) {
                if (judged.status() == Status.WARNING || judged.status() == Status.CRITICAL) {
                    MeasuredFigure o = judged.observation();
                    String severity = judged.status() == Status.CRITICAL ? Alert.CRITICAL : Alert.WARNING;
                    alerts.add(new Alert(severity, result.rule().name(), o.series().toString(), o.component(), o.statistic(),
                            o.value(), result.rule().limit(), result.rule().name() + ": " + o.statistic() + " of " + o.series()
                            + " @" + o.component() + " = " + o.value() + ", breaches " + result.rule().boundText()));
                }
            }
        }
        return alerts;
    }
}
