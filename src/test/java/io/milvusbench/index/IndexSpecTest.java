package io.milvusbench.index;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexSpecTest {
    @Test
    void parsesKindBuildParamsAndKnob() {
        IndexSpec s = IndexSpec.parse("hnsw:m=32:ef=128");
        assertEquals(IndexKind.HNSW, s.kind());
        assertEquals(Map.of("M", 32), s.buildOverrides());
        assertEquals(128, s.knob());
        assertEquals("HNSW:M=32:ef=128", s.toString());
        assertEquals(Map.of("M", 32, "efConstruction", 200), s.buildParams());
        assertEquals("hnsw_m32_efconstruction200", s.collectionKey());
        assertEquals("search[index=HNSW;M=32;ef=128]", s.series("search").toString());
        assertEquals(Map.of("ef", 128), s.searchParams(10));
    }

    @Test
    void aMissingKnobGetsTheKindsDefaultAndDefaultsAreNotRepeated() {
        assertEquals("IVF_FLAT:nprobe=16", IndexSpec.parse("IVF_FLAT").toString());
        assertEquals("IVF_FLAT:nprobe=8", IndexSpec.parse("IVF_FLAT:nlist=128:nprobe=8").toString());
        assertEquals("FLAT", IndexSpec.parse("flat").toString());
        assertEquals(0, IndexSpec.parse("FLAT").knob());
    }

    @Test
    void buildSpecsNameEveryBuildParameter() {
        IndexSpec b = IndexSpec.parseBuild("IVF_PQ:m=8");
        assertEquals("index_build[index=IVF_PQ;nlist=128;m=8;nbits=8]", b.series("index_build").toString());
        assertEquals("ivf_pq_nlist128_m8_nbits8", b.collectionKey());
        BadInputException e = assertThrows(BadInputException.class, () -> IndexSpec.parseBuild("HNSW:ef=64"));
        assertTrue(e.getMessage().contains("search parameter"), e.getMessage());
    }

    @Test
    void meaninglessPairsAreRejected() {
        assertMessage("FLAT:ef=64", "FLAT has no parameter 'ef' (it takes none)");
        assertMessage("IVF_FLAT:ef=16", "IVF_FLAT has no parameter 'ef' (search: nprobe; build: nlist)");
        assertMessage("HNSW:nprobe=8", "HNSW has no parameter 'nprobe'");
        assertMessage("ANNOY:trees=8", "unknown index type 'ANNOY'");
        assertMessage("IVF_FLAT:nprobe=0", "IVF_FLAT nprobe must be in 1..65536, got 0");
        assertMessage("IVF_FLAT:nprobe=200", "IVF_FLAT nprobe (200) must not exceed nlist (128)");
        assertMessage("HNSW:M=1", "HNSW M must be in 2..2048, got 1");
        assertMessage("HNSW:ef=abc", "ef must be a whole number");
        assertMessage("HNSW:ef", "'ef' is not key=value");
        IndexSpec.parse("IVF_FLAT:nlist=1024:nprobe=200");
    }

    @Test
    void validationAgainstTheData() {
        BadInputException e = assertThrows(BadInputException.class, () -> IndexSpec.parse("IVF_PQ:m=16").validate(100, 10));
        assertTrue(e.getMessage().contains("IVF_PQ m (16) must divide the dimension (100); give e.g. IVF_PQ:m=10"), e.getMessage());
        e = assertThrows(BadInputException.class, () -> IndexSpec.parse("HNSW:ef=16").validate(128, 100));
        assertTrue(e.getMessage().contains("must be at least topK (100)"), e.getMessage());
        IndexSpec.parse("IVF_PQ:m=16").validate(128, 10);
    }

    private static void assertMessage(String spec, String expected) {
        BadInputException e = assertThrows(BadInputException.class, () -> IndexSpec.parse(spec));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
