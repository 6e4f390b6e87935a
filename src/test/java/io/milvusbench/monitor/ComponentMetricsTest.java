package io.milvusbench.monitor;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComponentMetricsTest {

    @Test
    void querynodeSeriesSummedOverLabels() {
        Map<String, Double> qn = ComponentMetrics.summed(Samples.metrics("metrics-v2.3.5-loaded.txt"), "milvus_querynode_");
        assertEquals(49, qn.size());
        // Two loaded collections of 2,000 rows, one sealed segment each.
        assertEquals(4000, qn.get("milvus_querynode_entity_num"));
        assertEquals(2, qn.get("milvus_querynode_segment_num"));
        // success + total, FromLeader + OnLeader, search + query: 8 series of 10.
        assertEquals(80, qn.get("milvus_querynode_sq_req_count"));
        assertTrue(qn.keySet().stream().noneMatch(k -> k.endsWith("_bucket")));
    }

    @Test
    void absentComponentIsEmptyNotAnError() {
        assertTrue(ComponentMetrics.summed(Samples.metrics("metrics-v2.3.5-idle.txt"), "milvus_indexnode_").isEmpty());
        assertTrue(ComponentMetrics.summed(null, "milvus_proxy_").isEmpty());
        assertFalse(ComponentMetrics.summed(Samples.metrics("metrics-v2.3.5-loaded.txt"), "milvus_datanode_").isEmpty());
    }
}
