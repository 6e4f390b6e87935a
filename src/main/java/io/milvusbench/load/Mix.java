package io.milvusbench.load;

import io.milvusbench.BadInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the load generator sends. */
public enum Mix {
    /** Nearest-neighbour search, one query vector per request. */
    SEARCH("search"),
    /** The same search restricted by a scalar filter on {@code category} (row i has category i % 100). */
    FILTERED("filtered"),
    /** Inserts at a fixed rate while searching at another: both sides reported. */
    STREAMING("streaming"),
    /** Scalar queries: the filter expression, at most top-k rows, primary keys returned. */
    QUERY("query");

    private final String label;

    Mix(String label) {
        this.label = label;
    }

    /** The name used on the command line and in series ids. */
    public String label() {
        return label;
    }

    /** True when the mix writes to the collection (never allowed on a collection the suite did not create). */
    public boolean writes() {
        return this == STREAMING;
    }

    /** True when the mix sends a filter expression. */
    public boolean filtered() {
        return this == FILTERED || this == QUERY;
    }

    public static Mix parse(String text) {
        String key = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Mix mix : values()) {
            if (mix.label.equals(key)) {
                return mix;
            }
        }
        throw new BadInputException("unknown mix '" + text + "' (expected one of: "
                + Arrays.stream(values()).map(Mix::label).collect(Collectors.joining(", ")) + ")");
    }
}
