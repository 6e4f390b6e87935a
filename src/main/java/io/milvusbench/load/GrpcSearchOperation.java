package io.milvusbench.load;

import io.milvus.common.clientenum.ConsistencyLevelEnum;
import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.SearchRequest;
import io.milvus.grpc.SearchResults;
import io.milvus.param.MetricType;
import io.milvus.param.ParamUtils;
import io.milvus.param.dml.SearchParam;
import io.milvus.shaded.io.grpc.ClientInterceptor;
import io.milvus.shaded.io.grpc.ManagedChannel;
import io.milvus.shaded.io.grpc.Metadata;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.milvus.shaded.io.grpc.stub.MetadataUtils;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import io.milvusbench.milvus.ConnectionSpec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The lean search path ({@code --client grpc}): each query's gRPC {@code SearchRequest} is built
 * once, before the run, by the SDK's own converter, and sent as is on the SDK's (shaded) gRPC
 * stub with the RPC deadline; the answer's status and hit count are checked, nothing else is
 * decoded. What remains per request is protobuf, HTTP/2 and the loopback, so the figures are
 * closer to the server's own. The default {@code sdk} path ({@link SearchOperation}) measures
 * what a Java application using {@code MilvusClientV2} sees instead.
 */
public final class GrpcSearchOperation implements Operation, AutoCloseable {
    static final int FLOW_CONTROL_WINDOW = 4 << 20;

    static {
        // Netty's buffer-leak sampling (a stack trace every 128th buffer) is process-wide: set once, before the first channel
        io.milvus.shaded.io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector.setLevel(
                io.milvus.shaded.io.grpc.netty.shaded.io.netty.util.ResourceLeakDetector.Level.DISABLED);
    }
    private final ManagedChannel channel;
    private final MilvusServiceGrpc.MilvusServiceBlockingStub stub;
    private final SearchRequest[] requests;
    private final long deadlineMs;
    private final int minHits;

    public GrpcSearchOperation(ConnectionSpec spec, SearchTarget target, float[][] queries, int topK, String filter,
                               ConsistencyLevel consistency, int minHits) {
        this.channel = channel(spec, false);
        this.stub = MilvusServiceGrpc.newBlockingStub(channel).withInterceptors(headers(spec));
        this.deadlineMs = spec.rpcDeadline().toMillis();
        this.minHits = minHits;
        this.requests = requests(target, queries, topK, filter, consistency);
    }

    /**
     * A plaintext (or TLS) channel to the server. {@code direct}: answers are handled on the
     * transport's event-loop thread itself (no hand-off to an executor), for callers whose answer
     * handling is short and never blocks.
     */
    static ManagedChannel channel(ConnectionSpec spec, boolean direct) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(spec.host(), spec.port())
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .flowControlWindow(FLOW_CONTROL_WINDOW)
                .disableRetry();
        builder = spec.secure() ? builder.useTransportSecurity() : builder.usePlaintext();
        if (direct) {
            builder = builder.directExecutor();
        }
        return builder.build();
    }

    /** True when calls carry a token or database header. */
    static boolean hasHeaders(ConnectionSpec spec) {
        return spec.token() != null || spec.database() != null;
    }

    /** The token and database headers every call carries. */
    static ClientInterceptor headers(ConnectionSpec spec) {
        Metadata headers = new Metadata();
        if (spec.token() != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    Base64.getEncoder().encodeToString(spec.token().getBytes(StandardCharsets.UTF_8)));
        }
        if (spec.database() != null) {
            headers.put(Metadata.Key.of("dbname", Metadata.ASCII_STRING_MARSHALLER), spec.database());
        }
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /** One prebuilt {@code SearchRequest} per query vector, made by the SDK's own converter. */
    static SearchRequest[] requests(SearchTarget target, float[][] queries, int topK, String filter, ConsistencyLevel consistency) {
        String json = target.paramsJson();
        SearchRequest[] out = new SearchRequest[queries.length];
        for (int i = 0; i < queries.length; i++) {
            List<Float> vector = new ArrayList<>(queries[i].length);
            for (float x : queries[i]) {
                vector.add(x);
            }
            SearchParam.Builder p = SearchParam.newBuilder()
                    .withCollectionName(target.collection())
                    .withVectorFieldName(target.vectorField())
                    .withFloatVectors(List.of(vector))
                    .withTopK(topK)
                    .withMetricType(MetricType.valueOf(target.metric().name()))
                    .withParams(json)
                    .withConsistencyLevel(ConsistencyLevelEnum.valueOf(consistency.name()));
            if (filter != null && !filter.isBlank()) {
                p.withExpr(filter);
            }
            if (!target.partitions().isEmpty()) {
                p.withPartitionNames(target.partitions());
            }
            out[i] = ParamUtils.convertSearchParam(p.build());
        }
        return out;
    }

    /**
     * Throws what the SDK path would for an error status (so both paths count failures alike), or
     * when the answer holds fewer than {@code minHits} hits.
     */
    static void check(SearchResults results, int minHits) {
        if (results.getStatus().getCode() != 0 || results.getStatus().getErrorCodeValue() != 0) {
            throw new MilvusClientException(ErrorCode.SERVER_ERROR, results.getStatus().getReason(),
                    results.getStatus().getCode(), results.getStatus().getErrorCodeValue());
        }
        long hits = results.getResults().getTopksCount() == 0 ? 0 : results.getResults().getTopks(0);
        if (hits < minHits) {
            throw new IllegalStateException("search returned " + hits + " hits, expected at least " + minHits);
        }
    }

    @Override
    public void call(long sequence) {
        check(stub.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).search(requests[(int) (sequence % requests.length)]),
                minHits);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
