package io.milvusbench.load;

import io.milvus.grpc.GetVersionRequest;
import io.milvus.grpc.GetVersionResponse;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.SearchRequest;
import io.milvus.grpc.SearchResults;
import io.milvus.shaded.io.grpc.ManagedChannel;
import io.milvus.shaded.io.grpc.stub.StreamObserver;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvusbench.milvus.ConnectionSpec;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The async path ({@code --client async}): prebuilt gRPC requests (as {@link GrpcSearchOperation}
 * builds them) sent on the SDK's async stub, each with the RPC deadline. No thread waits for an
 * answer: it is checked and recorded on the channel's event-loop thread (a direct executor, no
 * hand-off), so a few threads keep thousands of requests in flight and the client's CPU per request
 * is what gRPC, protobuf and the recording cost.
 *
 * <p>Two requests: a search ({@link #search}), and the server's version ({@link #version}), the
 * cheapest real RPC there is, used to find the generator's own ceiling.
 */
public final class AsyncGrpcOperation implements AsyncOperation, Operation, AutoCloseable {
    /** Starts one call on the stub. */
    private interface Call {
        void start(MilvusServiceGrpc.MilvusServiceStub stub, long sequence, Consumer<Throwable> done);
    }

    private final ManagedChannel channel;
    private final MilvusServiceGrpc.MilvusServiceStub stub;
    private final long deadlineMs;
    private final Call call;
    private final String name;

    private AsyncGrpcOperation(ConnectionSpec spec, String name, Call call) {
        this.channel = GrpcSearchOperation.channel(spec, true);
        this.stub = MilvusServiceGrpc.newStub(channel).withInterceptors(GrpcSearchOperation.headers(spec));
        this.deadlineMs = spec.rpcDeadline().toMillis();
        this.call = call;
        this.name = name;
    }

    /** Searches with query {@code sequence % queries.length}; fewer than {@code minHits} hits is a failure. */
    public static AsyncGrpcOperation search(ConnectionSpec spec, SearchTarget target, float[][] queries, int topK, String filter,
                                            ConsistencyLevel consistency, int minHits) {
        SearchRequest[] requests = GrpcSearchOperation.requests(target, queries, topK, filter, consistency);
        return new AsyncGrpcOperation(spec, "Search", (stub, seq, done) -> stub.search(requests[(int) (seq % requests.length)],
                observer(done, (SearchResults r) -> GrpcSearchOperation.check(r, minHits))));
    }

    /** GetVersion: no collection, no data, the least work a server does for a request. */
    public static AsyncGrpcOperation version(ConnectionSpec spec) {
        GetVersionRequest request = GetVersionRequest.getDefaultInstance();
        return new AsyncGrpcOperation(spec, "GetVersion", (stub, seq, done) -> stub.getVersion(request,
                observer(done, (GetVersionResponse r) -> {
                    if (r.getStatus().getCode() != 0 || r.getStatus().getErrorCodeValue() != 0) {
                        throw new IllegalStateException("GetVersion: " + r.getStatus().getReason());
                    }
                })));
    }

    /** The RPC's name, e.g. {@code Search}. */
    public String rpc() {
        return name;
    }

    @Override
    public void send(long sequence, Consumer<Throwable> done) {
        call.start(stub.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS), sequence, done);
    }

    /** The blocking form (probe search, one-thread loops): sends and waits for the answer. */
    @Override
    public void call(long sequence) throws Exception {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        send(sequence, failure -> {
            if (failure == null) {
                answer.complete(null);
            } else {
                answer.completeExceptionally(failure);
            }
        });
        try {
            answer.get(deadlineMs + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private static <T> StreamObserver<T> observer(Consumer<Throwable> done, Consumer<T> check) {
        return new StreamObserver<>() {
            private Throwable failure;
            private boolean answered;

            @Override
            public void onNext(T value) {
                answered = true;
                try {
                    check.accept(value);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }

            @Override
            public void onError(Throwable t) {
                done.accept(t);
            }

            @Override
            public void onCompleted() {
                done.accept(answered ? failure : new IllegalStateException("the server closed the call without an answer"));
            }
        };
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
