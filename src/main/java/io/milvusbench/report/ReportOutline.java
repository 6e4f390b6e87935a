package io.milvusbench.report;

import io.milvusbench.gate.Statistic;

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
final class ReportOutline {
    record Section(String title, Table table, String note, int statusColumn) {
    }

    private ReportOutline() {
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
        if (!r.failures().isEmpty()) {
            rules = r.failures().size() + " failure(s) recorded by the run; " + rules;
        }
        if (!r.hasBaseline()) {
            return rules;
        }
        // named beside the verdict: a comparison across server versions measures the servers as much as the change
        String versions = ServerVersions.of(r).note().map(n -> "; " + n.toUpperCase(java.util.Locale.ROOT).charAt(0) + n.substring(1)).orElse("");
        long regressions = r.regressions().size();
        long improvements = r.comparisons().stream().filter(c -> c.outcome() == Comparison.Outcome.IMPROVEMENT).count();
        long noise = r.comparisons().stream().filter(c -> c.outcome() == Comparison.Outcome.WITHIN_NOISE).count();
        long inconclusive = r.comparisons().stream().filter(c -> c.outcome() == Comparison.Outcome.INCONCLUSIVE).count();
        long notCompared = r.comparisons().stream().filter(c -> c.outcome() == Comparison.Outcome.NOT_COMPARED).count();
        return rules + "; baseline: " + (r.comparisons().size() - notCompared) + " figure(s) compared, " + notCompared
                + " not compared (no uncertainty), " + regressions + " regression(s), " + improvements + " improvement(s), "
                + noise + " change(s) within noise"
                + (inconclusive > 0 ? ", " + inconclusive + " inconclusive against one baseline (inside the machine's run-to-run spread)" : "")
                + (r.changePoints().isEmpty() ? "" : ", " + r.changePoints().stream().mapToInt(s -> s.points().size()).sum()
                + " change point(s) in the history")
                + "; tolerance " + Figures.format(r.policy().regressionPct()) + " %, alpha " + Figures.format(r.policy().alpha()) + versions;
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
        JsonNode shards = info.path("shards");
        if (shards.isObject()) {
            List<String> folders = new ArrayList<>();
            shards.path("folders").fields().forEachRemaining(e -> folders.add(e.getKey() + " " + e.getValue().asText()));
            out.add("shards: " + shards.path("count").asInt() + " generator processes, one schedule from "
                    + shards.path("start_at").asText() + ", merged as one run (" + String.join(", ", folders) + ")");
        } else if (!r.merged().isEmpty()) {
            out.add("merged with: " + r.merged().stream().map(Path::toString).collect(Collectors.joining(", ")));
        }
        out.add("thresholds: " + (r.thresholds() == null ? "none" : r.thresholdsLabel()));
        if (r.baselines().size() == 1) {
            out.add("baseline: " + r.baselines().get(0) + " (server " + ServerVersions.of(r).baselines().values().iterator().next() + ")");
        } else if (r.hasBaseline()) {
            out.add("baseline: history of " + r.baselines().size() + " runs (" + r.baselines().get(0) + " ... "
                    + r.baselines().get(r.baselines().size() - 1) + ")");
        }
        if (r.noise() != null) {
            out.add("run-to-run spread (one baseline): " + r.noise().describe());
        }
        if (!r.measurements().logs().isEmpty()) {
            java.util.Map<String, List<String>> byUnit = new java.util.LinkedHashMap<>();
            r.measurements().logs().forEach(l -> byUnit.computeIfAbsent(l.unit().symbol() + " (" + l.unitSource() + ")",
                    k -> new ArrayList<>()).add(l.file().getFileName().toString()));
            out.add("hlog values: " + byUnit.entrySet().stream().map(e -> e.getKey() + (byUnit.size() == 1 ? ""
                    : " for " + String.join(", ", e.getValue()))).collect(Collectors.joining("; ")));
        }
        return out;
    }

    /** @param allComparisons false: only figures past the percentage */
    static List<Section> sections(GateResult r, boolean allComparisons) {
        List<Section> out = new ArrayList<>();
        if (!r.failures().isEmpty()) {
            Table t = new Table("failed", "reason");
            for (String f : r.failures()) {
                int colon = f.indexOf(": ");
                t.add(colon < 0 ? f : f.substring(0, colon), colon < 0 ? "failed" : f.substring(colon + 2));
            }
            out.add(new Section("Failures (the run itself failed: the gate fails whatever the rules say)", t, "", -1));
        }
        Table causes = new Table("series", "requests", "errors", "count", "cause");
        r.runInfo().path("errors").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.path("errors").asLong(0) > 0) {
                boolean first = true;
                var reasons = v.path("reasons").fields();
                while (reasons.hasNext()) {
                    var reason = reasons.next();
                    causes.add(first ? e.getKey() : "", first ? v.path("requests").asText("") : "", first ? v.path("errors").asText("") : "",
                            reason.getValue().asText(), reason.getKey());
                    first = false;
                }
            }
        });
        if (!causes.isEmpty()) {
            out.add(new Section("Errors by cause (run.json)", causes, "Causes are the status code and the message with numbers stripped; counts are exact.", -1));
        }
        if (!r.rules().isEmpty()) {
            out.add(new Section("Thresholds", Tables.rules(r), breaches(r), 0));
        }
        if (r.hasBaseline()) {
            out.add(new Section("Baseline comparison", Tables.comparisons(r, allComparisons),
                    "A regression is a change past " + Figures.format(r.policy().regressionPct())
                            + " % of the baseline that is also significant (p < " + Figures.format(r.policy().alpha())
                            + ": block figures ranked run against run (Mann-Whitney) with 10 or more blocks a run, Welch's t"
                            + " on block means or JMH iterations below that; with several baselines, their run-to-run spread)."
                            + " Confidence: the change's interval at 1 - alpha, in % of the baseline."
                            + (allComparisons ? " Figures without an uncertainty (maxima, percentiles beyond the samples, single"
                            + " figures) are listed as not compared." : " Unchanged and not compared figures are not listed.")
                            + (r.noise() == null ? "" : " Against one baseline, a significant change no larger than this machine's"
                            + " run-to-run spread is inconclusive (it passes): " + r.noise().describe() + "."), 0));
        }
        if (r.baselines().size() > 1) {
            out.add(new Section("Change points over the history", Tables.changePoints(r),
                    "Level shifts of each figure over the " + (r.baselines().size() + 1) + " runs (the baselines in name order, then"
                            + " this run): E-divisive means picks a split, Student's t-test of the two levels keeps it at p < "
                            + Figures.format(io.milvusbench.gate.ChangePoints.DEFAULT_P) + ", each level at least "
                            + io.milvusbench.gate.ChangePoints.DEFAULT_MIN_SEGMENT + " runs long. A run's figure is its block"
                            + " median when measured by blocks. Informational: the run itself is judged by the comparison above."
                            + " report.html plots each series over its runs.", -1));
        }
        if (!r.measurements().histograms().isEmpty()) {
            out.add(new Section("Latency percentiles (ms, from the histograms)", Tables.percentiles(r.measurements()),
                    "Closed-loop figures are service time; SLO figures are the open-loop series corrected for coordinated omission."
                            + " count: the samples behind every percentile of the row. A percentile in (brackets) has fewer than "
                            + Statistic.MIN_BEYOND + " samples beyond it (p99 needs " + String.format("%,d", Statistic.samplesNeeded("p99"))
                            + ", p99.9 " + String.format("%,d", Statistic.samplesNeeded("p99.9"))
                            + "): it is one of the few largest samples, not an estimate.", -1));
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
