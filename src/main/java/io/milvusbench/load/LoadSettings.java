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
    /** Most threads of a closed-loop level. */
    public static final int MAX_CONCURRENCY = 4096;
    /** Highest open-loop rate (requests per second) one generator is asked for. */
    public static final double MAX_RATE = 1_000_000;

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
        if (mix == Mix.STREAMING && !(insertRate > 0) || !(insertRate <= MAX_RATE)) {
            throw new BadInputException("insert rate must be positive for the streaming mix, got " + insertRate);
        }
        if (insertBatch < 1 || insertBatch > 100_000) {
            throw new BadInputException("insert batch must be in 1..100000, got " + insertBatch);
        }
        if (maxInFlight < 1 || maxInFlight > 65_536) {
            throw new BadInputException("max in-flight must be in 1..65536, got " + maxInFlight);
        }
        if (lagBound.isNegative() || lagBound.isZero()) {
            throw new BadInputException("lag bound must be positive, got " + lagBound.toNanos() / 1e6 + " ms");
        }
        if (maxRequests < 1) {
            throw new BadInputException("max requests must be positive, got " + maxRequests);
        }
    }

    private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|(?<![0-9.])([A-Za-z_][A-Za-z0-9_]*)");
    private static final java.util.Set<String> WORDS = java.util.Set.of("and", "or", "not", "in", "like", "true", "false",
            "exists", "json_contains", "json_contains_all", "json_contains_any", "array_contains", "array_contains_all",
            "array_contains_any", "array_length");

    /**
     * The load collection has two scalar fields, {@code id} and {@code category}: a filter naming
     * any other field would make the server refuse every search, so it is refused before any work.
     * (A collection the suite did not create has fields of its own: the server's probe search judges
     * its filter.)
     */
    public static void checkFilterFields(String filter) {
        java.util.regex.Matcher m = IDENTIFIER.matcher(filter);
        while (m.find()) {
            String word = m.group(1);
            if (word != null && !WORDS.contains(word.toLowerCase(java.util.Locale.ROOT))
                    && !word.equals(io.milvusbench.collection.VectorCollection.ID)
                    && !word.equals(io.milvusbench.collection.VectorCollection.CATEGORY)) {
                throw new BadInputException("filter '" + filter + "' names field '" + word
                        + "', which the load collection does not have (its scalar fields: id, category)");
            }
        }
    }

    /** An open-loop rate: positive, finite, at most {@link #MAX_RATE}; returns it. */
    public static double checkRate(double rate) {
        if (!(rate > 0) || !(rate <= MAX_RATE)) {
            throw new BadInputException("rate must be a positive number of requests per second up to "
                    + (long) MAX_RATE + ", got " + rate);
        }
        return rate;
    }

    /** A closed-loop level: 1..{@link #MAX_CONCURRENCY} threads; returns it. */
    public static int checkConcurrency(int concurrency) {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new BadInputException("concurrency must be in 1.." + MAX_CONCURRENCY + ", got " + concurrency);
        }
        return concurrency;
    }

    /** Settings for a phase of {@code phase}, every other field at its command-line default. */
    public static Builder builder(Phase phase) {
        return new Builder(phase);
    }

    /** Names each setting at its call site; unset ones keep the {@code load} command's defaults. */
    public static final class Builder {
        private final Phase phase;
        private Mix mix = Mix.SEARCH;
        private int maxInFlight = 512;
        private Duration lagBound = Duration.ofMillis(10);
        private int topK = 10;
        private IndexKind index = IndexKind.HNSW;
        private Integer knob;
        private String filter;
        private ConsistencyLevel consistency = ConsistencyLevel.BOUNDED;
        private double insertRate = 10;
        private int insertBatch = 100;
        private long maxRequests = 1_000_000;
        private Duration drainTimeout = Duration.ofSeconds(35);
        private ClientPath client = ClientPath.SDK;

        private Builder(Phase phase) {
            this.phase = phase;
        }

        public Builder mix(Mix mix, String filter) {
            this.mix = mix;
            this.filter = filter;
            return this;
        }

        /** Open loop: most requests outstanding, and the send lag counted as late. */
        public Builder openLoop(int maxInFlight, Duration lagBound) {
            this.maxInFlight = maxInFlight;
            this.lagBound = lagBound;
            return this;
        }

        /** The searched index, its search knob (null: {@link #defaultKnob}) and hits per search. */
        public Builder search(IndexKind index, Integer knob, int topK) {
            this.index = index;
            this.knob = knob;
            this.topK = topK;
            return this;
        }

        public Builder consistency(ConsistencyLevel consistency) {
            this.consistency = consistency;
            return this;
        }

        /** Streaming mix: insert requests per second and rows per insert. */
        public Builder inserts(double insertRate, int insertBatch) {
            this.insertRate = insertRate;
            this.insertBatch = insertBatch;
            return this;
        }

        public Builder maxRequests(long maxRequests) {
            this.maxRequests = maxRequests;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public Builder client(ClientPath client) {
            this.client = client;
            return this;
        }

        public LoadSettings build() {
            if (!index.hasKnob() && knob != null) {
                throw new BadInputException(index + " has no search knob: remove --knob");
            }
            return new LoadSettings(mix, phase, maxInFlight, lagBound, topK, index, knob == null ? defaultKnob(index) : knob,
                    filter, consistency, insertRate, insertBatch, maxRequests, drainTimeout, client);
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
