package io.milvusbench.results;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SeriesIdTest {
    @Test
    void roundTripsThroughText() {
        SeriesId id = SeriesId.of("search", "index", "HNSW", "ef", 64, "topK", 10);
        assertEquals("search[index=HNSW;ef=64;topK=10]", id.toString());
        assertEquals(id, SeriesId.parse(id.toString()));
        assertEquals(Map.of("index", "HNSW", "ef", "64", "topK", "10"), SeriesId.parse(id.toString()).params());
        assertEquals(SeriesId.of("connect"), SeriesId.parse("connect"));
        assertEquals("openloop[rate=100;correction=corrected]",
                SeriesId.of("openloop", "rate", 100).with("correction", "corrected").toString());
    }

    @Test
    void rejectsWhatAnHlogTagCannotHold() {
        assertThrows(BadInputException.class, () -> SeriesId.of("search latency"));
        assertThrows(BadInputException.class, () -> SeriesId.of("search", "a", "1,2"));
        assertThrows(BadInputException.class, () -> SeriesId.parse("search[index=HNSW"));
        assertThrows(BadInputException.class, () -> SeriesId.parse("search[index]"));
    }
}
