package io.milvusbench.collection;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.service.index.response.DescribeIndexResp;
import io.milvus.v2.service.utility.request.GetPersistentSegmentInfoReq;
import io.milvus.v2.service.utility.request.GetQuerySegmentInfoReq;
import io.milvus.v2.service.utility.response.GetPersistentSegmentInfoResp;
import io.milvus.v2.service.utility.response.GetQuerySegmentInfoResp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Waits until a reused, loaded collection has stopped changing under the benchmark: a search
 * collection prepared by an earlier run may still be compacting (segments merged, re-indexed and
 * handed to the query node), and the segment count decides the search cost. Settled means every
 * persistent segment is Flushed, the index covers every row with none pending, the query node
 * serves as many segments as are flushed, and the picture is the same on two polls 500 ms apart.
 *
 * <pre>{@code
 * SegmentSettle.State s = SegmentSettle.await(client, "mbench_x", Duration.ofSeconds(60));
 * s.segments();  // loaded segments the searches will visit
 * }</pre>
 */
public final class SegmentSettle {
    private SegmentSettle() {
    }

    /**
     * @param segments  segments the query node serves
     * @param flushed   persistent segments in state Flushed
     * @param unflushed persistent segments in any other state (Growing, Sealed, Flushing)
     * @param settled   whether the picture was stable before the limit
     */
    public record State(int segments, int flushed, int unflushed, boolean indexComplete, boolean settled) {
        State asSettled(boolean s) {
            return new State(segments, flushed, unflushed, indexComplete, s);
        }

        boolean quiet() {
            return unflushed == 0 && indexComplete && segments == flushed;
        }
    }

    static State read(MilvusClientV2 client, String name) {
        List<GetPersistentSegmentInfoResp.PersistentSegmentInfo> persistent = client.getPersistentSegmentInfo(
                GetPersistentSegmentInfoReq.builder().collectionName(name).build()).getSegmentInfos();
        int flushed = (int) persistent.stream().filter(s -> "Flushed".equals(s.getState())).count();
        List<GetQuerySegmentInfoResp.QuerySegmentInfo> loaded = client.getQuerySegmentInfo(
                GetQuerySegmentInfoReq.builder().collectionName(name).build()).getSegmentInfos();
        DescribeIndexResp.IndexDesc idx = VectorCollection.open(client, name, dimOf(client, name)).describeIndexOrNull();
        boolean indexed = idx == null || idx.getIndexState() == IndexBuildState.Finished && idx.getPendingIndexRows() == 0
                && idx.getIndexedRows() >= idx.getTotalRows();
        return new State(loaded.size(), flushed, persistent.size() - flushed, indexed, false);
    }

    private static int dimOf(MilvusClientV2 client, String name) {
        return client.describeCollection(io.milvus.v2.service.collection.request.DescribeCollectionReq.builder().collectionName(name).build())
                .getCollectionSchema().getField(VectorCollection.VECTOR).getDimension();
    }

    /**
     * As {@link #await}, or empty at once when the server has no segment information
     * (GetPersistentSegmentInfo / GetQuerySegmentInfo answer UNIMPLEMENTED: Milvus Lite).
     */
    public static java.util.Optional<State> awaitIfKnown(MilvusClientV2 client, String name, Duration limit) {
        try {
            return java.util.Optional.of(await(client, name, limit));
        } catch (RuntimeException e) {
            if (io.milvusbench.milvus.ServerFeatures.unimplemented(e)) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /** Polls every 500 ms until settled (two equal quiet polls) or {@code limit}; returns the last state. */
    public static State await(MilvusClientV2 client, String name, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        State previous = null;
        while (true) {
            State now = read(client, name);
            if (now.quiet() && Objects.equals(now, previous)) {
                return now.asSettled(true);
            }
            if (System.nanoTime() - deadline > 0) {
                return now;
            }
            previous = now;
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }
}
