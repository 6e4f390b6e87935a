package io.milvusbench.bench.latency;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.HasCollectionReq;

/** The cheapest requests a client can make: answered by the proxy from its caches, no data read. */
public enum LightCall {
    /** {@code HasCollection} of a name under the suite's prefix that does not exist. */
    hasCollection {
        private final HasCollectionReq request = HasCollectionReq.builder().collectionName("mbench_ping_absent").build();

        @Override
        public Object invoke(MilvusClientV2 client) {
            return client.hasCollection(request);
        }
    },
    /** {@code GetVersion}. */
    getServerVersion {
        @Override
        public Object invoke(MilvusClientV2 client) {
            return client.getServerVersion();
        }
    };

    public abstract Object invoke(MilvusClientV2 client);
}
