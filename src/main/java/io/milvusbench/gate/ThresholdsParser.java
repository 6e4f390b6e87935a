package io.milvusbench.gate;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.milvusbench.BadInputException;
import io.milvusbench.Inputs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads a thresholds YAML file into rules; every mistake is a one-line {@link BadInputException}. */
final class ThresholdsParser {
    private static final Set<String> TOP_KEYS = Set.of("rules", "description");
    private static final Set<String> RULE_KEYS = Set.of("name", "description", "series", "params", "component",
            "statistic", "max", "min", "level", "optional");

    private final Path file;

    ThresholdsParser(Path file) {
        this.file = file;
    }

    List<Rule> parse() {
        Inputs.file("thresholds file", file);
        JsonNode root;
        try {
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
                    .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
            root = yaml.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
            String what = e.getOriginalMessage().lines()
                    .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)) && !l.strip().equals("^"))
                    .map(String::strip).collect(Collectors.joining("; "));
            throw new BadInputException("thresholds file " + file + ": YAML error" + where + ": " + what);
        } catch (IOException e) {
            throw new BadInputException("cannot read thresholds file " + file + ": " + e.getMessage());
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw new BadInputException("thresholds file " + file + " must be a mapping with a 'rules' list");
        }
        unknownKeys(root, TOP_KEYS, "thresholds file " + file);
        JsonNode rules = root.path("rules");
        if (!rules.isArray() || rules.isEmpty()) {
            throw new BadInputException("thresholds file " + file + " has no 'rules' list");
        }
        List<Rule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, String> nameByContent = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rule(rules.get(i), i + 1);
            if (!names.add(rule.name())) {
                throw error(rule.name(), "duplicate rule name");
            }
            String content = rule.selector() + "|" + rule.statistic() + "|" + rule.bound() + "|" + rule.level();
            String same = nameByContent.putIfAbsent(content, rule.name());
            if (same != null) {
                throw error(rule.name(), "duplicate rule: same series, statistic, bound and level as rule '" + same + "'");
            }
            out.add(rule);
        }
        return out;
    }

    private Rule rule(JsonNode node, int index) {
        String label = "#" + index;
        if (!node.isObject()) {
            throw error(label, "must be a mapping");
        }
        if (node.hasNonNull("name")) {
            label = text(node, "name", label);
        }
        unknownKeys(node, RULE_KEYS, "rule '" + label + "'");
        String statistic = text(node, "statistic", label);
        if (statistic == null || statistic.isBlank()) {
            throw error(label, "missing 'statistic'");
        }
        String series = node.has("series") ? text(node, "series", label) : "*";
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = node.path("params");
        if (!p.isMissingNode() && !p.isNull()) {
            if (!p.isObject()) {
                throw error(label, "'params' must be a mapping of parameter to value");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw error(label, "params." + e.getKey() + " must be a single value");
                }
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        List<String> components = new ArrayList<>();
        JsonNode c = node.path("component");
        if (c.isArray()) {
            c.forEach(x -> components.add(x.asText()));
        } else if (c.isTextual()) {
            components.add(c.asText());
        } else if (!c.isMissingNode() && !c.isNull()) {
            throw error(label, "'component' must be a name or a list of names");
        }
        boolean hasMax = node.has("max");
        boolean hasMin = node.has("min");
        if (hasMax == hasMin) {
            throw error(label, "needs exactly one bound, 'max' or 'min'");
        }
        String boundKey = hasMax ? "max" : "min";
        JsonNode limit = node.get(boundKey);
        if (!limit.isNumber()) {
            throw error(label, "bound '" + boundKey + "' must be a number, got " + (limit.isNull() ? "nothing" : "'" + limit.asText() + "'"));
        }
        if (!Double.isFinite(limit.asDouble())) {
            throw error(label, "bound '" + boundKey + "' must be a finite number (at most 1.7e308 in size), got " + limit.asText());
        }
        Rule.Level level = level(node, label);
        JsonNode optional = node.path("optional");
        if (!optional.isMissingNode() && !optional.isBoolean()) {
            throw error(label, "'optional' must be true or false");
        }
        String name = node.hasNonNull("name") ? label : series + "-" + statistic + "-" + boundKey + "-" + level.name().toLowerCase();
        return new Rule(name, new Selector(series, params, components), statistic,
                hasMax ? Rule.Bound.MAX : Rule.Bound.MIN, limit.asDouble(), level, optional.asBoolean(false),
                node.path("description").asText(""));
    }

    private Rule.Level level(JsonNode node, String label) {
        if (!node.has("level")) {
            return Rule.Level.CRITICAL;
        }
        String level = text(node, "level", label);
        return switch (level.toLowerCase()) {
            case "warning" -> Rule.Level.WARNING;
            case "critical" -> Rule.Level.CRITICAL;
            default -> throw error(label, "level must be 'warning' or 'critical', got '" + level + "'");
        };
    }

    private String text(JsonNode node, String key, String label) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw error(label, "'" + key + "' must be a single value");
        }
        return v.asText();
    }

    private void unknownKeys(JsonNode node, Set<String> allowed, String where) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                throw new BadInputException(file + ": " + where + " has unknown key '" + k + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        });
    }

    private BadInputException error(String rule, String problem) {
        return new BadInputException(file + ": rule '" + rule + "': " + problem);
    }
}
