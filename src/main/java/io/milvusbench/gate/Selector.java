package io.milvusbench.gate;

import io.milvusbench.results.SeriesId;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Which series a rule judges. {@code series} is a glob ({@code *}, {@code ?}) on the series name,
 * or on the whole id when it contains {@code [} (e.g. {@code search[index=HNSW;*}); every
 * {@code params} entry must be present with a value matching its glob; {@code components}
 * (globs, empty = any) restrict the component of metric lines (histogram series are {@code Client}).
 */
public record Selector(String series, Map<String, String> params, List<String> components) {

    public Selector {
        params = Map.copyOf(params);
        components = List.copyOf(components);
    }

    public boolean matches(SeriesId id, String component) {
        String target = series.contains("[") ? id.toString() : id.name();
        if (!glob(series, target)) {
            return false;
        }
        for (Map.Entry<String, String> p : params.entrySet()) {
            String value = id.params().get(p.getKey());
            if (value == null || !glob(p.getValue(), value)) {
                return false;
            }
        }
        return components.isEmpty() || components.stream().anyMatch(c -> glob(c, component));
    }

    /** Whether the series part alone matches (components ignored). */
    public boolean matchesSeries(SeriesId id) {
        return new Selector(series, params, List.of()).matches(id, "");
    }

    static boolean glob(String pattern, String text) {
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.matches(re.toString(), text);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(series);
        if (!params.isEmpty()) {
            sb.append(' ').append(new TreeMap<>(params));
        }
        if (!components.isEmpty()) {
            sb.append(" @").append(String.join("|", components));
        }
        return sb.toString();
    }
}
