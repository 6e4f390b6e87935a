package io.milvusbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.milvusbench.BadInputException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code shard} entry of a run.json: this run folder holds shard {@code index} of
 * {@code count} generator processes that ran one schedule from the wall-clock instant
 * {@code startAt}. Folders with the same {@code count}, {@code startAt} and parameters are
 * shards of one run, which the gate merges into one verdict.
 */
public record ShardInfo(int index, int count, String startAt) {
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", index);
        m.put("count", count);
        m.put("start_at", startAt);
        return m;
    }

    /** The shard entry of a run.json, or null when the run was not sharded. */
    public static ShardInfo of(JsonNode runInfo, String where) {
        JsonNode s = runInfo.path("shard");
        if (s.isMissingNode() || s.isNull()) {
            return null;
        }
        if (!s.isObject() || !s.path("index").canConvertToInt() || !s.path("count").canConvertToInt()
                || !s.path("start_at").isTextual()) {
            throw new BadInputException(where + ": 'shard' must be an object with index, count and start_at");
        }
        ShardInfo info = new ShardInfo(s.path("index").asInt(), s.path("count").asInt(), s.path("start_at").asText());
        if (info.count < 1 || info.index < 1 || info.index > info.count) {
            throw new BadInputException(where + ": shard " + info.label() + " is not i/N with 1 <= i <= N");
        }
        return info;
    }

    public String label() {
        return index + "/" + count;
    }
}
