package io.milvusbench.gate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How every report prints a figure: up to three decimals, no trailing zeros, NaN as "n/a". */
public final class Figures {
    private Figures() {
    }

    public static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        int decimals = Math.abs(value) >= 1000 ? 1 : 3;
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** A figure with its unit: {@code 12.5 ms}, {@code 0.98} for unitless ratios. */
    public static String withUnit(double value, String unit) {
        return unit == null || unit.isEmpty() || "ratio".equals(unit) ? format(value) : format(value) + " " + unit;
    }
}
