package io.milvusbench.collection;

import io.milvus.v2.exception.ErrorCode;
import io.milvus.v2.exception.MilvusClientException;
import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Server codes that mean "your input" (exit 2) apart from a server failing (not bad input). */
class ServerRefusalTest {
    /** The message and codes Milvus 2.3.5 answered HasCollection('bad name with spaces') with. */
    private static MilvusClientException badName() {
        return new MilvusClientException(ErrorCode.SERVER_ERROR, "Invalid collection name: bad name with spaces. collection name can "
                + "only contain numbers, letters and underscores: invalid parameter", 1100, 5);
    }

    @Test
    void anInvalidParameterIsARefusalNamingWhatWasRefused() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> ServerRefusal.naming("collection 'bad name with spaces'", () -> { throw badName(); }));
        assertEquals("the server refused collection 'bad name with spaces': Invalid collection name: bad name with spaces. collection "
                + "name can only contain numbers, letters and underscores: invalid parameter", e.getMessage());
    }

    @Test
    void aMissingCollectionIsARefusalAndAServerFailureIsNot() {
        assertEquals(Optional.of("can't find collection"),
                ServerRefusal.reason(new MilvusClientException(ErrorCode.SERVER_ERROR, "can't find collection", 100, 1)));
        assertEquals(Optional.empty(), ServerRefusal.reason(new MilvusClientException(ErrorCode.SERVER_ERROR, "unexpected", 65535, 1)));
        assertEquals(Optional.empty(), ServerRefusal.reason(new MilvusClientException(ErrorCode.RPC_ERROR, "UNAVAILABLE: io exception")));
        IllegalStateException other = new IllegalStateException("bug");
        assertSame(other, assertThrows(IllegalStateException.class, () -> ServerRefusal.naming("x", () -> { throw other; })));
    }
}
