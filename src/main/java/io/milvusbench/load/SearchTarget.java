package io.milvusbench.load;

import io.milvusbench.index.Metric;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a search request names: the collection, its vector and primary-key fields, the metric the
 * index was built with, and the search parameters sent with every request. The suite's own
 * collections fill it from their fixed schema; a collection the suite did not create fills it from
 * its schema and index description ({@link io.milvusbench.collection.ExistingCollection}).
 *
 * @param collection   collection name
 * @param vectorField  the FloatVector field searched ({@code anns_field})
 * @param idField      the primary-key field (hits are identified by it)
 * @param dim          vector dimension
 * @param metric       metric type of the index (sent with each request)
 * @param indexType    index type as the server names it (FLAT, IVF_FLAT, HNSW, AUTOINDEX, ...)
 * @param searchParams search parameters, e.g. {@code {ef=64}}; empty for FLAT or server defaults
 * @param rows         rows in the collection (or in its searched partitions) when the run started
 * @param partitions   partitions every search and query names; empty: the whole collection
 */
public record SearchTarget(String collection, String vectorField, String idField, int dim, Metric metric, String indexType,
                           Map<String, Object> searchParams, long rows, List<String> partitions) {
    public SearchTarget {
        searchParams = Map.copyOf(searchParams);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }

    /** A target searching the whole collection. */
    public SearchTarget(String collection, String vectorField, String idField, int dim, Metric metric, String indexType,
                        Map<String, Object> searchParams, long rows) {
        this(collection, vectorField, idField, dim, metric, indexType, searchParams, rows, List.of());
    }

    /** The search parameters as {@code ef=64} (several joined by {@code ,}), or "" when there are none. */
    public String paramsLabel() {
        return searchParams.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    /** The parameters as the JSON object the gRPC request carries, e.g. {@code {"ef":64}}. */
    public String paramsJson() {
        return searchParams.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "\"" + e.getKey() + "\":" + (e.getValue() instanceof Number ? e.getValue() : "\"" + e.getValue() + "\""))
                .collect(Collectors.joining(",", "{", "}"));
    }

    /** One line for logs: {@code docs.embedding (384 d, COSINE, HNSW ef=64, 120,000 rows)}. */
    public String describe() {
        String params = paramsLabel();
        return String.format(Locale.ROOT, "%s.%s (%d d, %s, %s%s, %,d rows%s)", collection, vectorField, dim, metric, indexType,
                params.isEmpty() ? "" : " " + params, rows, partitions.isEmpty() ? "" : " in partition " + String.join(", ", partitions));
    }
}
