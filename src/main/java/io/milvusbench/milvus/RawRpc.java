package io.milvusbench.milvus;

import io.milvus.grpc.FlushRequest;
import io.milvus.grpc.FlushResponse;
import io.milvus.grpc.GetFlushStateRequest;
import io.milvus.grpc.GetMetricsRequest;
import io.milvus.grpc.GetVersionRequest;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.Status;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Calls the Milvus gRPC service directly, on the channel of an open {@link MilvusClientV2} (same
 * address, credentials, database header and TLS), for what the SDK does not let a benchmark time:
 * a prebuilt {@link InsertRequest} sent as is (the SDK turns row JSON into protobuf on every call),
 * and Flush without the SDK's wait (it polls GetFlushState and sleeps one second after every poll,
 * the successful one included). Every call carries the given deadline; a server error status is
 * thrown as the SDK would ({@link MilvusClientException} with the server's code), so failures are
 * counted under the same causes as SDK calls. Never retried.
 */
public final class RawRpc {
    private final MilvusServiceGrpc.MilvusServiceBlockingStub stub;
    private final long deadlineMs;

    private RawRpc(MilvusServiceGrpc.MilvusServiceBlockingStub stub, Duration deadline) {
        this.stub = stub;
        this.deadlineMs = deadline.toMillis();
    }

    /** The raw service on {@code client}'s channel (the SDK keeps its stub private: read by reflection, once). */
    public static RawRpc of(MilvusClientV2 client, Duration deadline) {
        try {
            Field f = MilvusClientV2.class.getDeclaredField("blockingStub");
            f.setAccessible(true);
            Object stub = f.get(client);
            if (stub == null) {
                throw new IllegalStateException("the Milvus client is not connected");
            }
            return new RawRpc((MilvusServiceGrpc.MilvusServiceBlockingStub) stub, deadline);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this milvus-sdk-java has no blockingStub field: " + e, e);
        }
    }

    private MilvusServiceGrpc.MilvusServiceBlockingStub call() {
        return deadlineMs > 0 ? stub.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS) : stub;
    }

    /** Sends a prebuilt insert; returns the rows the server accepted. */
    public long insert(InsertRequest request) {
        MutationResult r = call().insert(request);
        check("Insert", r.getStatus());
        return r.getInsertCnt();
    }

    /** A flush in progress: what GetFlushState is asked about. */
    public record FlushTicket(String collection, List<Long> segmentIds, long flushTs) {
    }

    /** Sends Flush for one collection and returns at once (no waiting for the segments to persist). */
    public FlushTicket flushNoWait(String collection) {
        FlushResponse r = call().flush(FlushRequest.newBuilder().addCollectionNames(collection).build());
        check("Flush", r.getStatus());
        LongArray ids = r.getCollSegIDsOrDefault(collection, LongArray.getDefaultInstance());
        return new FlushTicket(collection, new ArrayList<>(ids.getDataList()), r.getCollFlushTsOrDefault(collection, 0L));
    }

    /** True when every segment the flush sealed is persisted (and, with a flush timestamp, every channel passed it). */
    public boolean flushed(FlushTicket ticket) {
        GetFlushStateRequest.Builder req = GetFlushStateRequest.newBuilder().addAllSegmentIDs(ticket.segmentIds());
        if (ticket.flushTs() != 0) {
            req.setFlushTs(ticket.flushTs()).setCollectionName(ticket.collection());
        }
        var r = call().getFlushState(req.build());
        check("GetFlushState", r.getStatus());
        return r.getFlushed();
    }

    /** GetVersion's answer; a server without the call throws gRPC UNIMPLEMENTED (no SDK log line, unlike the SDK's call). */
    public String version() {
        var r = call().getVersion(GetVersionRequest.getDefaultInstance());
        check("GetVersion", r.getStatus());
        return r.getVersion();
    }

    /** GetMetrics' JSON answer to {@code request}; a server without the call throws gRPC UNIMPLEMENTED. */
    public String metrics(String request) {
        var r = call().getMetrics(GetMetricsRequest.newBuilder().setRequest(request).build());
        check("GetMetrics", r.getStatus());
        return r.getResponse();
    }

    static void check(String call, Status status) {
        int code = status.getCode() != 0 ? status.getCode() : status.getErrorCodeValue();
        if (code != 0) {
            throw new MilvusClientException(ErrorCode.SERVER_ERROR, call + ": " + status.getReason(), code, status.getErrorCodeValue());
        }
    }
}
