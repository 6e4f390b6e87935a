package io.milvusbench.load;

import io.milvusbench.BadInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shards of a schedule send exactly the requests, at exactly the instants, one process would. */
class ScheduleTest {
    @Test
    void shardsPartitionTheWholeSchedule() {
        long phase = 2_500_000_000L;   // 2.5 s at 7/s: requests 0..16
        Schedule whole = Schedule.single(7);
        TreeMap<Long, Long> one = new TreeMap<>();
        for (long i = 0; i < whole.count(phase); i++) {
            one.put(whole.sequence(i), whole.offsetNanos(i));
        }
        assertEquals(17, one.size());
        for (int n : new int[] {2, 3, 5}) {
            TreeMap<Long, Long> merged = new TreeMap<>();
            for (int shard = 1; shard <= n; shard++) {
                Schedule s = new Schedule(7, shard, n);
                assertEquals(7.0 / n, s.shareRate(), 1e-12);
                for (long i = 0; i < s.count(phase); i++) {
                    assertEquals(null, merged.put(s.sequence(i), s.offsetNanos(i)), "request sent by two shards");
                }
            }
            assertEquals(one, merged, n + " shards");
        }
    }

    @Test
    void parsesShardAndStart() {
        assertEquals(List.of(2, 4), toList(Schedule.parseShard(" 2/4 ")));
        for (String bad : new String[] {"0/2", "3/2", "1", "a/b", "1/0", "", "1/2/3"}) {
            BadInputException e = assertThrows(BadInputException.class, () -> Schedule.parseShard(bad));
            assertEquals(true, e.getMessage().startsWith("--shard must be i/N"), e.getMessage());
        }
        assertEquals(Instant.parse("2026-11-30T04:30:00Z"), Schedule.parseStart("2026-11-30T04:30:00Z"));
        assertEquals(Instant.ofEpochMilli(1_700_000_000_500L), Schedule.parseStart("1700000000.5"));
        assertThrows(BadInputException.class, () -> Schedule.parseStart("tomorrow"));
        assertThrows(BadInputException.class, () -> new Schedule(10, 3, 2));
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int x : a) {
            out.add(x);
        }
        return out;
    }
}
