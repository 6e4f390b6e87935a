package io.milvusbench.milvus;

import io.milvus.client.MilvusServiceClient;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvus.v2.service.utility.request.GetPersistentSegmentInfoReq;
import io.milvus.v2.service.utility.request.GetQuerySegmentInfoReq;
import io.milvus.v2.service.utility.response.GetPersistentSegmentInfoResp;
import io.milvus.v2.service.utility.response.GetQuerySegmentInfoResp;
import io.milvusbench.collection.SuiteCollections;
import io.milvusbench.collection.VectorCollection;
import io.milvusbench.dataset.GroundTruth;
import io.milvusbench.dataset.Recall;
import io.milvusbench.dataset.SyntheticDataset;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.Metric;
import io.milvusbench.monitor.NodeInfo;
import io.milvusbench.monitor.PrometheusText;
import io.milvusbench.monitor.SystemInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The round trip every target must pass against a real Milvus: 10,000 seeded 128-d vectors in a
 * collection under the suite's prefix, flush, FLAT search equal to brute force (recall 1.0),
 * IVF_FLAT and HNSW built and searched, segment info, GetMetrics, the metrics endpoint, drop.
 * Subclasses say how the target is obtained.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MilvusRoundTripContract {
    static final int ROWS = 10_000;
    static final int DIM = 128;
    static final int TOP_K = 10;
    static final Duration TIMEOUT = Duration.ofMinutes(3);

    MilvusTarget target;
    MilvusClientV2 client;
    VectorCollection collection;
    SyntheticDataset dataset;
    float[][] queries;
    long[][] truth;

    abstract MilvusTarget startTarget();

    @BeforeAll
    void setUp() {
        target = startTarget();
        client = MilvusClients.v2(target.connection());
        dataset = SyntheticDataset.standard(ROWS, 42);
        queries = dataset.queries(20);
        truth = GroundTruth.topK(queries, ROWS, dataset::row, Metric.L2, TOP_K);
    }

    @AfterAll
    void tearDown() {
        try {
            if (collection != null && VectorCollection.exists(client, collection.name())) {
                SuiteCollections.drop(client, collection.name());
                assertFalse(VectorCollection.exists(client, collection.name()));
            }
        } finally {
            if (client != null) {
                client.close();
            }
            if (target != null) {
                target.close();
            }
        }
    }

    @Test
    @Order(1)
    void reportsVersionAndEndpoints() {
        assertTrue(target.serverVersion().startsWith("v2."), target.serverVersion());
        assertTrue(target.metricsUri().isPresent());
        assertTrue(MetricsEndpoint.healthy(target.metricsUri().get()));
        String host = target.connection().host();
        assertTrue(Set.of("localhost", "127.0.0.1", "[::1]").contains(host), "tests talk to loopback only, got " + host);
    }

    @Test
    @Order(2)
    void insertFlushAndCount() {
        collection = VectorCollection.create(client, SuiteCollections.newName("roundtrip"), DIM);
        int batch = 2_000;
        for (long first = 0; first < ROWS; first += batch) {
            float[][] vectors = new float[batch][];
            for (int i = 0; i < batch; i++) {
                vectors[i] = dataset.row(first + i);
            }
            assertEquals(batch, collection.insert(first, vectors));
        }
        collection.flush(TIMEOUT);
        assertEquals(ROWS, collection.rowCount());
        GetPersistentSegmentInfoResp persistent = client.getPersistentSegmentInfo(
                GetPersistentSegmentInfoReq.builder().collectionName(collection.name()).build());
        long persisted = persistent.getSegmentInfos().stream().mapToLong(GetPersistentSegmentInfoResp.PersistentSegmentInfo::getNumOfRows).sum();
        assertEquals(ROWS, persisted);
        assertTrue(persistent.getSegmentInfos().stream().allMatch(s -> s.getState().equals("Flushed")),
                persistent.getSegmentInfos().toString());
    }

    @Test
    @Order(3)
    void flatSearchEqualsBruteForce() {
        DescribeIndexResp.IndexDesc index = buildAndLoad(IndexKind.FLAT);
        assertEquals(ROWS, index.getTotalRows());
        List<List<Long>> hits = collection.search(queries, TOP_K, IndexKind.FLAT, 0, null);
        for (int q = 0; q < queries.length; q++) {
            assertEquals(toList(truth[q]), hits.get(q), "query " + q);
        }
        assertEquals(1.0, Recall.meanAtK(truth, hits, TOP_K));

        GetQuerySegmentInfoResp loaded = client.getQuerySegmentInfo(
                GetQuerySegmentInfoReq.builder().collectionName(collection.name()).build());
        assertEquals(ROWS, loaded.getSegmentInfos().stream().mapToLong(GetQuerySegmentInfoResp.QuerySegmentInfo::getNumOfRows).sum());
        assertTrue(loaded.getSegmentInfos().stream().allMatch(s -> !s.getNodeIDs().isEmpty()));
    }

    @Test
    @Order(4)
    void ivfFlatSearch() {
        buildAndLoad(IndexKind.IVF_FLAT);
        double recall = Recall.meanAtK(truth, collection.search(queries, TOP_K, IndexKind.IVF_FLAT, 32, null), TOP_K);
        assertTrue(recall > 0.8, "IVF_FLAT nprobe 32 recall@10 " + recall);
    }

    @Test
    @Order(5)
    void hnswSearch() {
        buildAndLoad(IndexKind.HNSW);
        double recall = Recall.meanAtK(truth, collection.search(queries, TOP_K, IndexKind.HNSW, 64, null), TOP_K);
        assertTrue(recall > 0.9, "HNSW ef 64 recall@10 " + recall);
        List<List<Long>> filtered = collection.search(queries, TOP_K, IndexKind.HNSW, 64, VectorCollection.CATEGORY + " == 7");
        assertTrue(filtered.stream().flatMap(List::stream).allMatch(id -> id % VectorCollection.CATEGORIES == 7));
    }

    @Test
    @Order(6)
    void getMetricsSystemInfo() {
        MilvusServiceClient v1 = MilvusClients.v1(target.connection());
        try {
            List<NodeInfo> nodes = SystemInfo.fetch(v1);
            Set<String> types = nodes.stream().map(NodeInfo::type).collect(Collectors.toSet());
            assertTrue(types.containsAll(Set.of("proxy", "querynode", "datanode", "indexnode")), types.toString());
            for (NodeInfo node : nodes) {
                assertTrue(node.memoryBytes() > 0 && node.memoryUsedBytes() > 0, node.toString());
                assertTrue(node.cpuCores() > 0, node.toString());
                assertEquals("", node.error(), node.toString());
            }
        } finally {
            v1.close();
        }
    }

    @Test
    @Order(7)
    void metricsEndpointHasProxySeries() {
        PrometheusText metrics = PrometheusText.parse(MetricsEndpoint.scrape(target.metricsUri().orElseThrow(), Duration.ofSeconds(5)));
        assertFalse(metrics.withPrefix("milvus_proxy_").isEmpty());
        assertTrue(metrics.sum("milvus_proxy_search_vectors_count", s -> true) > 0
                        || metrics.sum("milvus_proxy_req_count", s -> s.label("function_name").equals("Search")) > 0,
                "the searches above are counted by the proxy");
    }

    private DescribeIndexResp.IndexDesc buildAndLoad(IndexKind kind) {
        if (collection.describeIndexOrNull() != null) {
            collection.release();
            collection.dropIndex();
        }
        collection.createIndex(kind, Metric.L2, Map.of());
        DescribeIndexResp.IndexDesc desc = collection.awaitIndex(TIMEOUT, Duration.ofMillis(200));
        assertEquals(IndexBuildState.Finished, desc.getIndexState());
        assertEquals(kind.sdkType(), desc.getIndexType());
        collection.load(TIMEOUT);
        return desc;
    }

    private static List<Long> toList(long[] ids) {
        return java.util.Arrays.stream(ids).boxed().toList();
    }
}
