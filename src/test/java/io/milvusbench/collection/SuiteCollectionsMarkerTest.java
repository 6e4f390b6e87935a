package io.milvusbench.collection;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ownership marker at the end of a description, for servers that drop collection properties (Milvus Lite). */
class SuiteCollectionsMarkerTest {
    @Test
    void theMarkerRoundTripsAndLeavesTheSuitesDescriptionAsGiven() {
        Map<String, String> marker = SuiteCollections.markerProperties();
        String described = SuiteCollections.withMarker("synthetic-2000x32-L2 FLAT", marker);
        assertTrue(described.startsWith("synthetic-2000x32-L2 FLAT [milvus-bench marker: milvus-bench.owner=milvus-bench "), described);
        assertEquals(marker, SuiteCollections.markerIn(described));
        assertEquals("synthetic-2000x32-L2 FLAT", SuiteCollections.withoutMarker(described));
        assertEquals("", SuiteCollections.withoutMarker(SuiteCollections.withMarker("", marker)));
        assertEquals(SuiteCollections.withMarker("x", marker), SuiteCollections.withMarker(SuiteCollections.withMarker("x", marker), marker),
                "marking twice keeps one marker");
    }

    @Test
    void aDescriptionWithoutTheMarkerIsNotTheSuites() {
        assertTrue(SuiteCollections.markerIn("made by hand").isEmpty());
        assertTrue(SuiteCollections.markerIn(null).isEmpty());
        assertTrue(SuiteCollections.markerIn("[milvus-bench marker: milvus-bench.owner=milvus-bench").isEmpty(), "not closed");
        assertEquals("made by hand", SuiteCollections.withoutMarker("made by hand"));
    }
}
