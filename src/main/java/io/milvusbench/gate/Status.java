package io.milvusbench.gate;

/** Outcome of one rule, in rising order of severity. */
public enum Status {
    PASS, NO_DATA, WARNING, CRITICAL;

    public String label() {
        return this == NO_DATA ? "no data" : name().toLowerCase();
    }

    public Status worse(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
