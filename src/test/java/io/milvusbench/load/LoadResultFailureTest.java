package io.milvusbench.load;

import io.milvusbench.results.SeriesId;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a load phase is a failed figure, and what its one-line reason says. */
class LoadResultFailureTest {
    static LoadResult phase(long requests, long errors, Map<String, Long> reasons) {
        return LoadResult.openLoop(SeriesId.of("openloop", "rate", 100, "mix", "search"), 100, 512)
                .requests(requests, errors, reasons).seconds(10)
                .latency(new Histogram(3)).uncorrected(new Histogram(3), new Histogram(3)).lateSends(0, 10).build();
    }

    @Test
    void eightyPercentErrorsFailWithTheTopCause() {
        LoadResult r = phase(1000, 800, Map.of("DEADLINE_EXCEEDED: deadline exceeded after #s.", 785L,
                "UNAVAILABLE: io exception: Connection reset", 15L));
        assertEquals(Optional.of("error rate 0.8000 > 0.01: 800 of 1000 requests failed; "
                + "top cause x785: DEADLINE_EXCEEDED: deadline exceeded after #s."), r.failure(0.01));
        assertEquals(1000, r.errorSummary().requests());
        assertEquals(800, r.errorSummary().errors());
    }

    @Test
    void noSuccessFailsWhateverTheBound() {
        LoadResult r = phase(30, 30, Map.of("milvus 65535: failed to create query plan", 30L));
        assertEquals(Optional.of("no successful request: all 30 failed; top cause x30: milvus 65535: failed to create query plan"),
                r.failure(1.0));
        assertEquals(Optional.of("no request in the measurement window"), phase(0, 0, Map.of()).failure(0.01));
    }

    @Test
    void errorsWithinTheBoundPass() {
        assertEquals(Optional.empty(), phase(1000, 10, Map.of("client: x", 10L)).failure(0.01));
        assertEquals(Optional.empty(), phase(1000, 0, Map.of()).failure(0));
        assertEquals("error rate 0.0010 > 0: 1 of 1000 requests failed; top cause x1: client: x",
                phase(1000, 1, Map.of("client: x", 1L)).failure(0).orElseThrow());
    }
}
