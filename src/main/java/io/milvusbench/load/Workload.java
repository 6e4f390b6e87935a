package io.milvusbench.load;

import io.milvus.v2.client.MilvusClientV2;

/**
 * What a load run sends requests to, prepared once the client is connected: the search target,
 * the query vectors requests cycle through, the insert side of the streaming mix (null when the
 * collection must only be read) and whatever has to be released afterwards (a fresh collection to
 * drop; nothing for a collection the suite did not create).
 */
public record Workload(SearchTarget target, float[][] queries, InsertOperation inserts, AutoCloseable resources) {

    /** True when nothing of this workload may write (a collection the suite did not create). */
    public boolean readOnly() {
        return inserts == null;
    }

    /** Prepares the workload with the run's client. */
    @FunctionalInterface
    public interface Source {
        Workload prepare(MilvusClientV2 client);
    }
}
