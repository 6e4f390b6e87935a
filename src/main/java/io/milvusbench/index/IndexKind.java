package io.milvusbench.index;

import io.milvus.v2.common.IndexParam;
import io.milvusbench.BadInputException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The vector index types the suite builds, each with its build parameters and its one search knob
 * (nprobe for IVF_*, ef for HNSW, search_list for DISKANN; FLAT has none), so sweeps never run a
 * knob that means nothing to the index. Knob bounds are Milvus 2.3's.
 *
 * <pre>{@code
 * IndexParam p = IndexKind.HNSW.indexParam("vector", Metric.L2, Map.of());
 * Map<String, Object> search = IndexKind.HNSW.searchParams(64, 10);   // {ef=64}
 * }</pre>
 */
public enum IndexKind {
    FLAT(IndexParam.IndexType.FLAT, null, 0, 0, 0, Map.of()),
    IVF_FLAT(IndexParam.IndexType.IVF_FLAT, "nprobe", 1, 65536, 16, Map.of("nlist", 128)),
    IVF_SQ8(IndexParam.IndexType.IVF_SQ8, "nprobe", 1, 65536, 16, Map.of("nlist", 128)),
    IVF_PQ(IndexParam.IndexType.IVF_PQ, "nprobe", 1, 65536, 16, orderedMap("nlist", 128, "m", 16, "nbits", 8)),
    HNSW(IndexParam.IndexType.HNSW, "ef", 1, 32768, 64, orderedMap("M", 16, "efConstruction", 200)),
    DISKANN(IndexParam.IndexType.DISKANN, "search_list", 1, 65535, 100, Map.of());

    /** Milvus 2.3's bounds of each build parameter: {min, max}. */
    private static final Map<String, int[]> BUILD_PARAM_BOUNDS = Map.of(
            "nlist", new int[] {1, 65536},
            "m", new int[] {1, 65536},
            "nbits", new int[] {1, 16},
            "M", new int[] {2, 2048},
            "efConstruction", new int[] {1, Integer.MAX_VALUE});

    private final IndexParam.IndexType sdkType;
    private final String knob;
    private final int knobMin;
    private final int knobMax;
    private final int defaultKnob;
    private final Map<String, Object> defaultBuildParams;

    IndexKind(IndexParam.IndexType sdkType, String knob, int knobMin, int knobMax, int defaultKnob, Map<String, Object> defaults) {
        this.sdkType = sdkType;
        this.knob = knob;
        this.knobMin = knobMin;
        this.knobMax = knobMax;
        this.defaultKnob = defaultKnob;
        this.defaultBuildParams = defaults;
    }

    private static Map<String, Object> orderedMap(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Parses a name case-insensitively; unknown names are a {@link BadInputException} listing the valid ones. */
    public static IndexKind parse(String text) {
        String key = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (IndexKind kind : values()) {
            if (kind.name().equals(key)) {
                return kind;
            }
        }
        throw new BadInputException("unknown index type '" + text + "' (expected one of: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }

    public IndexParam.IndexType sdkType() {
        return sdkType;
    }

    /** The search parameter this index is tuned with, or null for FLAT. */
    public String knob() {
        return knob;
    }

    public boolean hasKnob() {
        return knob != null;
    }

    /** The knob value used when a spec names none (0 for FLAT). */
    public int defaultKnob() {
        return defaultKnob;
    }

    public Map<String, Object> defaultBuildParams() {
        return defaultBuildParams;
    }

    /** The build parameter of this kind called {@code name} (case-insensitive), in Milvus's spelling, or null. */
    public String buildParamName(String name) {
        for (String key : defaultBuildParams.keySet()) {
            if (key.equals(name)) {
                return key;
            }
        }
        for (String key : defaultBuildParams.keySet()) {
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    /**
     * Rejects build parameters this kind does not have, values out of Milvus 2.3's range and, for
     * IVF_PQ, an {@code m} that does not divide the dimension.
     */
    public void validateBuildParams(Map<String, Object> params, int dim) {
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (!defaultBuildParams.containsKey(e.getKey())) {
                throw new BadInputException(name() + " has no build parameter '" + e.getKey() + "'"
                        + (defaultBuildParams.isEmpty() ? "" : " (it has: " + String.join(", ", defaultBuildParams.keySet()) + ")"));
            }
            int[] bounds = BUILD_PARAM_BOUNDS.get(e.getKey());
            int value = ((Number) e.getValue()).intValue();
            if (bounds != null && (value < bounds[0] || value > bounds[1])) {
                throw new BadInputException(name() + " " + e.getKey() + " must be in " + bounds[0] + ".." + bounds[1] + ", got " + value);
            }
        }
        if (this == IVF_PQ) {
            int m = ((Number) params.getOrDefault("m", defaultBuildParams.get("m"))).intValue();
            if (dim > 0 && dim % m != 0) {
                throw new BadInputException("IVF_PQ m (" + m + ") must divide the dimension (" + dim + "); give e.g. IVF_PQ:m="
                        + largestDivisorAtMost(dim, m));
            }
        }
    }

    private static int largestDivisorAtMost(int dim, int limit) {
        for (int m = Math.min(limit, dim); m > 1; m--) {
            if (dim % m == 0) {
                return m;
            }
        }
        return 1;
    }

    /** The SDK's index definition: defaults overlaid with {@code overrides}. */
    public IndexParam indexParam(String field, Metric metric, Map<String, Object> overrides) {
        Map<String, Object> params = new LinkedHashMap<>(defaultBuildParams);
        params.putAll(overrides);
        return IndexParam.builder()
                .fieldName(field)
                .indexName(field + "_idx")
                .indexType(sdkType)
                .metricType(metric.sdkType())
                .extraParams(params)
                .build();
    }

    /**
     * Search parameters for knob value {@code value} at {@code topK}. Rejects a value out of range,
     * and (HNSW ef, DISKANN search_list) one below topK, which Milvus 2.3 refuses.
     */
    public Map<String, Object> searchParams(int value, int topK) {
        if (knob == null) {
            return Map.of();
        }
        validateKnob(value, topK);
        return Map.of(knob, value);
    }

    public void validateKnob(int value, int topK) {
        validateKnob(value, topK, defaultBuildParams);
    }

    /** As {@link #validateKnob(int, int)}, with nprobe checked against the nlist of {@code buildParams}. */
    public void validateKnob(int value, int topK, Map<String, Object> buildParams) {
        if (knob == null) {
            throw new BadInputException(name() + " has no search knob; give no knob values for it");
        }
        if (value < knobMin || value > knobMax) {
            throw new BadInputException(name() + " " + knob + " must be in " + knobMin + ".." + knobMax + ", got " + value);
        }
        if ((this == HNSW || this == DISKANN) && value < topK) {
            throw new BadInputException(name() + " " + knob + " (" + value + ") must be at least topK (" + topK + ")");
        }
        if (knob.equals("nprobe")) {
            Object nlist = buildParams.getOrDefault("nlist", defaultBuildParams.get("nlist"));
            if (nlist instanceof Integer n && value > n) {
                throw new BadInputException(name() + " nprobe (" + value + ") must not exceed nlist (" + n + ")");
            }
        }
    }
}
