package io.milvusbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of JMH's {@code -rf json} output, normalised: times per operation in ms/op, throughput
 * in ops/s. The series id is {@code Class.method[param=value;...]} (the benchmark's last two name
 * parts), so it never collides with the .hlog series of the same run.
 *
 * @param percentiles percentiles of time-per-operation modes by statistic name ({@code p50}, {@code p99.9}, {@code max}), in ms
 * @param secondary   secondary metrics (e.g. {@code @AuxCounters} errors) by name, in their own units
 * @param iterations  the score of every measured iteration of every fork ({@code rawData}), in {@code unit}
 */
public record JmhScore(SeriesId series, String benchmark, String mode, double score, double scoreError, String unit,
                       Map<String, Double> percentiles, Map<String, Secondary> secondary, List<Double> iterations) {

    public JmhScore {
        iterations = List.copyOf(iterations);
    }

    /**
     * The score with the standard error of the mean of its iterations ({@code k - 1} degrees of
     * freedom); a single iteration has no spread and cannot be compared.
     */
    public Estimate estimate() {
        int k = iterations.size();
        if (k < 2) {
            return Estimate.unsupported(score, "a single JMH iteration has no spread; run more iterations (-i) or give several baselines");
        }
        double mean = iterations.stream().mapToDouble(Double::doubleValue).average().orElse(score);
        double ss = iterations.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        return Estimate.of(score, Math.sqrt(ss / (k - 1)) / Math.sqrt(k), k - 1, k + " JMH iterations");
    }

    public record Secondary(double score, double scoreError, String unit) {
    }

    public Direction direction() {
        return "thrpt".equals(mode) ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    }

    /** Reads a {@code jmh-result.json}; anything not in JMH's format is bad input naming the entry. */
    public static List<JmhScore> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("cannot read JMH result " + file + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray()) {
            throw new BadInputException("JMH result " + file + " is not a JSON array (expected JMH -rf json output)");
        }
        List<JmhScore> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            out.add(parse(root.get(i), file + " entry " + (i + 1)));
        }
        return out;
    }

    private static JmhScore parse(JsonNode entry, String where) {
        String benchmark = entry.path("benchmark").asText(null);
        String mode = entry.path("mode").asText(null);
        JsonNode primary = entry.path("primaryMetric");
        if (benchmark == null || mode == null || !primary.has("score") || !primary.has("scoreUnit")) {
            throw new BadInputException(where + " lacks benchmark, mode, primaryMetric.score or scoreUnit");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        entry.path("params").fields().forEachRemaining(f ->
                params.put(f.getKey().replaceAll("[^A-Za-z0-9_.:@/+-]", "_"),
                        f.getValue().asText().replaceAll("[^A-Za-z0-9_.:@/+-]", "_")));
        String[] parts = benchmark.split("\\.");
        String name = parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        SeriesId id = SeriesId.of(name);
        for (Map.Entry<String, Object> p : params.entrySet()) {
            id = id.with(p.getKey(), p.getValue());
        }
        String rawUnit = primary.get("scoreUnit").asText();
        JmhUnit unit = JmhUnit.of(rawUnit, where);
        Map<String, Double> percentiles = new LinkedHashMap<>();
        JsonNode percentileNode = "ms/op".equals(unit.standardUnit()) ? primary.path("scorePercentiles") : MissingNode.getInstance();
        percentileNode.fields().forEachRemaining(f -> {
            double p = Double.parseDouble(f.getKey());
            if (p > 0) {
                String stat = p == 100 ? "max" : "p" + trim(p);
                percentiles.put(stat, unit.toStandard(number(f.getValue())));
            }
        });
        Map<String, Secondary> secondary = new LinkedHashMap<>();
        entry.path("secondaryMetrics").fields().forEachRemaining(f -> secondary.put(f.getKey(),
                new Secondary(number(f.getValue().path("score")), number(f.getValue().path("scoreError")),
                        f.getValue().path("scoreUnit").asText(""))));
        List<Double> iterations = new ArrayList<>();
        primary.path("rawData").forEach(fork -> fork.forEach(v -> {
            double x = number(v);
            if (!Double.isNaN(x)) {
                iterations.add(unit.toStandard(x));
            }
        }));
        return new JmhScore(id, benchmark, mode, unit.toStandard(number(primary.get("score"))),
                unit.toStandard(number(primary.path("scoreError"))), unit.standardUnit(), percentiles, secondary, iterations);
    }

    /** JMH writes NaN as the string "NaN" (e.g. scoreError of a single iteration). */
    private static double number(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return Double.NaN;
        }
        return n.isNumber() ? n.asDouble() : n.asDouble(Double.NaN);
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }
}
