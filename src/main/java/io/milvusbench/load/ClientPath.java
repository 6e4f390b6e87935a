package io.milvusbench.load;

import io.milvusbench.BadInputException;

import java.util.Locale;

/** How searches are sent: through {@code MilvusClientV2} (what Java applications see) or the lean gRPC path. */
public enum ClientPath {
    /** {@link SearchOperation}: the SDK's MilvusClientV2, request built and answer decoded per call. */
    SDK,
    /** {@link GrpcSearchOperation}: prebuilt requests on the SDK's gRPC stub, answer only checked. */
    GRPC;

    public static ClientPath parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new BadInputException("unknown client '" + text + "' (expected sdk or grpc)");
        }
    }
}
