package io.milvusbench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusbench.gate.Comparison;
import io.milvusbench.gate.GateResult;
import io.milvusbench.gate.HlogSeries;
import io.milvusbench.gate.MeasuredFigure;
import io.milvusbench.gate.Rule;
import io.milvusbench.gate.RuleResult;
import io.milvusbench.gate.Statistic;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * {@code verdict.json}: the verdict, every rule with its measured figures, the baseline comparison
 * and the percentile table, for machines. Unknown figures (NaN) are written as null.
 */
public final class VerdictJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VerdictJson() {
    }

    public static byte[] render(GateResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("verdict", r.passed() ? "pass" : "fail");
        root.put("status", r.overall().label());
        root.put("exit_code", r.exitCode());
        root.put("run", r.runDir().toString());
        ArrayNode merged = root.putArray("merged");
        r.merged().forEach(p -> merged.add(p.toString()));
        if (r.runInfo().has("shards")) {
            root.set("shards", r.runInfo().get("shards"));
        }
        ArrayNode baselines = root.putArray("baselines");
        r.baselines().forEach(p -> baselines.add(p.toString()));
        ServerVersions versions = ServerVersions.of(r);
        root.put("server_version", versions.run());
        ObjectNode baselineVersions = root.putObject("baseline_server_versions");
        versions.baselines().forEach((p, v) -> baselineVersions.put(p.toString(), v));
        root.put("server_version_note", versions.note().orElse(null));
        ArrayNode failures = root.putArray("failures");
        r.failures().forEach(failures::add);
        ArrayNode units = root.putArray("hlog_units");
        r.measurements().logs().forEach(l -> units.addObject().put("file", l.file().toString())
                .put("unit", l.unit().symbol()).put("source", l.unitSource()).put("intervals", l.intervals()));
        root.put("thresholds", r.thresholds() == null ? null : r.thresholdsLabel());
        ObjectNode policy = root.putObject("policy");
        policy.put("fail_on", r.policy().failOn().name().toLowerCase());
        policy.put("fail_on_missing", r.policy().failOnMissing());
        policy.put("regression_pct", r.policy().regressionPct());
        policy.put("alpha", r.policy().alpha());
        policy.put("regression_level", r.policy().regressionLevel().name().toLowerCase());
        ArrayNode rules = root.putArray("rules");
        r.rules().forEach(rr -> rules.add(rule(r, rr)));
        ArrayNode comparisons = root.putArray("baseline_comparison");
        r.comparisons().forEach(c -> comparisons.add(comparison(c)));
        if (r.noise() != null) {
            ObjectNode noise = root.putObject("noise_profile");
            noise.put("source", r.noise().source());
            noise.put("pairs", r.noise().pairs());
            ObjectNode band = noise.putObject("band_pct");
            r.noise().bandPct().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> band.put(e.getKey(), e.getValue()));
        }
        if (!r.history().isEmpty()) {
            ArrayNode points = root.putArray("change_points");
            for (io.milvusbench.gate.History.Series s : r.changePoints()) {
                for (io.milvusbench.gate.ChangePoints.Point p : s.points()) {
                    ObjectNode n = points.addObject();
                    n.put("series", s.series().toString());
                    n.put("component", s.component());
                    n.put("statistic", s.statistic());
                    n.put("unit", s.unit());
                    n.put("run", s.runAt(p));
                    n.put("run_index", p.index());
                    n.put("runs", s.runs().size());
                    number(n, "before", p.before());
                    number(n, "after", p.after());
                    number(n, "change_pct", p.changePct());
                    number(n, "p_value", p.p());
                }
            }
        }
        ArrayNode series = root.putArray("latency");
        for (HlogSeries s : r.measurements().histograms().values()) {
            ObjectNode n = series.addObject();
            n.put("series", s.id().toString());
            n.put("measured_as", Tables.kind(s.id()));
            n.put("count", s.total().getTotalCount());
            n.put("unit", "ms");
            for (String stat : Statistic.TABLE) {
                number(n, stat, s.total().getTotalCount() == 0 ? Double.NaN : s.statistic(stat));
            }
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode rule(GateResult r, RuleResult rr) {
        Rule rule = rr.rule();
        ObjectNode n = JSON.createObjectNode();
        n.put("name", rule.name());
        n.put("status", rr.status().label());
        n.put("fails_gate", r.fails(rr));
        n.put("message", rr.message());
        n.put("selector", rule.selector().toString());
        n.put("statistic", rule.statistic());
        n.put("bound", rule.bound().key());
        n.put("limit", rule.limit());
        n.put("level", rule.level().name().toLowerCase());
        n.put("optional", rule.optional());
        ArrayNode measured = n.putArray("measured");
        for (RuleResult.Judged j : rr.judged()) {
            MeasuredFigure o = j.observation();
            ObjectNode m = measured.addObject();
            m.put("series", o.series().toString());
            m.put("component", o.component());
            number(m, "value", o.value());
            m.put("unit", o.unit());
            m.put("source", o.source());
            m.put("status", j.status().label());
        }
        return n;
    }

    private static ObjectNode comparison(Comparison c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("series", c.series().toString());
        n.put("component", c.component());
        n.put("statistic", c.statistic());
        n.put("unit", c.unit());
        number(n, "baseline", c.baseline());
        number(n, "current", c.current());
        number(n, "change_pct", c.changePct());
        number(n, "margin", c.margin());
        number(n, "margin_pct", c.marginPct());
        number(n, "p_value", c.pValue());
        n.put("basis", c.basis());
        n.put("baselines", c.baselines());
        n.put("outcome", c.outcome().label());
        if (!c.note().isEmpty()) {
            n.put("note", c.note());
        }
        return n;
    }

    private static void number(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, v);
        }
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }
}
