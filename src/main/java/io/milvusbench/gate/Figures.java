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

    /**
     * A figure printed with as many decimals as it takes to tell it from {@code other} (a bound it is
     * judged against): 1214.53 against 1214.5 prints {@code 1214.53}, never {@code 1214.5}.
     */
    public static String distinct(double value, double other) {
        String text = format(value);
        if (Double.isNaN(value) || Double.isInfinite(value) || value == other || Double.isNaN(other)) {
            return text;
        }
        for (int decimals = 3; decimals <= 17 && text.equals(format(other)); decimals++) {
            text = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        }
        if (text.equals(format(other))) {
            text = BigDecimal.valueOf(value).toPlainString();
        }
        return text;
    }

    /** A figure with its unit: {@code 12.5 ms}, {@code 0.98} for unitless ratios. */
    public static String withUnit(double value, String unit) {
        return unit == null || unit.isEmpty() || "ratio".equals(unit) ? format(value) : format(value) + " " + unit;
    }
}
