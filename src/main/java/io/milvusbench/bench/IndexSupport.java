package io.milvusbench.bench;

import io.milvus.v2.client.MilvusClientV2;
import io.milvusbench.BadInputException;
import io.milvusbench.collection.IndexProbe;
import io.milvusbench.dataset.Dataset;
import io.milvusbench.index.IndexKind;
import io.milvusbench.index.IndexSpec;

import java.time.Duration;
import java.util.Optional;

/**
 * Index kinds a server may refuse (DISKANN): probed once before any data is prepared. The
 * {@code bench} command probes in the runner and tells forks with {@code -Dmilvus.bench.probed};
 * a benchmarks.jar fork probes itself.
 */
public final class IndexSupport {
    private IndexSupport() {
    }

    /** True for kinds that are probed before use. */
    public static boolean needsProbe(IndexKind kind) {
        return kind == IndexKind.DISKANN;
    }

    /** Throws a one-line {@link BadInputException} when the server refuses the index of {@code spec}. */
    public static void requireSupported(MilvusClientV2 client, IndexSpec spec, Dataset data) {
        if (!needsProbe(spec.kind()) || BenchProperties.probed(spec.kind().name())) {
            return;
        }
        Optional<String> rejection = IndexProbe.rejection(client, spec, data.dim(), data.metric(), Duration.ofSeconds(60));
        if (rejection.isPresent()) {
            throw new BadInputException("the server rejects " + spec.kind() + ", skipped: " + rejection.get());
        }
    }
}
