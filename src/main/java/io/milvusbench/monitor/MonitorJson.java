package io.milvusbench.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.milvusbench.BadInputException;

import java.io.UncheckedIOException;
import java.time.Instant;

/** The JSON form of snapshots: one line each, instants as ISO-8601 text, absent figures left out. */
public final class MonitorJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
                        @Override
                        protected Instant _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
                            return Instant.parse(value);
                        }
                    }))
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private MonitorJson() {
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    /** One line of monitor.jsonl. */
    public static String line(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a snapshot as JSON", e);
        }
    }

    public static String pretty(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write a snapshot as JSON", e);
        }
    }

    /** Parses one line of monitor.jsonl; a garbled line is a {@link BadInputException}. */
    public static Snapshot snapshot(String line) {
        try {
            return JSON.readValue(line, Snapshot.class);
        } catch (JsonProcessingException e) {
            throw new BadInputException("not a monitor snapshot: " + e.getOriginalMessage());
        }
    }
}
