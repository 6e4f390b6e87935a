package io.milvusbench.gate;

import io.milvusbench.BadInputException;

import java.util.Locale;

/** The unit of the values of a histogram log, and its factor to microseconds (the gate's internal unit). */
public enum LogUnit {
    NANOSECONDS("ns", 0.001),
    MICROSECONDS("us", 1),
    MILLISECONDS("ms", 1000),
    SECONDS("s", 1_000_000);

    private final String symbol;
    private final double toMicros;

    LogUnit(String symbol, double toMicros) {
        this.symbol = symbol;
        this.toMicros = toMicros;
    }

    public String symbol() {
        return symbol;
    }

    public double toMicros() {
        return toMicros;
    }

    /** {@code ns us µs ms s} or the full names, any case. */
    public static LogUnit parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "ns", "nanosecond", "nanoseconds", "nanos" -> NANOSECONDS;
            case "us", "µs", "μs", "microsecond", "microseconds", "micros" -> MICROSECONDS;
            case "ms", "millisecond", "milliseconds", "millis" -> MILLISECONDS;
            case "s", "sec", "second", "seconds" -> SECONDS;
            default -> throw new BadInputException("unknown histogram value unit '" + text + "' (ns, us, ms or s)");
        };
    }
}
