package io.milvusbench.milvus;

import io.milvus.shaded.io.grpc.CallOptions;
import io.milvus.shaded.io.grpc.ManagedChannel;
import io.milvus.shaded.io.grpc.Metadata;
import io.milvus.shaded.io.grpc.MethodDescriptor;
import io.milvus.shaded.io.grpc.Status;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import io.milvus.shaded.io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.milvus.shaded.io.grpc.stub.ClientCalls;
import io.milvus.shaded.io.grpc.stub.MetadataUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Which listening sockets of a server the suite started are reachable from other machines, and
 * what they answer there: every request goes to 127.0.0.1 (the same socket, since a socket on
 * every interface also listens on loopback), never to another address. A listener on every
 * interface passes when it is
 * <ul>
 *   <li>the proxy's port and refuses Milvus requests (gRPC and REST) without credentials and with
 *       the well-known root/Milvus, while the run's credential is accepted;</li>
 *   <li>a metrics port and its /expr endpoint refuses the well-known key {@code by-dev};</li>
 *   <li>a Milvus 2.3 internal role port (it answers GetComponentStates of an internal service):
 *       2.3 binds these on every interface and checks no credentials on them; they are reported
 *       ({@link Report#internalOpen()}) and documented (docs/security.md), not hidden.</li>
 * </ul>
 * Anything else on a non-loopback address fails the check.
 */
final class ExposureCheck {
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    /** Services of Milvus 2.3's internal ports; GetComponentStates takes an empty request on all of them. */
    private static final List<String> INTERNAL_SERVICES = List.of("milvus.proto.rootcoord.RootCoord", "milvus.proto.data.DataCoord",
            "milvus.proto.query.QueryCoord", "milvus.proto.query.QueryNode", "milvus.proto.data.DataNode",
            "milvus.proto.index.IndexNode", "milvus.proto.proxy.Proxy");
    private static final String MILVUS_SERVICE = "milvus.proto.milvus.MilvusService";
    private static final MethodDescriptor.Marshaller<byte[]> RAW = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream in) {
            try {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** What was found: the listeners looked at, and the internal ports open on every interface. */
    record Report(List<ListeningSockets.Listener> listeners, List<String> internalOpen, List<String> lines) {
        void print(String title) {
            System.out.println("exposure (" + title + "): " + listeners.size() + " listening sockets");
            lines.forEach(l -> System.out.println("  " + l));
        }
    }

    private ExposureCheck() {
    }

    /**
     * Checks the listeners of {@code pids} as described in the class comment; {@code token} is
     * the run's credential (null for a server without authentication, which must then listen on
     * loopback only).
     */
    static Report check(Collection<Long> pids, int proxyPort, Set<Integer> metricsPorts, String token) {
        List<ListeningSockets.Listener> listeners = ListeningSockets.of(pids);
        assertFalse(listeners.isEmpty(), "no listening socket found for pids " + pids);
        List<String> lines = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ListeningSockets.Listener l : listeners) {
            try {
                checkOne(l, proxyPort, metricsPorts, token, lines, internal);
            } catch (AssertionError e) {
                lines.add(l + ": FAILED " + e.getMessage());
                failures.add(l + ": " + e.getMessage());
            }
        }
        Report report = new Report(listeners, internal, lines);
        if (!failures.isEmpty()) {
            report.print("FAILED");
            fail(String.join("; ", failures));
        }
        return report;
    }

    private static void checkOne(ListeningSockets.Listener l, int proxyPort, Set<Integer> metricsPorts, String token,
                                 List<String> lines, List<String> internal) {
        {
            if (l.loopback()) {
                lines.add(l + ": loopback only");
            } else if (l.port() == proxyPort) {
                assertTrue(token != null, l + ": the proxy listens on every interface without authentication");
                proxyRefusesWithoutTheRunCredential(l.port(), token);
                lines.add(l + ": proxy; gRPC and REST refuse no credentials and root/Milvus (UNAUTHENTICATED / code 1800), accept the run's");
            } else if (metricsPorts.contains(l.port())) {
                exprRefusesDefaultKey(l.port());
                lines.add(l + ": metrics; /healthz and /metrics read-only, /expr refuses the default key by-dev");
            } else {
                String service = internalService(l.port());
                if (service == null) {
                    fail(l + " listens on every interface and is neither the proxy, a metrics port nor a Milvus internal port");
                }
                internal.add(l + " " + service);
                lines.add(l + ": Milvus 2.3 internal port (" + service + "), answers GetComponentStates without credentials");
            }
        }
    }

    private static void proxyRefusesWithoutTheRunCredential(int port, String token) {
        String getVersion = MILVUS_SERVICE + "/GetVersion";
        assertEquals(Status.Code.UNAUTHENTICATED, call(port, getVersion, null), "GetVersion without credentials");
        assertEquals(Status.Code.UNAUTHENTICATED, call(port, getVersion, RootCredential.USER + ":" + RootCredential.DEFAULT_PASSWORD),
                "GetVersion as root/Milvus");
        assertEquals(Status.Code.UNAUTHENTICATED, call(port, MILVUS_SERVICE + "/ShowCollections", null), "ShowCollections without credentials");
        assertEquals(Status.Code.OK, call(port, getVersion, token), "GetVersion with the run's credential");
        String rest = "http://127.0.0.1:" + port + "/v1/vector/collections";
        for (String auth : new String[] {null, "Basic " + base64(RootCredential.USER + ":" + RootCredential.DEFAULT_PASSWORD)}) {
            String body = get(rest, auth).body();
            assertTrue(body.contains("\"code\":1800"), "REST " + rest + (auth == null ? " without credentials" : " as root/Milvus") + ": " + body);
        }
    }

    private static void exprRefusesDefaultKey(int port) {
        HttpResponse<String> health = get("http://127.0.0.1:" + port + "/healthz", null);
        assertEquals(200, health.statusCode(), "metrics port " + port + " /healthz");
        String body = get("http://127.0.0.1:" + port + "/expr?code=1%2B1&auth=by-dev", null).body();
        assertFalse(body.contains("output"), "/expr ran code with the default key by-dev: " + body);
        assertTrue(body.contains("auth is invalid"), "/expr on port " + port + ": " + body);
    }

    /** The internal service the port serves (GetComponentStates answers without credentials), or null. */
    private static String internalService(int port) {
        for (String service : INTERNAL_SERVICES) {
            if (call(port, service + "/GetComponentStates", null) == Status.Code.OK) {
                return service;
            }
        }
        return null;
    }

    /** The status of one unary call with an empty request on 127.0.0.1:port. */
    private static Status.Code call(int port, String method, String token) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext();
        if (token != null) {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), base64(token));
            builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        ManagedChannel channel = builder.build();
        try {
            MethodDescriptor<byte[], byte[]> m = MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(method).setRequestMarshaller(RAW).setResponseMarshaller(RAW).build();
            ClientCalls.blockingUnaryCall(channel, m, CallOptions.DEFAULT.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS),
                    new byte[0]);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } finally {
            channel.shutdownNow();
        }
    }

    private static HttpResponse<String> get(String uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(DEADLINE).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HttpClient.newBuilder().connectTimeout(DEADLINE).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
