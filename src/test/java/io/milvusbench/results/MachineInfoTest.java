package io.milvusbench.results;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class MachineInfoTest {
    private static final String CPUINFO = """
            processor\t: 0
            vendor_id\t: AuthenticAMD
            model name\t: AMD EPYC 9654 96-Core Processor
            cpu MHz\t\t: 2400.000
            flags\t\t: fpu vme sse4_2 avx fma avx2 avx512f avx512bw avx512vl avx512_bf16 sha_ni

            processor\t: 1
            model name\t: AMD EPYC 9654 96-Core Processor
            cpu MHz\t\t: 2400.000
            """;

    @Test
    void cpuModelClockFlagsAndPeakPerPipe() {
        Map<String, Object> m = MachineInfo.describe(CPUINFO, Map.of("MaxVectorSize", "32", "UseAVX", "3"));
        assertEquals("AMD EPYC 9654 96-Core Processor", m.get("cpu_model"));
        assertEquals(2400.0, m.get("cpu_mhz"));
        assertEquals(2, m.get("logical_cpus"));
        assertEquals(List.of("avx", "avx2", "avx512_bf16", "avx512bw", "avx512f", "avx512vl", "fma", "sse4_2"), m.get("cpu_vector_flags"));
        // 2.4 GHz x 2 FLOP (FMA) x 8 float lanes of a 32-byte vector
        assertEquals(38.4, (Double) m.get("fp32_fma_peak_gflops_per_pipe"), 1e-9);
    }

    @Test
    void thisMachineIsDescribed() {
        Map<String, Object> m = MachineInfo.read();
        assertNotNull(m.get("jvm"));
        assertNotNull(m.get("available_processors"));
    }
}
