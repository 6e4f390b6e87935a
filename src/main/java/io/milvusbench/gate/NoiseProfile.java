package io.milvusbench.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.milvusbench.BadInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How far a figure moves between two unchanged runs of one machine: per statistic, the largest
 * shift (in percent, as the one-baseline test measures it) seen between back-to-back unchanged runs.
 * <p>
 * Statistics inside one run cannot see the machine's drift from one minute to the next (steps of
 * 5–15 % that stay), so against one baseline a significant change no larger than this band is
 * "inconclusive against one baseline", not a regression. The band comes from a profile that
 * {@code gate-eval --write-noise-profile} measured on a recording of the machine, or else from
 * {@link #FLOOR}, measured the same way on the committed recordings (docs/gate.md).
 *
 * @param bandPct per statistic ({@code p50 p90 p95 p99 p99.9 mean throughput}): the run-to-run band in percent
 * @param source  where the band came from, for reports
 * @param pairs   how many unchanged pairs it was measured on (0 when unknown)
 */
public record NoiseProfile(Map<String, Double> bandPct, String source, int pairs) {
    /** The file name a profile is looked for under, beside a baseline. */
    public static final String FILE_NAME = "noise-profile.json";
    static final String FORMAT = "milvus-bench noise profile 1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The conservative floor used when no profile is given: per statistic, the largest shift between two
     * back-to-back unchanged runs of 35 s or 60 s (a new pair every 5 s) on either committed recording
     * ({@code src/test/resources/gate-eval/}: closed loop at concurrency 1, open loop at 300/s), rounded up
     * to a whole percent; p99.9 (which only the closed-loop recording supports) takes p99's band when
     * that is larger. Measured by {@code gate-eval --write-noise-profile}; {@code NoiseProfileTest}
     * re-measures it. Wide, because the open loop on a shared machine drifts that far.
     */
    public static final NoiseProfile FLOOR = new NoiseProfile(Map.of(
            "p50", 19.0, "p90", 90.0, "p95", 61.0, "p99", 80.0, "p99.9", 80.0, "mean", 59.0, "throughput", 23.0),
            "the conservative floor of docs/gate.md (no noise profile given)", 0);

    /** No band at all: every significant change past the tolerance is a regression (the gate before profiles). */
    public static final NoiseProfile NONE = new NoiseProfile(Map.of(), "none", 0);

    public NoiseProfile {
        bandPct = Map.copyOf(bandPct);
    }

    /**
     * The band of a statistic in percent, or NaN when none applies: percentiles take the band of the
     * nearest profiled percentile at or above them (else the widest); throughput-like figures (higher
     * is better) the throughput band; a JMH score in time per operation the mean's.
     */
    public double band(String statistic, Direction direction) {
        if (bandPct.isEmpty()) {
            return Double.NaN;
        }
        if (bandPct.containsKey(statistic)) {
            return bandPct.get(statistic);
        }
        if (direction == Direction.HIGHER_IS_BETTER) {
            return bandPct.getOrDefault("throughput", Double.NaN);
        }
        if ("score".equals(statistic)) {
            return bandPct.getOrDefault("mean", Double.NaN);
        }
        if (Statistic.isHistogram(statistic) && statistic.startsWith("p")) {
            double q = Statistic.percentile(statistic);
            double best = Double.NaN;
            double bestQ = Double.POSITIVE_INFINITY;
            double widest = Double.NaN;
            for (Map.Entry<String, Double> e : bandPct.entrySet()) {
                if (!e.getKey().matches("p\\d.*")) {
                    continue;
                }
                double pq = Statistic.percentile(e.getKey());
                widest = Double.isNaN(widest) ? e.getValue() : Math.max(widest, e.getValue());
                if (pq >= q && pq < bestQ) {
                    bestQ = pq;
                    best = e.getValue();
                }
            }
            return Double.isNaN(best) ? widest : best;
        }
        return Double.NaN;
    }

    /** The profile beside a baseline: {@code noise-profile.json} in the baseline folder or in its parent; null when none. */
    public static Path besideBaseline(Path baseline) {
        Path abs = baseline.toAbsolutePath().normalize();
        for (Path dir : new Path[]{abs, abs.getParent()}) {
            if (dir != null && Files.isRegularFile(dir.resolve(FILE_NAME))) {
                return dir.resolve(FILE_NAME);
            }
        }
        return null;
    }

    /** Reads a profile written by {@link #write}; anything else is bad input. */
    public static NoiseProfile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("noise profile " + file + (Files.isDirectory(file) ? " is a folder" : " does not exist"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException("noise profile " + file + " is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException("cannot read noise profile " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new BadInputException("noise profile " + file + " is not a noise profile (\"format\": \"" + FORMAT
                    + "\" missing; write one with gate-eval --write-noise-profile)");
        }
        JsonNode bands = root.path("band_pct");
        if (!bands.isObject() || bands.isEmpty()) {
            throw new BadInputException("noise profile " + file + ": \"band_pct\" must be an object of statistic -> percent");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        var it = bands.fields();
        while (it.hasNext()) {
            var e = it.next();
            double v = e.getValue().isNumber() ? e.getValue().asDouble() : Double.NaN;
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new BadInputException("noise profile " + file + ": band of " + e.getKey() + " must be a number >= 0, got "
                        + e.getValue());
            }
            out.put(e.getKey(), v);
        }
        return new NoiseProfile(out, "noise profile " + file, root.path("pairs").asInt(0));
    }

    /** The profile as JSON, with what it was measured on. */
    public byte[] toJson(String recording, String shapes, int step) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        n.put("recording", recording);
        n.put("shapes", shapes);
        n.put("step_seconds", step);
        n.put("pairs", pairs);
        n.put("meaning", "largest shift in percent of the baseline between two back-to-back unchanged runs, per statistic");
        ObjectNode b = n.putObject("band_pct");
        bandPct.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.put(e.getKey(), Math.ceil(e.getValue() * 10) / 10));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line for reports. */
    public String describe() {
        if (bandPct.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        for (String s : new String[]{"p50", "p90", "p95", "p99", "p99.9", "mean", "throughput"}) {
            if (bandPct.containsKey(s)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(s).append(" ±")
                        .append(String.format(Locale.ROOT, "%.1f", bandPct.get(s))).append(" %");
            }
        }
        return sb + " (" + source + (pairs > 0 ? ", " + pairs + " unchanged pairs" : "") + ")";
    }
}
