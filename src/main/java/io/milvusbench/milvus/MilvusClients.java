package io.milvusbench.milvus;

import io.milvus.client.MilvusServiceClient;
import io.milvus.param.ConnectParam;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
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
        ServerWatch.refused(spec.uri()).ifPresent(cause -> {
            throw new BadInputException("cannot reach Milvus at " + spec.uri() + ": " + cause + " (no server listens there)");
        });
        try {
            return new MilvusClientV2(config.build());
        } catch (RuntimeException e) {
            throw unreachable(spec, e);
        }
    }

    /**
     * Opens a v2 client for measuring: the SDK's own retries are off (by default it retries up to
     * 75 times with a 10 ms .. 3 s backoff, also on rate limiting), so a failed request fails once
     * and is counted, instead of being timed as one slow success.
     */
    public static MilvusClientV2 measuring(ConnectionSpec spec) {
        MilvusClientV2 client = v2(spec);
        client.retryConfig(noRetries());
        return client;
    }

    /** The SDK retry setting for measuring: one attempt (the SDK calls directly at {@code maxRetryTimes <= 1}), no rate-limit retries. */
    public static RetryConfig noRetries() {
        return RetryConfig.builder().maxRetryTimes(1).retryOnRateLimit(false).build();
    }

    /**
     * Keeps the SDK from logging every failed request at ERROR level (its {@code RpcUtils} does):
     * load runs count and group failures themselves. Takes effect for loggers made after the call,
     * so call it before the first client is opened.
     */
    public static void quietRequestErrors() {
        if (System.getProperty(RPC_LOGGER) == null) {
            System.setProperty(RPC_LOGGER, "off");
        }
    }

    private static final String RPC_LOGGER = "org.slf4j.simpleLogger.log.io.milvus.v2.utils.RpcUtils";

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

    /**
     * Connects once, asks the server version and closes; the check every target runs first. A server
     * that answers GetVersion UNIMPLEMENTED (Milvus Lite) is reachable and reports
     * {@link ServerFeatures#UNKNOWN_VERSION}.
     */
    public static String serverVersion(ConnectionSpec spec) {
        MilvusClientV2 client = v2(spec);
        try {
            return RawRpc.of(client, spec.rpcDeadline()).version();
        } catch (RuntimeException e) {
            if (ServerFeatures.unimplemented(e)) {
                return ServerFeatures.UNKNOWN_VERSION;
            }
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
