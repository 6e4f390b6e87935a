package io.milvusbench.cli;

import io.milvusbench.BadInputException;
import io.milvusbench.gate.Gate;
import io.milvusbench.gate.GatePolicy;
import io.milvusbench.gate.GateResult;
import io.milvusbench.gate.LogUnits;
import io.milvusbench.gate.Rule;
import io.milvusbench.report.ReportWriter;
import io.milvusbench.report.TextReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Renders a run folder's report (tables, plots, verdict) without failing on a breach. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render RUN_DIR/report/ (summary.md, report.html with plots, verdict.json, junit.xml) from a run folder.",
                "Applies the thresholds when the file exists, but always exits 0 unless the input is bad (2); use 'check' to gate."},
        footer = {"", "Examples:",
                "  milvus-bench report results/20261124-213000-bench",
                "  milvus-bench report results/host1 --merge results/host2 results/host3",
                "  milvus-bench report results/new --baseline results/main",
                "  milvus-bench report results/new --baseline results/history/    (a folder of earlier runs)",
                "  milvus-bench report jhiccup-run --unit ns",
                "  milvus-bench report results/new --report-dir build/ci-report",
                "", "See docs/gate.md."})
final class ReportCommand implements Callable<Integer> {

    /** The inputs shared by {@code report} and {@code check}. */
    static final class Inputs {
        @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder (see docs/run-folder.md).")
        Path runDir;

        @Option(names = "--thresholds", paramLabel = "FILE",
                description = "Threshold rules (YAML). Default: benchmarks/thresholds.yaml (check needs it; report skips rules without it).")
        Path thresholds;

        @Option(names = "--baseline", paramLabel = "DIR", arity = "1..*",
                description = {"Baseline run folder(s) to compare with; several folders, or a folder of run folders, form a history "
                        + "whose run-to-run spread is measured. A regression must pass --regression-pct and be significant at --alpha."})
        List<Path> baselines = new ArrayList<>();

        @Option(names = "--noise-profile", paramLabel = "FILE",
                description = {"Against one baseline: this machine's run-to-run spread per statistic, written by 'gate-eval "
                        + "--write-noise-profile'. A significant change inside it is 'inconclusive against one baseline', not a "
                        + "regression. Default: noise-profile.json in the baseline folder or its parent, else the conservative "
                        + "floor of docs/gate.md."})
        Path noiseProfile;

        @Option(names = "--merge", paramLabel = "DIR", arity = "1..*",
                description = "More run folders (e.g. other load generator hosts) whose histograms are added to RUN_DIR's before judging.")
        List<Path> merge = new ArrayList<>();

        @Option(names = "--regression-pct", paramLabel = "N", defaultValue = "5",
                description = "Smallest change against the baseline, in percent, that can count as a regression (default: ${DEFAULT-VALUE}).")
        double regressionPct;

        @Option(names = "--alpha", paramLabel = "P", defaultValue = "0.001",
                description = "Significance level of the baseline test: a change counts only with a p-value below it (default: ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--unit", paramLabel = "[GLOB=]UNIT",
                description = {"Unit of .hlog values (ns, us, ms, s): for every log, or GLOB=UNIT for the logs whose file name "
                        + "(or path, when GLOB holds '/') matches. Default: what each log says (every milvus-bench log says "
                        + "microseconds; jHiccup logs are nanoseconds), else microseconds, reported as assumed."})
        List<String> units = new ArrayList<>();

        @Option(names = "--report-dir", paramLabel = "DIR",
                description = "Where to write the report files (default: RUN_DIR/report).")
        Path reportDir;

        Path reportDir() {
            return reportDir != null ? reportDir : runDir.resolve("report");
        }

        /**
         * The rules file: the one asked for, else {@code benchmarks/thresholds.yaml} under the current folder
         * or next to the jar, else the copy bundled in the jar (named on stderr) — for report too.
         */
        Path thresholdsFile(boolean required) {
            if (thresholds != null) {
                return thresholds;
            }
            io.milvusbench.monitor.MonitorRules.Found found = io.milvusbench.monitor.MonitorRules.resolve(null);
            if (found.isBundled()) {
                thresholdsLabel = found.source();
                return found.file();
            }
            return Path.of(found.source());
        }

        /** How reports name the rules file when it is not a file of the user's (the bundled copy). */
        String thresholdsLabel;

        GateResult run(GatePolicy policy, boolean thresholdsRequired) {
            if (Files.isRegularFile(runDir)) {
                throw new BadInputException("run folder " + runDir + " is a file, not a folder");
            }
            ReportWriter.checkWritable(reportDir());
            if (thresholds != null && Files.isDirectory(thresholds)) {
                throw new BadInputException("thresholds file " + thresholds + " is a folder");
            }
            GateResult r = Gate.run(runDir, thresholdsFile(thresholdsRequired), baselines, merge, policy, LogUnits.parse(units),
                    noiseProfile);
            return thresholdsLabel == null ? r : r.withThresholdsLabel(thresholdsLabel);
        }

        void write(GateResult result) {
            Map<String, Path> files = ReportWriter.write(result, reportDir());
            System.out.print(TextReports.console(result));
            System.out.println();
            System.out.println("report: " + String.join(", ", files.values().stream().map(Path::toString).toList()));
        }
    }

    @Mixin
    Inputs inputs;

    @Override
    public Integer call() {
        GatePolicy policy = new GatePolicy(Rule.Level.CRITICAL, false, inputs.regressionPct, inputs.alpha, Rule.Level.CRITICAL);
        inputs.write(inputs.run(policy, false));
        return 0;
    }
}
