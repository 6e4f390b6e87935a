package io.milvusbench.monitor;

import java.util.List;

/**
 * Judges one snapshot's figures against alert rules. The monitor calls it once per snapshot; the
 * gate's rule engine is meant to plug in here so the monitor and the gate read the same rules file.
 * {@link MemoryAlertEvaluator} is the built-in evaluator until then.
 */
@FunctionalInterface
public interface AlertEvaluator {
    List<Alert> evaluate(MonitorSample sample);
}
