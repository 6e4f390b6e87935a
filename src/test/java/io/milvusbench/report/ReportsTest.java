package io.milvusbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.milvusbench.gate.Gate;
import io.milvusbench.gate.GatePolicy;
import io.milvusbench.gate.GateResult;
import io.milvusbench.gate.RunFixture;
import io.milvusbench.results.SeriesId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.milvusbench.gate.RunFixture.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportsTest {
    @TempDir
    Path tmp;

    private GateResult judge(String yaml, Path baseline) throws IOException {
        Path run = RunFixture.create(tmp, "run-" + Math.abs(yaml.hashCode()))
                .series(SeriesId.parse("search[index=HNSW]"), range(1, 1000), range(1, 1000)).dir();
        Path rules = Files.writeString(tmp.resolve("r-" + Math.abs(yaml.hashCode()) + ".yaml"), yaml);
        return Gate.run(run, rules, baseline, List.of(), GatePolicy.defaults());
    }

    @Test
    void tablesRenderAsTextMarkdownAndEscapedHtml() {
        Table t = new Table("status", "rule").add("critical", "a|b <c>");
        assertEquals("status    rule\n--------  -------\ncritical  a|b <c>\n", t.toText());
        assertEquals("| status | rule |\n|---|---|\n| critical | a\\|b <c> |\n", t.toMarkdown());
        assertTrue(t.toHtml(0).contains("<td class=\"critical\">critical</td><td>a|b &lt;c&gt;</td>"), t.toHtml(0));
    }

    @Test
    void percentilesTheSamplesCannotSupportAreBracketed() throws IOException {
        // 2,000 samples: p99 has 20 beyond it (shown), p99.9 only 2 (bracketed)
        GateResult r = judge("rules:\n  - {name: loose, series: search, statistic: p50, max: 1000}\n", null);
        List<String> row = Tables.percentiles(r.measurements()).rows().get(0);
        assertEquals("2000", row.get(2), row.toString());
        List<String> figures = row.subList(3, row.size()); // p50 p90 p95 p99 p99.9 max mean
        assertFalse(figures.get(3).startsWith("("), "p99: 20 samples beyond " + row);
        assertTrue(figures.get(4).startsWith("(") && figures.get(4).endsWith(")"), "p99.9: 2 samples beyond " + row);
        assertEquals(1, figures.stream().filter(f -> f.startsWith("(")).count(), row.toString());
    }

    @Test
    void percentileAxisIsLabelledInNines() {
        assertEquals("0%", Charts.ninesLabel(0));
        assertEquals("90%", Charts.ninesLabel(1));
        assertEquals("99.9%", Charts.ninesLabel(3));
        assertEquals("", Charts.ninesLabel(1.5));
    }

    @Test
    void junitXmlEscapesNamesAndCountsFailuresAndSkips() throws Exception {
        GateResult r = judge("""
                rules:
                  - {name: "p95 <search> & \\"more\\"", series: search, statistic: p95, max: 0.5}
                  - {name: gone, series: upsert, statistic: p95, max: 1, optional: true}
                  - {name: fine, series: search, statistic: p99, max: 5}
                """, null);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(JUnitReport.render(r)));
        var suite = (org.w3c.dom.Element) doc.getElementsByTagName("testsuite").item(0);
        assertEquals("3", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("1", suite.getAttribute("skipped"));
        var failed = (org.w3c.dom.Element) doc.getElementsByTagName("failure").item(0).getParentNode();
        assertEquals("p95 <search> & \"more\"", failed.getAttribute("name"));
        assertEquals(1, r.exitCode());
    }

    @Test
    void verdictJsonWritesFiguresWithoutUncertaintyAsNotCompared() throws Exception {
        SeriesId id = SeriesId.parse("search[index=HNSW]");
        Path base = RunFixture.create(tmp, "base").series(id, range(1, 1000)).dir();
        Path run = RunFixture.create(tmp, "run").series(id, range(1, 1000)).dir();
        GateResult r = Gate.run(run, null, base, List.of(), GatePolicy.defaults());
        JsonNode json = new ObjectMapper().readTree(VerdictJson.render(r));
        JsonNode p50 = null;
        JsonNode max = null;
        for (JsonNode c : json.get("baseline_comparison")) {
            if (c.get("statistic").asText().equals("p50")) {
                p50 = c;
            } else if (c.get("statistic").asText().equals("max")) {
                max = c;
            }
        }
        assertEquals("not compared", p50.get("outcome").asText(), p50.toString());
        assertTrue(p50.get("note").asText().contains("the run's own variation is unmeasured"), p50.toString());
        assertEquals("not compared", max.get("outcome").asText(), max.toString());
        assertTrue(max.get("margin").isNull() && max.get("p_value").isNull(), max.toString());
        assertEquals(base.toString(), json.get("baselines").get(0).asText());
        assertTrue(json.get("thresholds").isNull());
    }

    @Test
    void markdownAndHtmlCarryTheVerdictAndTheMeasuredAs() throws IOException {
        GateResult r = judge("rules:\n  - {name: slow, series: search, statistic: p95, max: 0.5}\n", null);
        String md = TextReports.markdown(r);
        assertTrue(md.startsWith("## ❌ milvus-bench gate: FAIL (critical)"), md);
        assertTrue(md.contains("CRITICAL slow: p95 of search[index=HNSW] = 0.95 ms, breaches max 0.5"), md);
        assertTrue(md.contains("closed-loop service time"), md);
        String html = HtmlReport.render(r, Charts.render(r.measurements()));
        assertTrue(html.contains("<div class=\"verdict fail\">milvus-bench gate: FAIL (critical)</div>"));
        assertTrue(html.contains("data:image/png;base64,"));
        assertFalse(html.contains("plots not rendered"));
        assertFalse(html.contains("http"), "self-contained: no external resource");
    }
}
