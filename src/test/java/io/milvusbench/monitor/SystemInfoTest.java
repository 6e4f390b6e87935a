package io.milvusbench.monitor;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GetMetrics(system_info) answers saved from the real server. */
class SystemInfoTest {

    @Test
    void nodesOfTheLoadedServer() {
        List<NodeInfo> nodes = SystemInfo.parse(Samples.text("getmetrics-system-info-v2.3.5-loaded.json"));
        assertEquals(7, nodes.size());
        Set<String> types = nodes.stream().map(NodeInfo::type).collect(Collectors.toSet());
        assertEquals(Set.of("querynode", "querycoord", "datanode", "indexnode", "datacoord", "rootcoord", "proxy"), types);
        NodeInfo qn = nodes.stream().filter(n -> n.type().equals("querynode")).findFirst().orElseThrow();
        assertEquals("querynode1", qn.name());
        assertEquals(87_945_216L, qn.memoryUsedBytes());
        assertEquals(2, qn.cpuCores());
        assertEquals(100.0, qn.cpuUsage());
        assertEquals("v2.3.5-lite", qn.buildVersion());
        assertEquals(100.0 * 87_945_216L / qn.memoryBytes(), qn.memoryPercent(), 1e-9);
    }

    @Test
    void binlogSizesFromTheDataCoordinator() {
        Map<Long, Long> sizes = SystemInfo.binlogSizes(Samples.text("getmetrics-system-info-v2.3.5-loaded.json"));
        assertEquals(648_760L, sizes.get(-1L));
        assertEquals(324_380L, sizes.get(470694477628440595L));
        assertEquals(3, sizes.size());
        // The idle server has no collections: only the total.
        Map<Long, Long> idle = SystemInfo.binlogSizes(Samples.text("getmetrics-system-info-v2.3.5.json"));
        assertTrue(idle.keySet().stream().allMatch(k -> k == -1L), idle.toString());
    }

    @Test
    void garbageIsBadInput() {
        assertThrows(BadInputException.class, () -> SystemInfo.binlogSizes("{not json"));
        assertThrows(BadInputException.class, () -> SystemInfo.parse("{\"x\":1}"));
    }
}
