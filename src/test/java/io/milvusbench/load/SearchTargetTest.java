package io.milvusbench.load;

import io.milvusbench.index.Metric;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchTargetTest {
    @Test
    void paramsAsLabelAndJson() {
        SearchTarget t = new SearchTarget("docs", "embedding", "doc_id", 384, Metric.COSINE, "HNSW", Map.of("ef", 64), 120_000);
        assertEquals("ef=64", t.paramsLabel());
        assertEquals("{\"ef\":64}", t.paramsJson());
        assertEquals("docs.embedding (384 d, COSINE, HNSW ef=64, 120,000 rows)", t.describe());
        SearchTarget none = new SearchTarget("docs", "v", "id", 8, Metric.L2, "AUTOINDEX", Map.of(), 10);
        assertEquals("{}", none.paramsJson());
        assertEquals("docs.v (8 d, L2, AUTOINDEX, 10 rows)", none.describe());
    }
}
