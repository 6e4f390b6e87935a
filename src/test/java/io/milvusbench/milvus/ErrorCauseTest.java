package io.milvusbench.milvus;

import io.milvus.shaded.io.grpc.Status;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import org.junit.jupiter.api.Test;

import java.net.SocketException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Error causes from the messages milvus-sdk-java 2.6.22 and its gRPC gave against Milvus 2.3.5
 * (captured on this project's build machine: a filter on a missing field, a missing collection,
 * a query vector of the wrong dimension, the server killed, the server frozen), as exception
 * objects of the SDK's own types and as the text JMH prints for a failed iteration.
 */
class ErrorCauseTest {
    // SDK path, retries off: the StatusRuntimeException is the cause of the SDK's exception.
    static final String DEADLINE_WAIT_FOR_READY = "deadline exceeded after 1.997011317s. Name resolution delay 0.000000000 seconds. "
            + "[closed=[], open=[[wait_for_ready, buffered_nanos=1998773359, waiting_for_connection]]]";
    static final String DEADLINE_WAIT_FOR_READY_2 = "deadline exceeded after 1.999500827s. Name resolution delay 0.000000000 seconds. "
            + "[closed=[], open=[[wait_for_ready, buffered_nanos=2001028905, waiting_for_connection]]]";
    // SDK path, default retries: the gRPC exception folded into the message, no cause.
    static final String RETRY_PATH_DEADLINE = "Encounter rpc error that cannot be retried, reason: "
            + "io.milvus.shaded.io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: deadline exceeded after 1.998641666s. "
            + "Name resolution delay 0.000000000 seconds. [closed=[], open=[[remote_addr=/127.0.0.1:39531]]]";
    static final String BAD_FILTER = "failed to create query plan: cannot parse expression: no_such_field < 10, "
            + "error: field no_such_field not exist";
    static final String NO_COLLECTION = "collection not found[database=default][collection=mbench_absent_x]";
    static final String BAD_DIM = "failed to search/query delegator 1 for channel by-dev-rootcoord-dml_0_470810670278377506v0: "
            + "fail to Search, QueryNode ID=1, reason=worker(1) query failed: Assert \"field_meta.get_sizeof() == element.line_sizeof_\" "
            + "at /__w/milvus-lite/milvus-lite/milvus_binary/milvus/internal/core/src/query/Plan.cpp:52\n"
            + " => vector dimension mismatch: service internal error: UnknownError";

    static MilvusClientException rpc(Status status, Throwable cause) {
        return new MilvusClientException(ErrorCode.RPC_ERROR, status.withCause(cause).asRuntimeException());
    }

    @Test
    void deadlinesOfDifferentLengthAreOneCause() {
        ErrorCause a = ErrorCause.of(rpc(Status.DEADLINE_EXCEEDED.withDescription(DEADLINE_WAIT_FOR_READY), null));
        ErrorCause b = ErrorCause.of(rpc(Status.DEADLINE_EXCEEDED.withDescription(DEADLINE_WAIT_FOR_READY_2), null));
        ErrorCause retried = ErrorCause.of(new MilvusClientException(ErrorCode.RPC_ERROR, RETRY_PATH_DEADLINE));
        assertEquals("DEADLINE_EXCEEDED: deadline exceeded after #s.", a.key());
        assertEquals(a, b);
        assertEquals(a, retried, "the retry path's folded message groups with the direct one");
    }

    @Test
    void aKilledServerIsUnavailableWithItsSocketError() {
        ErrorCause reset = ErrorCause.of(rpc(Status.UNAVAILABLE.withDescription("io exception"), new SocketException("Connection reset")));
        assertEquals("UNAVAILABLE", reset.status());
        assertEquals("UNAVAILABLE: io exception: Connection reset", reset.key());
        ErrorCause refused = ErrorCause.of(rpc(Status.UNAVAILABLE.withDescription("io exception"),
                new SocketException("Connection refused: localhost/127.0.0.1:39531")));
        assertEquals("UNAVAILABLE: io exception: Connection refused: <addr>", refused.key());
        ErrorCause otherPort = ErrorCause.of(rpc(Status.UNAVAILABLE.withDescription("io exception"),
                new SocketException("Connection refused: localhost/127.0.0.1:19530")));
        assertEquals(refused, otherPort);
    }

    @Test
    void serverStatusesKeepTheirCodeAndLoseTheirNumbers() {
        ErrorCause filter = ErrorCause.of(new MilvusClientException(ErrorCode.SERVER_ERROR, BAD_FILTER, 65535, 1));
        assertEquals("milvus 65535: failed to create query plan: cannot parse expression: no_such_field < #, "
                + "error: field no_such_field not exist", filter.key());
        ErrorCause missing = ErrorCause.of(new MilvusClientException(ErrorCode.SERVER_ERROR, NO_COLLECTION, 100, 4));
        assertEquals("milvus 100: collection not found[database=default][collection=mbench_absent_x]", missing.key());
        ErrorCause dim = ErrorCause.of(new MilvusClientException(ErrorCode.SERVER_ERROR, BAD_DIM, 65535, 1));
        assertEquals("milvus 65535", dim.status());
        assertTrue(dim.message().startsWith("failed to search/query delegator # for channel by-dev-rootcoord-dml_#_#v0: "
                + "fail to Search, QueryNode ID=#, reason=worker(#) query failed: Assert"), dim.message());
        assertTrue(dim.message().endsWith("...") && dim.message().length() == ErrorCause.MAX_MESSAGE + 3, "cut at 200 characters");
        assertFalse(dim.message().contains("\n"), "one line");
    }

    @Test
    void theSuitesOwnChecksAndTheSdksOwnErrors() {
        assertEquals("client: search returned # hits, expected at least #",
                ErrorCause.of(new IllegalStateException("search returned 3 hits, expected at least 10")).key());
        assertEquals("TIMEOUT: Finish # retry times, stop retry",
                ErrorCause.of(new MilvusClientException(ErrorCode.TIMEOUT, "Finish 75 retry times, stop retry")).key());
        assertEquals("client: NullPointerException", ErrorCause.of(new NullPointerException()).key());
        assertEquals("no answer: no answer within the drain timeout of # ms",
                ErrorCause.of("no answer", "no answer within the drain timeout of 35000 ms").key());
    }

    @Test
    void wordsWithDigitsKeepThem() {
        assertEquals("field category of type Int64 and metric L2 (id #, #% at <addr>, #)",
                ErrorCause.normalise("field category of type Int64 and metric L2 (id 449012831, 12.5% at 10.0.0.5:19530, 0x7f3a)"));
        assertEquals("request # took #ms", ErrorCause.normalise("request 123e4567-e89b-12d3-a456-426614174000 took 12ms"));
    }

    @Test
    void textAsJmhPrintsAFailedIteration() {
        // Utils.throwableToString(e) starts with e.toString(); the SDK's toString appends its codes
        assertEquals("DEADLINE_EXCEEDED: deadline exceeded after #s.", ErrorCause.parse(
                "io.milvus.v2.exception.MilvusClientException: io.milvus.shaded.io.grpc.StatusRuntimeException: DEADLINE_EXCEEDED: "
                        + DEADLINE_WAIT_FOR_READY + " ErrorCode: RPC_ERROR").key());
        assertEquals("milvus 65535: failed to create query plan: cannot parse expression: no_such_field < #, error: field no_such_field not exist",
                ErrorCause.parse("io.milvus.v2.exception.MilvusClientException: " + BAD_FILTER
                        + " ErrorCode: SERVER_ERROR, ServerCode: 65535").key());
        assertEquals("UNAVAILABLE: io exception", ErrorCause.parse("UNAVAILABLE: io exception").key());
        assertEquals("client: index build failed on mbench_x: bad_function_call",
                ErrorCause.parse("java.lang.IllegalStateException: index build failed on mbench_x: bad_function_call").key());
    }
}
