package io.milvusbench.load;

import io.milvus.grpc.GetVersionRequest;
import io.milvus.grpc.GetVersionResponse;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.SearchRequest;
import io.milvus.grpc.SearchResults;
import io.milvus.shaded.io.grpc.CallOptions;
import io.milvus.shaded.io.grpc.Channel;
import io.milvus.shaded.io.grpc.ClientCall;
import io.milvus.shaded.io.grpc.ClientInterceptors;
import io.milvus.shaded.io.grpc.Drainable;
import io.milvus.shaded.io.grpc.KnownLength;
import io.milvus.shaded.io.grpc.ManagedChannel;
import io.milvus.shaded.io.grpc.Metadata;
import io.milvus.shaded.io.grpc.MethodDescriptor;
import io.milvus.shaded.io.grpc.Status;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvusbench.milvus.ConnectionSpec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The async path ({@code --client async}): each request is built once, before the run, by the
 * SDK's own converter (as {@link GrpcSearchOperation} builds it) and serialized once; a send hands
 * those bytes to a new gRPC call on the SDK's (shaded) channel with the RPC deadline. No thread
 * waits for an answer: it is checked and recorded on the channel's event-loop thread (a direct
 * executor, no hand-off), so one thread keeps thousands of requests in flight and the client's CPU
 * per request is what HTTP/2, the answer's decoding and the recording cost. The channel has no
 * transparent retry and a fixed flow-control window (no BDP pings), see
 * {@link GrpcSearchOperation#channel}.
 *
 * <p>Two requests: a search ({@link #search}), and the server's version ({@link #version}), the
 * cheapest real RPC there is, used to find the generator's own ceiling.
 */
public final class AsyncGrpcOperation implements AsyncOperation, Operation, AutoCloseable {
    /** Checks one decoded answer; throws when it is a failure. */
    private interface Check<R> {
        void accept(R answer);
    }

    private final ManagedChannel managed;
    private final Channel channel;
    private final MethodDescriptor<byte[], ?> method;
    private final byte[][] requests;
    private final Check<Object> check;
    private final long deadlineMs;
    private final String name;

    @SuppressWarnings("unchecked")
    private <R> AsyncGrpcOperation(ConnectionSpec spec, MethodDescriptor<?, R> sdkMethod, byte[][] requests, Check<R> check) {
        this.managed = GrpcSearchOperation.channel(spec, true);
        this.channel = GrpcSearchOperation.hasHeaders(spec)
                ? ClientInterceptors.intercept(managed, GrpcSearchOperation.headers(spec)) : managed;
        this.method = MethodDescriptor.<byte[], R>newBuilder(PreSerialized.MARSHALLER, sdkMethod.getResponseMarshaller())
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(sdkMethod.getFullMethodName())
                .build();
        this.requests = requests;
        this.check = (Check<Object>) (Check<?>) check;
        this.deadlineMs = spec.rpcDeadline().toMillis();
        this.name = sdkMethod.getBareMethodName();
    }

    /** Searches with query {@code sequence % queries.length}; fewer than {@code minHits} hits is a failure. */
    public static AsyncGrpcOperation search(ConnectionSpec spec, SearchTarget target, float[][] queries, int topK, String filter,
                                            ConsistencyLevel consistency, int minHits) {
        SearchRequest[] built = GrpcSearchOperation.requests(target, queries, topK, filter, consistency);
        byte[][] bytes = new byte[built.length][];
        for (int i = 0; i < built.length; i++) {
            bytes[i] = built[i].toByteArray();
        }
        return new AsyncGrpcOperation(spec, MilvusServiceGrpc.getSearchMethod(), bytes,
                (SearchResults r) -> GrpcSearchOperation.check(r, minHits));
    }

    /** GetVersion: no collection, no data, the least work a server does for a request. */
    public static AsyncGrpcOperation version(ConnectionSpec spec) {
        return new AsyncGrpcOperation(spec, MilvusServiceGrpc.getGetVersionMethod(),
                new byte[][] {GetVersionRequest.getDefaultInstance().toByteArray()}, (GetVersionResponse r) -> {
                    if (r.getStatus().getCode() != 0 || r.getStatus().getErrorCodeValue() != 0) {
                        throw new IllegalStateException("GetVersion: " + r.getStatus().getReason());
                    }
                });
    }

    /** The RPC's name, e.g. {@code Search}. */
    public String rpc() {
        return name;
    }

    @Override
    public void send(long sequence, Consumer<Throwable> done) {
        ClientCall<byte[], ?> call = channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS));
        Answer<?> answer = new Answer<>(check, done);
        start(call, answer, requests[(int) (sequence % requests.length)]);
    }

    @SuppressWarnings("unchecked")
    private static <R> void start(ClientCall<byte[], R> call, Answer<?> answer, byte[] request) {
        try {
            call.start((ClientCall.Listener<R>) answer, new Metadata());
            call.request(2);
            call.sendMessage(request);
            call.halfClose();
        } catch (RuntimeException | Error e) {
            call.cancel("the request could not be sent", e);
            throw e;
        }
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

    /** One call's listener: checks the answer, then reports exactly once (null = success). */
    private static final class Answer<R> extends ClientCall.Listener<R> {
        private final Check<Object> check;
        private final Consumer<Throwable> done;
        private Throwable failure;
        private boolean answered;

        Answer(Check<Object> check, Consumer<Throwable> done) {
            this.check = check;
            this.done = done;
        }

        @Override
        public void onMessage(R message) {
            answered = true;
            try {
                check.accept(message);
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
            if (!status.isOk()) {
                done.accept(status.asRuntimeException(trailers));
            } else {
                done.accept(answered ? failure : new IllegalStateException("the server closed the call without an answer"));
            }
        }
    }

    /** A request serialized before the run: gRPC copies the bytes straight into its frame. */
    private static final class PreSerialized extends ByteArrayInputStream implements KnownLength, Drainable {
        static final MethodDescriptor.Marshaller<byte[]> MARSHALLER = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new PreSerialized(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                throw new UnsupportedOperationException("requests are only sent");
            }
        };

        PreSerialized(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int n = count - pos;
            target.write(buf, pos, n);
            pos = count;
            return n;
        }
    }

    @Override
    public void close() {
        managed.shutdownNow();
        try {
            managed.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
