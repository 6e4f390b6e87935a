package io.milvusbench.load;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SloTest {
    @Test
    void parsesPercentileThresholdAndUnit() {
        assertEquals(new Slo(95, 50), Slo.parse("p95<50ms"));
        assertEquals(new Slo(99, 200), Slo.parse("p99<=0.2s"));
        assertEquals(new Slo(99.9, 0.8), Slo.parse(" p99.9 < 800us "));
        assertEquals(new Slo(50, 12.5), Slo.parse("P50<12.5"));
        assertEquals("p99.9<=0.8ms", Slo.parse("p99.9<800us").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fast", "p95", "p95>50ms", "95<50ms", "p95<50min", "p0<1ms", "p100<1ms", "p95<0ms"})
    void refusesWhatItCannotParse(String text) {
        BadInputException e = assertThrows(BadInputException.class, () -> Slo.parse(text));
        assertEquals(1, e.getMessage().lines().count());
    }
}
