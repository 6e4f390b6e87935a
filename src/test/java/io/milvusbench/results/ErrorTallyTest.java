package io.milvusbench.results;

import io.milvus.shaded.io.grpc.Status;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import io.milvusbench.milvus.ErrorCause;
import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exact counts per cause, whatever the number of distinct messages; only the report is capped. */
class ErrorTallyTest {
    @Test
    void nineHundredEightyFiveDeadlinesWithDistinctTimingsAreOneExactCause() {
        ErrorTally tally = new ErrorTally();
        IntStream.range(0, 985).parallel().forEach(i -> tally.record(new MilvusClientException(ErrorCode.RPC_ERROR,
                Status.DEADLINE_EXCEEDED.withDescription(String.format(Locale.ROOT,
                        "deadline exceeded after 0.%09ds. Name resolution delay 0.000000000 seconds. "
                                + "[closed=[], open=[[buffered_nanos=%d, remote_addr=localhost/127.0.0.1:19530]]]", 990_000_000 + i, 991_000_000 + i))
                        .asRuntimeException())));
        IntStream.range(0, 15).forEach(i -> tally.record(new MilvusClientException(ErrorCode.RPC_ERROR,
                Status.UNAVAILABLE.withDescription("io exception").withCause(new SocketException("Connection reset")).asRuntimeException())));
        assertEquals(1000, tally.count());
        assertEquals(Map.of("DEADLINE_EXCEEDED: deadline exceeded after #s.", 985L,
                "UNAVAILABLE: io exception: Connection reset", 15L), tally.reasons());
        assertEquals(List.of("DEADLINE_EXCEEDED: deadline exceeded after #s.", "UNAVAILABLE: io exception: Connection reset"),
                List.copyOf(tally.reasons().keySet()), "most frequent first");
        assertEquals("x985: DEADLINE_EXCEEDED: deadline exceeded after #s.", ErrorTally.top(tally.reasons()));
    }

    @Test
    void manyCausesKeepExactCountsAndTheReportSaysWhatItLeavesOut() {
        ErrorTally tally = new ErrorTally();
        for (int c = 0; c < 25; c++) {
            tally.record(ErrorCause.of("milvus " + (1000 + c), "cause"), c + 1);
        }
        assertEquals(25 * 26 / 2, tally.count());
        assertEquals(25, tally.reasons().size());
        assertEquals(tally.count(), tally.reasons().values().stream().mapToLong(Long::longValue).sum());
        List<String> lines = ErrorTally.describe(tally.reasons(), 10);
        assertEquals(11, lines.size());
        assertEquals("x25: milvus 1024: cause", lines.get(0));
        long shown = 25 + 24 + 23 + 22 + 21 + 20 + 19 + 18 + 17 + 16;
        assertEquals("... 15 more cause(s), " + (tally.count() - shown) + " error(s) in all; every cause is in run.json", lines.get(10));
    }

    @Test
    void summariesAddUp() {
        ErrorSummary a = new ErrorSummary(100, 3, Map.of("UNAVAILABLE: io exception", 2L, "client: x", 1L));
        ErrorSummary b = new ErrorSummary(50, 2, Map.of("UNAVAILABLE: io exception", 2L));
        ErrorSummary sum = a.plus(b);
        assertEquals(150, sum.requests());
        assertEquals(5, sum.errors());
        assertEquals(Map.of("UNAVAILABLE: io exception", 4L, "client: x", 1L), sum.reasons());
        assertTrue(Math.abs(sum.errorRate() - 5.0 / 150) < 1e-12);
    }
}
