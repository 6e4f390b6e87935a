package io.milvusbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusbench.gate.Comparison;
import io.milvusbench.gate.Figures;
import io.milvusbench.gate.GateResult;
import io.milvusbench.gate.RuleResult;
import io.milvusbench.gate.Status;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The headline and the titled tables shared by the console, Markdown and HTML reports. */
final class Sections {
    record Section(String title, Table table, String note, int statusColumn) {
    }

    private Sections() {
    }

    static String headline(GateResult r) {
        String verdict = r.passed() ? "PASS" : "FAIL";
        return "milvus-bench gate: " + verdict + " (" + r.overall().label() + ")";
    }

    /** One line of counts: what passed, what breached, what had no data, what moved against the baseline. */
    static String counts(GateResult r) {
        List<String> parts = new ArrayList<>();
        for (Status s : new Status[]{Status.CRITICAL, Status.WARNING, Status.NO_DATA, Status.PASS}) {
            long n = r.rules().stream().filter(x -> x.status() == s).count();
            if (n > 0) {
                parts.add(n + " " + s.label());
            }
        }
        String rules = r.rules().isEmpty() ? "no threshold rules applied" : "rules: " + String.join(", ", parts);
        if (r.baseline() == null) {
            return rules;
        }
        long regressions = r.regressions().size();
        long improvements = r.comparisons().stream().filter(c -> c.outcome() == Comparison.Outcome.IMPROVEMENT).count();
        long noise = r.comparisons().stream().filter(c -> c.outcome() == Comparison.Outcome.WITHIN_NOISE).count();
        return rules + "; baseline: " + r.comparisons().size() + " figure(s) compared, " + regressions + " regression(s), " + improvements + " improvement(s), "
                + noise + " change(s) within noise, threshold " + Figures.format(r.policy().regressionPct()) + " %";
    }

    /** What was read: run, its run.json, thresholds, baseline, merged folders. */
    static List<String> provenance(GateResult r) {
        List<String> out = new ArrayList<>();
        JsonNode info = r.runInfo();
        String about = info.isMissingNode() ? "" : " (command " + info.path("command").asText("?")
                + ", target " + info.path("target").path("kind").asText("?")
                + ", server " + info.path("target").path("server_version").asText("?")
                + ", started " + info.path("started").asText("?") + ")";
        out.add("run: " + r.runDir() + about);
        if (!r.merged().isEmpty()) {
            out.add("merged with: " + r.merged().stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        out.add("thresholds: " + (r.thresholds() == null ? "none" : r.thresholds().toString()));
        if (r.baseline() != null) {
            out.add("baseline: " + r.baseline());
        }
        return out;
    }

    /** @param allComparisons false: only figures past the percentage */
    static List<Section> sections(GateResult r, boolean allComparisons) {
        List<Section> out = new ArrayList<>();
        if (!r.rules().isEmpty()) {
            out.add(new Section("Thresholds", Tables.rules(r), breaches(r), 0));
        }
        if (r.baseline() != null) {
            out.add(new Section("Baseline comparison", Tables.comparisons(r, allComparisons),
                    "A change counts when it exceeds " + Figures.format(r.policy().regressionPct())
                            + " % of the baseline and the noise of both runs (3 standard errors of per-interval figures, JMH score error)."
                            + (allComparisons ? "" : " Unchanged figures are not listed."), 0));
        }
        if (!r.measurements().histograms().isEmpty()) {
            out.add(new Section("Latency percentiles (ms, from the histograms)", Tables.percentiles(r.measurements()),
                    "Closed-loop figures are service time; SLO figures are the open-loop series corrected for coordinated omission.", -1));
        }
        if (!r.measurements().scalars().isEmpty()) {
            out.add(new Section("Metrics", Tables.scalars(r.measurements()), "", -1));
        }
        if (!r.measurements().jmh().isEmpty()) {
            out.add(new Section("JMH scores (closed-loop)", Tables.jmh(r.measurements()),
                    "Times per operation in ms/op, throughput in ops/s.", -1));
        }
        return out;
    }

    private static String breaches(GateResult r) {
        return r.rules().stream().filter(x -> x.status() != Status.PASS)
                .map(x -> (x.status() == Status.NO_DATA ? "" : x.status().label().toUpperCase() + " ") + x.rule().name() + ": " + x.message())
                .collect(Collectors.joining("\n"));
    }

    static List<RuleResult> failed(GateResult r) {
        return r.rules().stream().filter(r::fails).toList();
    }
}
