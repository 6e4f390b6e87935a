package io.milvusbench.load;

/**
 * One request the load generator sends: a search, a filtered search or an insert. Called from
 * many threads at once; {@code sequence} (0, 1, 2, ...) picks the query vector or the rows, so
 * runs are repeatable. Throwing means the request failed; it is counted, never retried.
 */
@FunctionalInterface
public interface Operation {
    void call(long sequence) throws Exception;
}
