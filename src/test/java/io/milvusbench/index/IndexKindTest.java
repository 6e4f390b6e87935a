package io.milvusbench.index;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndexKindTest {
    @Test
    void eachKindCarriesItsOwnKnob() {
        assertFalse(IndexKind.FLAT.hasKnob());
        assertEquals("nprobe", IndexKind.IVF_PQ.knob());
        assertEquals("ef", IndexKind.HNSW.knob());
        assertEquals("search_list", IndexKind.DISKANN.knob());
        assertEquals(Map.of("ef", 64), IndexKind.HNSW.searchParams(64, 10));
        assertEquals(Map.of(), IndexKind.FLAT.searchParams(0, 10));
    }

    @Test
    void parseIsForgivingAboutCaseButNotNames() {
        assertEquals(IndexKind.IVF_FLAT, IndexKind.parse("ivf-flat"));
        BadInputException e = assertThrows(BadInputException.class, () -> IndexKind.parse("ANNOY"));
        assertTrue(e.getMessage().contains("HNSW"), e.getMessage());
    }

    @Test
    void knobOutOfRangeIsRejected() {
        assertThrows(BadInputException.class, () -> IndexKind.HNSW.validateKnob(5, 10));
        assertThrows(BadInputException.class, () -> IndexKind.IVF_FLAT.validateKnob(0, 10));
        assertThrows(BadInputException.class, () -> IndexKind.IVF_FLAT.validateKnob(129, 10));
        assertThrows(BadInputException.class, () -> IndexKind.FLAT.validateKnob(1, 10));
        IndexKind.IVF_FLAT.validateKnob(128, 10);
        IndexKind.HNSW.validateKnob(10, 10);
    }

    @Test
    void buildParamsOverlayDefaults() {
        var p = IndexKind.HNSW.indexParam("vector", Metric.IP, Map.of("M", 8));
        assertEquals(8, p.getExtraParams().get("M"));
        assertEquals(200, p.getExtraParams().get("efConstruction"));
        assertEquals(Metric.IP.sdkType(), p.getMetricType());
    }
}
