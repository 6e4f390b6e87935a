package io.milvusbench.cli;

import io.milvusbench.gate.GatePolicy;
import io.milvusbench.gate.GateResult;
import io.milvusbench.gate.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** The regression gate: a run folder's figures against threshold rules and a baseline, as an exit code. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Judge a run folder against threshold rules (and a baseline), write RUN_DIR/report/, exit with the verdict.",
                "Exit 0: pass. 1: a failure the run recorded (run.json failures, a series without samples), a critical breach, "
                        + "a regression, a warning with --fail-on warning, a rule without data with --fail-on-missing. "
                        + "2: bad input (missing or corrupt file, unknown series or statistic, bad rule)."},
        footer = {"", "Examples:",
                "  milvus-bench check results/20261124-213000-bench",
                "  milvus-bench check results/new --thresholds benchmarks/ci-gate.yaml",
                "  milvus-bench check results/new --fail-on warning --fail-on-missing",
                "  milvus-bench check results/new --baseline results/main",
                "  milvus-bench check results/new --baseline results/main --noise-profile ci-runner-noise.json",
                "  milvus-bench check results/nightly/<tonight> --baseline results/nightly/    (history: change points)",
                "  milvus-bench check results/new --baseline results/main-1 results/main-2 results/main-3",
                "  milvus-bench check results/new --baseline results/history/ --regression-pct 3 --alpha 0.01",
                "  milvus-bench check foreign-run --unit 'jhiccup*.hlog=ns'",
                "  milvus-bench check results/host1 --merge results/host2 results/host3",
                "  cat results/new/report/summary.md >> \"$GITHUB_STEP_SUMMARY\"",
                "", "Rules file format and statuses: docs/gate.md."})
final class CheckCommand implements Callable<Integer> {
    enum Level { warning, critical }

    @Mixin
    ReportCommand.Inputs inputs;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "critical",
            description = "Lowest breach level that fails the gate: warning or critical (default: ${DEFAULT-VALUE}).")
    Level failOn;

    @Option(names = "--fail-on-missing",
            description = "Fail (exit 1) when an optional rule matches no figure ('no data'); by default it is only reported.")
    boolean failOnMissing;

    @Option(names = "--regression-level", paramLabel = "LEVEL", defaultValue = "critical",
            description = "Level of a baseline regression: warning or critical (default: ${DEFAULT-VALUE}).")
    Level regressionLevel;

    @Override
    public Integer call() {
        GatePolicy policy = new GatePolicy(level(failOn), failOnMissing, inputs.regressionPct, inputs.alpha, level(regressionLevel));
        GateResult result = inputs.run(policy, true);
        inputs.write(result);
        return result.exitCode();
    }

    private static Rule.Level level(Level l) {
        return l == Level.warning ? Rule.Level.WARNING : Rule.Level.CRITICAL;
    }
}
