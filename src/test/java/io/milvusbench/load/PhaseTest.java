package io.milvusbench.load;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhaseTest {
    @Test
    void measuredIsTotalMinusWarmup() {
        assertEquals(Duration.ofSeconds(8), Phase.of(2, 10).measured());
        assertEquals(Duration.ofSeconds(1), Phase.of(0, 1).measured());
    }

    @Test
    void refusesAPhaseThatWouldMeasureLessThanOneSecond() {
        BadInputException e = assertThrows(BadInputException.class, () -> Phase.of(5, 5));
        assertTrue(e.getMessage().contains("too short for warmup"), e.getMessage());
        assertThrows(BadInputException.class, () -> Phase.of(2, 2.5));
        assertThrows(BadInputException.class, () -> Phase.of(-1, 10));
    }

    @Test
    void mixNamesParseAndUnknownOnesAreRefused() {
        assertEquals(Mix.FILTERED, Mix.parse(" Filtered "));
        BadInputException e = assertThrows(BadInputException.class, () -> Mix.parse("upsert"));
        assertTrue(e.getMessage().contains("search, filtered, streaming"), e.getMessage());
    }
}
