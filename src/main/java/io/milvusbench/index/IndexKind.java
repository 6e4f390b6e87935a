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
    FLAT(IndexParam.IndexType.FLAT, null, 0, 0, Map.of()),
    IVF_FLAT(IndexParam.IndexType.IVF_FLAT, "nprobe", 1, 65536, Map.of("nlist", 128)),
    IVF_SQ8(IndexParam.IndexType.IVF_SQ8, "nprobe", 1, 65536, Map.of("nlist", 128)),
    IVF_PQ(IndexParam.IndexType.IVF_PQ, "nprobe", 1, 65536, orderedMap("nlist", 128, "m", 16, "nbits", 8)),
    HNSW(IndexParam.IndexType.HNSW, "ef", 1, 32768, orderedMap("M", 16, "efConstruction", 200)),
    DISKANN(IndexParam.IndexType.DISKANN, "search_list", 1, 65535, Map.of());

    private final IndexParam.IndexType sdkType;
    private final String knob;
    private final int knobMin;
    private final int knobMax;
    private final Map<String, Object> defaultBuildParams;

    IndexKind(IndexParam.IndexType sdkType, String knob, int knobMin, int knobMax, Map<String, Object> defaults) {
        this.sdkType = sdkType;
        this.knob = knob;
        this.knobMin = knobMin;
        this.knobMax = knobMax;
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

    public Map<String, Object> defaultBuildParams() {
        return defaultBuildParams;
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
            Object nlist = defaultBuildParams.get("nlist");
            if (nlist instanceof Integer n && value > n) {
                throw new BadInputException(name() + " nprobe (" + value + ") must not exceed nlist (" + n + ")");
            }
        }
    }
}
