package io.milvusbench.load;

import io.milvusbench.BadInputException;

import java.util.Locale;

/** How searches are sent: through {@code MilvusClientV2} (what Java applications see), the lean gRPC path, or its async form. */
public enum ClientPath {
    /** {@link SearchOperation}: the SDK's MilvusClientV2, request built and answer decoded per call. */
    SDK,
    /** {@link GrpcSearchOperation}: prebuilt requests on the SDK's gRPC stub, answer only checked. */
    GRPC,
    /**
     * {@link AsyncGrpcOperation}: the same prebuilt requests on the async stub; open and closed
     * loops driven by answers ({@link AsyncOpenLoop}, {@link AsyncClosedLoop}), no thread per request.
     */
    ASYNC;

    public static ClientPath parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadInputException("unknown client '" + text + "' (expected sdk, grpc or async)");
        }
    }
}
