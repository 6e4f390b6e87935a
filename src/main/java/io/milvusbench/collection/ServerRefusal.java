package io.milvusbench.collection;

import io.milvus.v2.exception.MilvusClientException;
import io.milvusbench.BadInputException;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Tells a server's refusal of what the user gave (a collection name it finds invalid, a collection
 * or partition it does not have, a filter or parameter it cannot parse) from a server failing:
 * the first is bad input (one line, exit 2), the second is not. Milvus 2.3+ marks a refusal with an
 * error code of its own: 1100-1199 (invalid or missing parameter), 100 (collection not found), 200
 * (partition not found); older servers with the legacy codes IllegalArgument (5) through
 * IllegalTOPK (9), CollectionNotExists (4) and IndexNotExist (25).
 */
public final class ServerRefusal {
    private static final Set<Integer> LEGACY = Set.of(4, 5, 6, 7, 8, 9, 25);

    private ServerRefusal() {
    }

    /** The server's reason when {@code e} is its refusal of the request's input, else empty. */
    public static Optional<String> reason(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof MilvusClientException m) {
                int code = m.getServerErrCode();
                boolean refused = code >= 1100 && code < 1200 || code == 100 || code == 200
                        || code == 0 && LEGACY.contains(m.getLegacyServerCode());
                return refused ? Optional.of(oneLine(m.getMessage())) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code call}; a refusal of its input becomes a {@link BadInputException}
     * "the server refused WHAT: REASON", anything else passes through unchanged.
     */
    public static <T> T naming(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Optional<String> reason = reason(e);
            if (reason.isPresent()) {
                throw new BadInputException("the server refused " + what + ": " + reason.get(), e);
            }
            throw e;
        }
    }

    private static String oneLine(String message) {
        return message == null ? "(no reason given)" : message.replaceAll("\\s+", " ").strip();
    }
}
