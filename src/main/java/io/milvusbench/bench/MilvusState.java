package io.milvusbench.bench;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.milvus.ConnectionSpec;
import io.milvusbench.milvus.MilvusClients;
import io.milvusbench.milvus.MilvusTarget;
import io.milvusbench.milvus.RawRpc;
import io.milvusbench.milvus.TargetOptions;
import io.milvusbench.milvus.Targets;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The Milvus under test and one client to it, for a whole trial (one fork of one parameter
 * combination). The target comes from the {@code -Dmilvus.*} properties: {@code milvus-bench bench}
 * starts or reaches the server once and hands every fork {@code -Dmilvus.target=uri
 * -Dmilvus.uri=...}; a bare benchmarks.jar run with {@code milvus.target=auto} would start a
 * server per fork, so give it a URI. The client does not retry ({@link MilvusClients#measuring}):
 * a failed request fails the iteration instead of being timed as one slow success.
 */
@State(Scope.Benchmark)
public class MilvusState {
    private MilvusTarget target;
    private MilvusClientV2 client;
    private RawRpc rpc;

    @Setup(Level.Trial)
    public void connect() {
        TargetOptions options = TargetOptions.fromSystemProperties();
        String token = BenchProperties.token();
        if (token != null) {
            options.token = token;
        }
        target = Targets.open(options);
        client = MilvusClients.measuring(target.connection());
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (target != null) {
                target.close();
            }
        }
    }

    public MilvusClientV2 client() {
        return client;
    }

    /** The raw gRPC service on the same channel (prebuilt inserts, Flush without the SDK's wait). */
    public RawRpc rpc() {
        if (rpc == null) {
            rpc = RawRpc.of(client, target.connection().rpcDeadline());
        }
        return rpc;
    }

    public ConnectionSpec connection() {
        return target.connection();
    }

    public MilvusTarget target() {
        return target;
    }
}
