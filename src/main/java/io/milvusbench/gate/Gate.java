package io.milvusbench.gate;

import io.milvusbench.BadInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a run folder (plus folders to merge and a baseline), applies the thresholds and compares
 * with the baseline. Every problem with the inputs surfaces here, before any output is written.
 */
public final class Gate {
    private Gate() {
    }

    /**
     * @param thresholds the rules file, or null to apply no rules
     * @param baseline   a baseline run folder, or null
     * @param merge      more run folders whose figures join the run's (e.g. other load generator hosts)
     */
    public static GateResult run(Path runDir, Path thresholds, Path baseline, List<Path> merge, GatePolicy policy) {
        if (!(policy.regressionPct() >= 0) || Double.isInfinite(policy.regressionPct())) {
            throw new BadInputException("regression percentage must be a number >= 0, got " + policy.regressionPct());
        }
        Thresholds rules = thresholds == null ? null : Thresholds.load(thresholds);
        Set<Path> seen = new HashSet<>();
        seen.add(runDir.toAbsolutePath().normalize());
        Measurements m = RunReader.read(runDir, "run folder");
        for (Path other : merge) {
            if (!seen.add(other.toAbsolutePath().normalize())) {
                throw new BadInputException("merge folder " + other + " is given twice (or is the run folder itself)");
            }
            m = m.plus(RunReader.read(other, "merge folder"));
        }
        List<Comparison> comparisons = new ArrayList<>();
        if (baseline != null) {
            if (seen.contains(baseline.toAbsolutePath().normalize())) {
                throw new BadInputException("baseline " + baseline + " is the run (or a merged folder) itself");
            }
            Measurements base = RunReader.read(baseline, "baseline");
            if (!BaselineComparison.overlap(m, base)) {
                throw new BadInputException("baseline " + baseline + " has no series in common with " + runDir);
            }
            comparisons = BaselineComparison.compare(m, base, policy.regressionPct());
        }
        List<RuleResult> results = rules == null ? List.of() : rules.evaluate(m);
        return new GateResult(runDir, RunReader.runInfo(runDir), merge, thresholds, baseline, m, results, comparisons, policy);
    }
}
