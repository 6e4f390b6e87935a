package io.milvusbench.milvus;

import io.milvus.client.MilvusServiceClient;
import io.milvus.param.ConnectParam;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.BadInputException;

import java.util.concurrent.TimeUnit;

/**
 * The one place that opens SDK clients, so every client carries a connect timeout and a per-RPC
 * deadline. {@link MilvusClientV2} serves every call the suite makes except GetMetrics, which the
 * SDK offers on the v1 {@link MilvusServiceClient} only (see README, "SDK compatibility").
 */
public final class MilvusClients {
    private MilvusClients() {
    }

    /** Opens a v2 client; an unreachable server is a {@link BadInputException} naming the address. */
    public static MilvusClientV2 v2(ConnectionSpec spec) {
        ConnectConfig.ConnectConfigBuilder config = ConnectConfig.builder()
                .uri(spec.uri().toString())
                .secure(spec.secure())
                .connectTimeoutMs(spec.connectTimeout().toMillis())
                .rpcDeadlineMs(spec.rpcDeadline().toMillis());
        if (spec.token() != null) {
            config.token(spec.token());
        }
        if (spec.database() != null) {
            config.dbName(spec.database());
        }
        try {
            return new MilvusClientV2(config.build());
        } catch (RuntimeException e) {
            throw unreachable(spec, e);
        }
    }

    /** Opens a v1 client (for GetMetrics); same deadlines and error handling as {@link #v2}. */
    public static MilvusServiceClient v1(ConnectionSpec spec) {
        ConnectParam.Builder param = ConnectParam.newBuilder()
                .withUri(spec.uri().toString())
                .withSecure(spec.secure())
                .withConnectTimeout(spec.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .withRpcDeadline(spec.rpcDeadline().toMillis(), TimeUnit.MILLISECONDS);
        if (spec.token() != null) {
            param.withToken(spec.token());
        }
        if (spec.database() != null) {
            param.withDatabaseName(spec.database());
        }
        try {
            return new MilvusServiceClient(param.build());
        } catch (RuntimeException e) {
            throw unreachable(spec, e);
        }
    }

    /** Connects once, asks the server version and closes; the check every target runs first. */
    public static String serverVersion(ConnectionSpec spec) {
        MilvusClientV2 client = v2(spec);
        try {
            return client.getServerVersion();
        } catch (RuntimeException e) {
            throw unreachable(spec, e);
        } finally {
            client.close();
        }
    }

    static BadInputException unreachable(ConnectionSpec spec, RuntimeException e) {
        String reason = rootMessage(e);
        String lower = reason.toLowerCase();
        if (lower.contains("unauthenticated") || lower.contains("auth") && lower.contains("fail")) {
            return new BadInputException("Milvus at " + spec.uri() + " rejected the credentials: " + reason, e);
        }
        if (lower.contains("database not found") || lower.contains("database") && lower.contains("not exist")) {
            return new BadInputException("Milvus at " + spec.uri() + ": " + reason, e);
        }
        return new BadInputException("cannot reach Milvus at " + spec.uri() + " within "
                + spec.connectTimeout().toMillis() + " ms: " + reason, e);
    }

    /** The innermost non-empty message, on one line. */
    public static String rootMessage(Throwable e) {
        String message = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return message.replaceAll("\\s+", " ").trim();
    }
}
