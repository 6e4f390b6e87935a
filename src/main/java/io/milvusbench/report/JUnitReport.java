package io.milvusbench.report;

import io.milvusbench.gate.Comparison;
import io.milvusbench.gate.Figures;
import io.milvusbench.gate.GateResult;
import io.milvusbench.gate.Measurements;
import io.milvusbench.gate.RuleResult;
import io.milvusbench.gate.Status;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code junit.xml}: one test case per rule (a {@code failure} naming the measured value and the
 * bound when the rule fails the gate, {@code skipped} for a rule without data that does not), and
 * one per series compared with the baseline, so any CI shows a breach by name.
 */
public final class JUnitReport {
    private static final String RULES = "milvus-bench.thresholds";
    private static final String BASELINE = "milvus-bench.baseline";

    private JUnitReport() {
    }

    private record Case(String name, String failureType, String message, String detail, boolean skipped, String out) {
    }

    public static byte[] render(GateResult r) {
        List<Case> rules = new ArrayList<>();
        for (String f : r.failures()) {
            rules.add(new Case("run-failure: " + f, "failure", f, "the run recorded this failure; the gate fails whatever the rules say", false, ""));
        }
        for (RuleResult rr : r.rules()) {
            String detail = rr.judged().stream().map(j -> j.status().label() + ": " + j.observation().statistic() + " of "
                    + Tables.where(j.observation()) + " = " + Figures.withUnit(j.observation().value(), j.observation().unit())
                    + " (" + rr.rule().boundText() + ")").collect(Collectors.joining("\n"));
            boolean fails = r.fails(rr);
            rules.add(new Case(rr.rule().name(), fails ? rr.status().label() : null, rr.message(), detail,
                    !fails && rr.status() == Status.NO_DATA,
                    !fails && rr.status() == Status.WARNING ? "WARNING: " + rr.message() : detail));
        }
        List<Case> baseline = new ArrayList<>();
        Map<String, List<Comparison>> bySeries = new LinkedHashMap<>();
        r.comparisons().forEach(c -> bySeries.computeIfAbsent(c.series() + (Measurements.CLIENT.equals(c.component()) ? "" : " @" + c.component()),
                k -> new ArrayList<>()).add(c));
        boolean regressionsFail = r.policy().fails(r.policy().regressionStatus());
        bySeries.forEach((series, list) -> {
            List<Comparison> worse = list.stream().filter(c -> c.outcome() == Comparison.Outcome.REGRESSION).toList();
            String detail = list.stream().map(c -> c.outcome().label() + ": " + c.statistic() + " " + Figures.withUnit(c.baseline(), c.unit())
                    + " -> " + Figures.withUnit(c.current(), c.unit()) + " (" + Tables.signed(c.changePct()) + " %)").collect(Collectors.joining("\n"));
            String message = worse.isEmpty() ? "" : "regression: " + worse.stream().map(c -> c.statistic() + " "
                    + Tables.signed(c.changePct()) + " % (" + Figures.withUnit(c.baseline(), c.unit()) + " -> "
                    + Figures.withUnit(c.current(), c.unit()) + ", ±" + Figures.format(c.marginPct()) + " %, p " + Tables.pValue(c.pValue()) + ")")
                    .collect(Collectors.joining("; "));
            boolean fails = !worse.isEmpty() && regressionsFail;
            baseline.add(new Case(series, fails ? "regression" : null, message, detail, false, detail));
        });
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(bytes, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "milvus-bench gate");
            suite(x, RULES, rules);
            if (r.hasBaseline()) {
                suite(x, BASELINE, baseline);
            }
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return bytes.toByteArray();
    }

    private static void suite(XMLStreamWriter x, String name, List<Case> cases) throws XMLStreamException {
        x.writeCharacters("\n  ");
        x.writeStartElement("testsuite");
        x.writeAttribute("name", name);
        x.writeAttribute("tests", String.valueOf(cases.size()));
        x.writeAttribute("failures", String.valueOf(cases.stream().filter(c -> c.failureType() != null).count()));
        x.writeAttribute("skipped", String.valueOf(cases.stream().filter(Case::skipped).count()));
        x.writeAttribute("errors", "0");
        x.writeAttribute("time", "0");
        for (Case c : cases) {
            x.writeCharacters("\n    ");
            x.writeStartElement("testcase");
            x.writeAttribute("classname", name);
            x.writeAttribute("name", c.name());
            x.writeAttribute("time", "0");
            if (c.failureType() != null) {
                x.writeStartElement("failure");
                x.writeAttribute("type", c.failureType());
                x.writeAttribute("message", c.message());
                x.writeCharacters(c.detail());
                x.writeEndElement();
            } else if (c.skipped()) {
                x.writeEmptyElement("skipped");
                x.writeAttribute("message", c.message());
            } else if (!c.out().isEmpty()) {
                x.writeStartElement("system-out");
                x.writeCharacters(c.out());
                x.writeEndElement();
            }
            x.writeEndElement();
        }
        x.writeCharacters("\n  ");
        x.writeEndElement();
    }
}
