package io.milvusbench.milvus;

import io.milvus.shaded.io.grpc.Status;
import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the suite knows a server cannot do: UNIMPLEMENTED answers and Milvus Lite's index kinds. */
class ServerFeaturesTest {
    @Test
    void unimplementedIsTheGrpcStatusWhereverItSits() {
        assertTrue(ServerFeatures.unimplemented(Status.UNIMPLEMENTED.asRuntimeException()));
        // the SDK folds the transport's status into its own message
        assertTrue(ServerFeatures.unimplemented(new MilvusClientException(ErrorCode.RPC_ERROR,
                "Encounter rpc error that cannot be retried, reason: io.milvus.shaded.io.grpc.StatusRuntimeException: UNIMPLEMENTED")));
        assertFalse(ServerFeatures.unimplemented(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException()));
        assertFalse(ServerFeatures.unimplemented(new IllegalStateException("no such collection")));
        assertFalse(ServerFeatures.unimplemented(null));
    }

    @Test
    void liteBuildsFlatIvfFlatAndAutoindexOnly() {
        MilvusTarget lite = target(TargetKind.LITE, ServerFeatures.UNKNOWN_VERSION);
        for (String refused : new String[] {"HNSW", "IVF_SQ8", "IVF_PQ", "DISKANN", "hnsw"}) {
            Optional<String> r = ServerFeatures.indexRefusal(lite, refused);
            assertTrue(r.isPresent(), refused);
            assertEquals("Milvus Lite builds FLAT, IVF_FLAT, AUTOINDEX only, not " + refused.toUpperCase(), r.get());
        }
        for (String built : new String[] {"FLAT", "IVF_FLAT", "AUTOINDEX"}) {
            assertTrue(ServerFeatures.indexRefusal(lite, built).isEmpty(), built);
        }
    }

    @Test
    void aUriServerWithoutVersionIsTakenForLiteAndSaysSo() {
        Optional<String> r = ServerFeatures.indexRefusal(target(TargetKind.URI, ServerFeatures.UNKNOWN_VERSION), "HNSW");
        assertTrue(r.orElseThrow().startsWith("this server reports no version, as Milvus Lite does"), r.get());
        assertTrue(ServerFeatures.indexRefusal(target(TargetKind.URI, "v2.3.5"), "HNSW").isEmpty(), "Milvus builds what it builds");
        assertTrue(ServerFeatures.indexRefusal(target(TargetKind.LOCAL, "v2.3.5"), "DISKANN").isEmpty(), "DISKANN stays the probe's");
    }

    @Test
    void describeNamesAnUnknownVersionPlainly() {
        assertEquals("uri http://127.0.0.1:19530 (server version unknown)", target(TargetKind.URI, ServerFeatures.UNKNOWN_VERSION).describe());
        assertEquals("uri http://127.0.0.1:19530 (Milvus v2.3.5)", target(TargetKind.URI, "v2.3.5").describe());
    }

    private static MilvusTarget target(TargetKind kind, String version) {
        ConnectionSpec spec = ConnectionSpec.of("127.0.0.1:19530");
        return new MilvusTarget() {
            @Override
            public TargetKind kind() {
                return kind;
            }

            @Override
            public ConnectionSpec connection() {
                return spec;
            }

            @Override
            public Optional<URI> metricsUri() {
                return Optional.empty();
            }

            @Override
            public String serverVersion() {
                return version;
            }

            @Override
            public void close() {
            }
        };
    }
}
