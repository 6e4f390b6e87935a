package io.milvusbench.gate;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything one {@code check} or {@code report} found: the figures, the run's own failures, the
 * rule verdicts, the baseline comparison and the policy that turns them into an exit code.
 *
 * @param runInfo    the run's run.json (a missing node when absent)
 * @param thresholds the rules file, or null when no rules were applied
 * @param baselines  the baseline run folders (one, or a history), empty when none
 * @param failures   what failed outright: the producers' own {@code failures} (run.json of the run and of
 *                   every merged folder) and series that recorded no sample. Any failure fails the gate,
 *                   whatever the rules say.
 * @param noise      the run-to-run band a one-baseline comparison was judged against; null without one baseline
 * @param history    with two or more baselines: every figure over the runs (baselines, then this run) and its level shifts
 */
public record GateResult(Path runDir, JsonNode runInfo, List<Path> merged, Path thresholds, List<Path> baselines,
                         List<String> failures, Measurements measurements, List<RuleResult> rules,
                         List<Comparison> comparisons, GatePolicy policy, String thresholdsLabel, NoiseProfile noise,
                         List<History.Series> history) {

    public GateResult(Path runDir, JsonNode runInfo, List<Path> merged, Path thresholds, List<Path> baselines,
                      List<String> failures, Measurements measurements, List<RuleResult> rules,
                      List<Comparison> comparisons, GatePolicy policy, String thresholdsLabel) {
        this(runDir, runInfo, merged, thresholds, baselines, failures, measurements, rules, comparisons, policy,
                thresholdsLabel, null, List.of());
    }

    public GateResult(Path runDir, JsonNode runInfo, List<Path> merged, Path thresholds, List<Path> baselines,
                      List<String> failures, Measurements measurements, List<RuleResult> rules,
                      List<Comparison> comparisons, GatePolicy policy) {
        this(runDir, runInfo, merged, thresholds, baselines, failures, measurements, rules, comparisons, policy,
                thresholds == null ? null : thresholds.toString());
    }

    /** The same result, the rules file named as {@code label} in reports (e.g. the bundled copy). */
    public GateResult withThresholdsLabel(String label) {
        return new GateResult(runDir, runInfo, merged, thresholds, baselines, failures, measurements, rules, comparisons,
                policy, label, noise, history);
    }

    /** The same result with the run-to-run band used against one baseline and the figures followed over a history. */
    public GateResult withHistory(NoiseProfile noise, List<History.Series> history) {
        return new GateResult(runDir, runInfo, merged, thresholds, baselines, failures, measurements, rules, comparisons,
                policy, thresholdsLabel, noise, history);
    }

    /** The level shifts found over the history, series by series (empty without a history). */
    public List<History.Series> changePoints() {
        return history.stream().filter(s -> !s.points().isEmpty()).toList();
    }

    public GateResult {
        merged = List.copyOf(merged);
        baselines = List.copyOf(baselines);
        failures = List.copyOf(failures);
        rules = List.copyOf(rules);
        comparisons = List.copyOf(comparisons);
        history = List.copyOf(history);
    }

    public boolean hasBaseline() {
        return !baselines.isEmpty();
    }

    public List<Comparison> regressions() {
        return comparisons.stream().filter(c -> c.outcome() == Comparison.Outcome.REGRESSION).toList();
    }

    public boolean fails(RuleResult r) {
        return policy.fails(r.status());
    }

    /** The worst status of every failure, rule and regression. */
    public Status overall() {
        Status s = failures.isEmpty() ? Status.PASS : Status.CRITICAL;
        for (RuleResult r : rules) {
            s = s.worse(r.status());
        }
        return regressions().isEmpty() ? s : s.worse(policy.regressionStatus());
    }

    public boolean passed() {
        return failures.isEmpty() && rules.stream().noneMatch(this::fails)
                && (regressions().isEmpty() || !policy.fails(policy.regressionStatus()));
    }

    /** 0 pass, 1 the gate failed under its policy (bad input never gets this far: 2). */
    public int exitCode() {
        return passed() ? 0 : 1;
    }
}
