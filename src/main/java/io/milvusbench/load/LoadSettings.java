package io.milvusbench.load;

import io.milvus.v2.common.ConsistencyLevel;
import io.milvusbench.BadInputException;
import io.milvusbench.index.IndexKind;

import java.time.Duration;

/**
 * Everything a load run needs besides the target and the data, checked when made so bad input is
 * refused before any server is started.
 *
 * @param mix          what is sent
 * @param phase        per rate / level / step: total time and warmup
 * @param maxInFlight  open loop: most requests outstanding at once
 * @param lagBound     open loop: a send later than this counts as the generator falling behind
 * @param topK         hits per search
 * @param index        index kind of the searched collection
 * @param knob         its search knob (ignored for FLAT)
 * @param filter       scalar filter of the {@code filtered} mix
 * @param consistency  consistency level of each search
 * @param insertRate   streaming: insert requests per second
 * @param insertBatch  streaming: rows per insert
 * @param maxRequests  closed loop: most requests per level
 * @param drainTimeout open loop: how long to wait for answers after the phase
 * @param client       how searches are sent (SDK client or lean gRPC)
 */
public record LoadSettings(Mix mix, Phase phase, int maxInFlight, Duration lagBound, int topK, IndexKind index, int knob,
                           String filter, ConsistencyLevel consistency, double insertRate, int insertBatch,
                           long maxRequests, Duration drainTimeout, ClientPath client) {
    public LoadSettings {
        if (topK < 1 || topK > 16384) {
            throw new BadInputException("top-k must be in 1..16384, got " + topK);
        }
        if (index.hasKnob()) {
            index.validateKnob(knob, topK);
        }
        if (mix.filtered() && (filter == null || filter.isBlank())) {
            throw new BadInputException("the " + mix.label() + " mix needs a filter expression (--filter)");
        }
        if (mix == Mix.STREAMING && !(insertRate > 0)) {
            throw new BadInputException("insert rate must be positive for the streaming mix, got " + insertRate);
        }
        if (insertBatch < 1 || insertBatch > 100_000) {
            throw new BadInputException("insert batch must be in 1..100000, got " + insertBatch);
        }
        if (maxInFlight < 1) {
            throw new BadInputException("max in-flight must be at least 1, got " + maxInFlight);
        }
        if (maxRequests < 1) {
            throw new BadInputException("max requests must be positive, got " + maxRequests);
        }
    }

    public OpenLoop openLoop(double rate) {
        return new OpenLoop(rate, phase, maxInFlight, lagBound, drainTimeout);
    }

    /** The filter expression of this mix: the expression for {@code filtered} and {@code query}, none otherwise. */
    public String searchFilter() {
        return mix.filtered() ? filter : null;
    }

    /** The default knob per index kind: ef 64 (HNSW), nprobe 16 (IVF_*), search_list 100 (DISKANN). */
    public static int defaultKnob(IndexKind kind) {
        return switch (kind) {
            case HNSW -> 64;
            case DISKANN -> 100;
            case FLAT -> 0;
            default -> 16;
        };
    }
}
