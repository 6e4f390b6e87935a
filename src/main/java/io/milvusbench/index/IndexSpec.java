package io.milvusbench.index;

import io.milvus.v2.common.IndexParam;
import io.milvusbench.BadInputException;
import io.milvusbench.results.SeriesId;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One index configuration as benchmarks and the command line name it: a kind, build parameters
 * that differ from the kind's defaults, and the search knob, written {@code KIND[:key=value]...}:
 * <pre>
 *   FLAT                                  no build parameters, no knob
 *   HNSW:ef=64                            defaults M=16, efConstruction=200; ef 64
 *   IVF_PQ:m=8:nprobe=32                  m overridden; nlist=128, nbits=8 by default
 *   HNSW:M=32:efConstruction=100          a build-only spec (index build benchmark)
 * </pre>
 * No commas or spaces, so a list of specs is one JMH {@code -p index=A,B} value. A key the kind
 * does not have ({@code FLAT:ef=64}, {@code IVF_FLAT:ef=16}) is rejected, so a sweep can never
 * run a meaningless pair. A search spec without its knob gets the kind's default.
 *
 * @param knob the search knob's value, 0 when the kind has none or the spec is for building only
 */
public record IndexSpec(IndexKind kind, Map<String, Object> buildOverrides, int knob) {

    public IndexSpec {
        buildOverrides = Collections.unmodifiableMap(new LinkedHashMap<>(buildOverrides));
    }

    /** A search spec: the knob is filled with the kind's default when not given. */
    public static IndexSpec parse(String text) {
        IndexSpec spec = parse(text, true);
        return spec.kind.hasKnob() && spec.knob == 0 ? new IndexSpec(spec.kind, spec.buildOverrides, spec.kind.defaultKnob()) : spec;
    }

    /** A build spec: a knob is refused, since it means nothing to building. */
    public static IndexSpec parseBuild(String text) {
        return parse(text, false);
    }

    private static IndexSpec parse(String text, boolean knobAllowed) {
        if (text == null || text.isBlank()) {
            throw new BadInputException("empty index spec (expected e.g. HNSW:ef=64, IVF_FLAT:nprobe=16 or FLAT)");
        }
        String[] parts = text.trim().split(":");
        IndexKind kind = IndexKind.parse(parts[0]);
        Map<String, Object> overrides = new LinkedHashMap<>();
        Integer knob = null;
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("bad index spec '" + text + "': '" + parts[i] + "' is not key=value");
            }
            String key = parts[i].substring(0, eq).trim();
            int value = parseInt(text, key, parts[i].substring(eq + 1).trim());
            if (kind.hasKnob() && kind.knob().equalsIgnoreCase(key)) {
                if (!knobAllowed) {
                    throw new BadInputException("bad index spec '" + text + "': " + kind.knob()
                            + " is a search parameter; an index build takes build parameters only");
                }
                knob = value;
                continue;
            }
            String name = kind.buildParamName(key);
            if (name == null) {
                throw new BadInputException("bad index spec '" + text + "': " + kind + " has no parameter '" + key + "'"
                        + describeParams(kind));
            }
            if (!kind.defaultBuildParams().get(name).equals(value)) {
                overrides.put(name, value);
            }
        }
        IndexSpec spec = new IndexSpec(kind, overrides, knob == null ? 0 : knob);
        kind.validateBuildParams(spec.buildParams(), 0);
        if (knob != null) {
            kind.validateKnob(knob, 1, spec.buildParams());
        }
        return spec;
    }

    private static String describeParams(IndexKind kind) {
        StringBuilder sb = new StringBuilder(" (");
        if (kind.hasKnob()) {
            sb.append("search: ").append(kind.knob());
        }
        if (!kind.defaultBuildParams().isEmpty()) {
            sb.append(kind.hasKnob() ? "; " : "").append("build: ").append(String.join(", ", kind.defaultBuildParams().keySet()));
        }
        if (!kind.hasKnob() && kind.defaultBuildParams().isEmpty()) {
            sb.append("it takes none");
        }
        return sb.append(")").toString();
    }

    private static int parseInt(String text, String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadInputException("bad index spec '" + text + "': " + key + " must be a whole number, got '" + value + "'");
        }
    }

    /** The kind's default build parameters overlaid with this spec's. */
    public Map<String, Object> buildParams() {
        Map<String, Object> params = new LinkedHashMap<>(kind.defaultBuildParams());
        params.putAll(buildOverrides);
        return params;
    }

    /** Checks the spec against the data it will index and the topK it will search with. */
    public IndexSpec validate(int dim, int topK) {
        kind.validateBuildParams(buildParams(), dim);
        if (kind.hasKnob() && knob != 0) {
            kind.validateKnob(knob, topK, buildParams());
        }
        return this;
    }

    /** The SDK's index definition for {@code field}. */
    public IndexParam indexParam(String field, Metric metric) {
        return kind.indexParam(field, metric, buildOverrides);
    }

    /** Search parameters ({@code {ef=64}}), empty for FLAT. */
    public Map<String, Object> searchParams(int topK) {
        return kind.hasKnob() ? kind.searchParams(knob, topK) : Map.of();
    }

    /** The same index without a knob: what a collection is built with. */
    public IndexSpec forBuild() {
        return new IndexSpec(kind, buildOverrides, 0);
    }

    /** Every build parameter, lower case, for collection names: {@code hnsw_m16_efconstruction200}. */
    public String collectionKey() {
        StringBuilder sb = new StringBuilder(kind.name().toLowerCase(Locale.ROOT));
        buildParams().forEach((k, v) -> sb.append('_').append(k.toLowerCase(Locale.ROOT)).append(v));
        return sb.toString();
    }

    /**
     * The series id of a measurement of this index: {@code name[index=HNSW;ef=64]} for a search
     * spec, {@code name[index=HNSW;M=16;efConstruction=200]} (every build parameter) for a build spec.
     */
    public SeriesId series(String name) {
        SeriesId id = SeriesId.of(name, "index", kind.name());
        Map<String, Object> shown = knob == 0 ? buildParams() : buildOverrides;
        for (Map.Entry<String, Object> e : shown.entrySet()) {
            id = id.with(e.getKey(), e.getValue());
        }
        return knob == 0 ? id : id.with(kind.knob(), knob);
    }

    /** The canonical text form, which {@link #parse} reads back. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name());
        buildOverrides.forEach((k, v) -> sb.append(':').append(k).append('=').append(v));
        if (knob != 0) {
            sb.append(':').append(kind.knob()).append('=').append(knob);
        }
        return sb.toString();
    }
}
