package io.milvusbench.gate;

import io.milvusbench.BadInputException;

import java.util.Map;

/** JMH score units ({@code us/op}, {@code ops/ms}, ...) converted to ms/op or ops/s. */
record JmhUnit(double factor, String standardUnit) {
    private static final Map<String, Double> MS_PER = Map.of("ns", 1e-6, "us", 1e-3, "ms", 1.0, "s", 1e3,
            "min", 60e3, "hr", 3600e3, "day", 86400e3);

    static JmhUnit of(String unit, String where) {
        String[] p = unit.split("/");
        if (p.length == 2 && "op".equals(p[1]) && MS_PER.containsKey(p[0])) {
            return new JmhUnit(MS_PER.get(p[0]), "ms/op");
        }
        if (p.length == 2 && "ops".equals(p[0]) && MS_PER.containsKey(p[1])) {
            return new JmhUnit(1e3 / MS_PER.get(p[1]), "ops/s");
        }
        if (unit.isBlank()) {
            throw new BadInputException(where + " has an empty scoreUnit");
        }
        return new JmhUnit(1.0, unit);
    }

    double toStandard(double value) {
        return value * factor;
    }
}
