package io.milvusbench.monitor;

import io.milvusbench.BadInputException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Parsed Prometheus text exposition (format 0.0.4), as Milvus serves at :9091/metrics. Comment and
 * TYPE/HELP lines are skipped; each sample keeps its labels. Metric names differ between Milvus
 * versions, so lookups return empty results rather than failing when a series is absent.
 */
public final class PrometheusText {
    /** One sample line: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.getOrDefault(key, "");
        }
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = Collections.unmodifiableList(samples);
    }

    public static PrometheusText parse(String text) {
        List<Sample> out = new ArrayList<>();
        int lineNo = 0;
        for (String raw : text.split("\n")) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            out.add(parseLine(line, lineNo));
        }
        return new PrometheusText(out);
    }

    private static Sample parseLine(String line, int lineNo) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        String rest;
        if (brace >= 0 && (space < 0 || brace < space)) {
            name = line.substring(0, brace);
            int end = parseLabels(line, brace + 1, labels, lineNo);
            rest = line.substring(end + 1).strip();
        } else if (space > 0) {
            name = line.substring(0, space);
            rest = line.substring(space + 1).strip();
        } else {
            throw new BadInputException("metrics line " + lineNo + " has no value: " + line);
        }
        String valueText = rest.split("\\s+")[0];
        double value;
        try {
            value = switch (valueText) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(valueText);
            };
        } catch (NumberFormatException e) {
            throw new BadInputException("metrics line " + lineNo + " has a bad value '" + valueText + "'");
        }
        return new Sample(name, Collections.unmodifiableMap(labels), value);
    }

    /** Reads {@code key="value",...} up to the closing brace; returns the brace's index. */
    private static int parseLabels(String line, int i, Map<String, String> labels, int lineNo) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i;
            }
            if (c == ',' || c == ' ') {
                i++;
                continue;
            }
            int eq = line.indexOf('=', i);
            if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
                throw new BadInputException("metrics line " + lineNo + " has a malformed label: " + line);
            }
            String key = line.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < line.length(); j++) {
                char v = line.charAt(j);
                if (v == '\\' && j + 1 < line.length()) {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else if (v == '"') {
                    break;
                } else {
                    value.append(v);
                }
            }
            if (j >= line.length()) {
                throw new BadInputException("metrics line " + lineNo + " has an unterminated label value: " + line);
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
        throw new BadInputException("metrics line " + lineNo + " has no closing brace: " + line);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Samples whose metric name is exactly {@code name}. */
    public List<Sample> series(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Samples whose name starts with {@code prefix}, e.g. {@code milvus_proxy_}. */
    public List<Sample> withPrefix(String prefix) {
        return samples.stream().filter(s -> s.name().startsWith(prefix)).toList();
    }

    /** Sum of the values of {@code name}'s samples that match {@code filter}; 0 when absent. */
    public double sum(String name, Predicate<Sample> filter) {
        return series(name).stream().filter(filter).mapToDouble(Sample::value).sum();
    }
}
