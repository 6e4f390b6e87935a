package io.milvusbench.load;

import io.milvusbench.index.Metric;

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
 * @param rows         rows in the collection when the run started
 */
public record SearchTarget(String collection, String vectorField, String idField, int dim, Metric metric, String indexType,
                           Map<String, Object> searchParams, long rows) {
    public SearchTarget {
        searchParams = Map.copyOf(searchParams);
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
        return String.format(Locale.ROOT, "%s.%s (%d d, %s, %s%s, %,d rows)", collection, vectorField, dim, metric, indexType,
                params.isEmpty() ? "" : " " + params, rows);
    }
}
