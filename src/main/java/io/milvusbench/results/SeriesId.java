package io.milvusbench.results;

import io.milvusbench.BadInputException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names one measured series across every file of a run: the HdrHistogram log tag, the key in
 * {@code metrics.jsonl}, the row in reports. Written as {@code name} or
 * {@code name[key=value;key=value]}, e.g. {@code search[index=HNSW;ef=64;topK=10]}: no spaces or
 * commas, since HdrHistogram log tags may hold neither. Parameters keep their insertion order.
 */
public record SeriesId(String name, Map<String, String> params) {
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_.:@/+-]+");

    public SeriesId {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new BadInputException("bad series name '" + name + "' (letters, digits and _.:@/+- only)");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!TOKEN.matcher(k).matches() || !TOKEN.matcher(v).matches()) {
                throw new BadInputException("bad series parameter '" + k + "=" + v + "'");
            }
            copy.put(k, v);
        });
        params = Collections.unmodifiableMap(copy);
    }

    public static SeriesId of(String name) {
        return new SeriesId(name, Map.of());
    }

    /** {@code SeriesId.of("search", "index", "HNSW", "ef", 64)}: alternating keys and values. */
    public static SeriesId of(String name, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(String.valueOf(keyValues[i]), String.valueOf(keyValues[i + 1]));
        }
        return new SeriesId(name, p);
    }

    public SeriesId with(String key, Object value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(key, String.valueOf(value));
        return new SeriesId(name, p);
    }

    /** Parses the {@link #toString()} form. */
    public static SeriesId parse(String text) {
        if (text == null) {
            throw new BadInputException("missing series id");
        }
        int open = text.indexOf('[');
        if (open < 0) {
            return of(text);
        }
        if (!text.endsWith("]")) {
            throw new BadInputException("bad series id '" + text + "': missing ']'");
        }
        Map<String, String> p = new LinkedHashMap<>();
        String inner = text.substring(open + 1, text.length() - 1);
        if (!inner.isEmpty()) {
            for (String pair : inner.split(";")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new BadInputException("bad series id '" + text + "': '" + pair + "' is not key=value");
                }
                p.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return new SeriesId(text.substring(0, open), p);
    }

    @Override
    public String toString() {
        if (params.isEmpty()) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name).append('[');
        params.forEach((k, v) -> sb.append(k).append('=').append(v).append(';'));
        sb.setLength(sb.length() - 1);
        return sb.append(']').toString();
    }
}
