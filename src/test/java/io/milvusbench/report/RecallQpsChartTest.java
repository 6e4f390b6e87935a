package io.milvusbench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recall-vs-QPS plot: each kind's frontier, points with equal recall kept apart, nothing drawn from nothing. */
class RecallQpsChartTest {
    @Test
    void frontierKeepsOnlyUndominatedPointsInRecallOrder() {
        Charts.SweepDot a = new Charts.SweepDot("HNSW", 0.90, 300);
        Charts.SweepDot b = new Charts.SweepDot("HNSW", 0.99, 120);
        Charts.SweepDot c = new Charts.SweepDot("HNSW", 0.95, 100);   // dominated by b
        Charts.SweepDot d = new Charts.SweepDot("HNSW", 0.99, 110);   // same recall as b, less QPS
        assertEquals(List.of(a, b), Charts.frontier(List.of(b, c, a, d)));
    }

    @Test
    void rendersAPngForUsableDotsOnly() {
        List<Charts.SweepDot> dots = List.of(new Charts.SweepDot("FLAT", 1.0, 20), new Charts.SweepDot("HNSW", 0.9, 300),
                new Charts.SweepDot("HNSW", 0.99, 120), new Charts.SweepDot("IVF_FLAT", 0.99, 120), new Charts.SweepDot("IVF_FLAT", 0.7, 90));
        Charts.Chart chart = Charts.recallVsQps("recall@10", dots).orElseThrow();
        assertTrue(chart.png().length > 1000 && chart.png()[1] == 'P' && chart.png()[2] == 'N' && chart.png()[3] == 'G');
        assertTrue(Charts.recallVsQps("recall@10", List.of(new Charts.SweepDot("FLAT", 1.0, 0))).isEmpty());
    }
}
