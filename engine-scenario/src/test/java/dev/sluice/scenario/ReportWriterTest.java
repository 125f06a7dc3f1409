package dev.sluice.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportWriterTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theTextSaysTheScheduleWasNotKeptAndWhy() {
    ScenarioReport r = ReportFixtures.fellBehind();
    String text = ReportWriter.text(r);
    assertThat(text)
        .contains("schedule  NOT KEPT: planned 30.0 s, took 50.0 s (ended 20.0 s late);"
            + " backlog 108,000 events at the planned end")
        .contains("planned 10,000 ev/s, achieved 6,000 ev/s (60.0%): 270,000 events of the"
            + " measured phases completed in 45.0 s of wall-clock time")
        .contains("errors 300 (circuit open 20, injected failure 280)")
        .contains("criteria  achieved ≥ 9,500 ev/s, p99 ≤ 500 ms, success ≥ 0.99")
        .contains("override  --rate 10000")
        .contains("note      warm-up: 3.0 s of the 30.0 s duration, not measured")
        .contains("FAILED")
        .contains("- achieved rate 6,000 ev/s is below the minimum 9,500 ev/s")
        .contains("- p99 latency 1960.00 ms is above the maximum 500.00 ms");
  }

  @Test
  void everyJsonFigureNamesItsUnitAndAbsentCriteriaAreAbsent() throws Exception {
    ScenarioReport r = ReportFixtures.fellBehind();
    JsonNode j = MAPPER.readTree(ReportWriter.json(r));
    Pattern unit = Pattern.compile(
        ".*(EventsPerSecond|Millis|Events|Bytes|Ratio)$|seed|availableProcessors");
    for (Map.Entry<String, JsonNode> f : j.properties()) {
      if (f.getValue().isNumber()) {
        assertThat(unit.matcher(f.getKey()).matches()).as(f.getKey()).isTrue();
      }
    }
    assertThat(j.get("targetEventsPerSecond").asDouble()).isEqualTo(
        j.get("scenario").get("targetEps").asDouble());
    assertThat(j.get("achievedEventsPerSecond").asDouble()).isEqualTo(6_000);
    assertThat(j.get("endedLateMillis").asLong()).isEqualTo(20_000);
    assertThat(j.get("plannedEndBacklogEvents").asLong()).isEqualTo(108_000);
    assertThat(j.get("keptSchedule").asBoolean()).isFalse();
    assertThat(j.get("stoppedBy").asText()).isEqualTo("completed");
    assertThat(j.get("startTime").asText()).isEqualTo("2026-12-01T23:00:00Z");
    assertThat(j.get("sluiceVersion").asText()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(j.get("seed").asLong()).isEqualTo(42);
    assertThat(j.get("jvm").asText()).contains("OpenJDK");
    assertThat(j.get("host").asText()).startsWith("testhost");
    assertThat(j.get("overrides").get(0).get("option").asText()).isEqualTo("--rate");
    assertThat(j.get("errorEventsByKind").get("circuit open").asLong()).isEqualTo(20);
    JsonNode criteria = j.get("scenario").get("successCriteria");
    assertThat(criteria.has("minSustainedEps")).isTrue();
    assertThat(criteria.has("maxP95Ms")).isFalse();
    assertThat(criteria.has("maxHeapMb")).isFalse();
    // a period in which nothing completed has no latency, rather than 0
    assertThat(j.get("timeline").get(1).get("p50Millis").isNull()).isTrue();
    assertThat(j.get("timeline").get(0).get("p50Millis").asDouble()).isEqualTo(2);
    assertThat(j.get("percentiles").get(0).has("latencyMillis")).isTrue();
  }

  @Test
  void theVersionComesFromTheBuild() {
    assertThat(RunInfo.version()).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void theHtmlChartsHaveTicksGridLabelledTargetsAndALatencyOverTimeChart() {
    String html = ReportWriter.html(ReportFixtures.fellBehind());
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script")
        .contains("Throughput over time", "Latency over time", "Latency by percentile");
    assertThat(count(html, "<svg")).isEqualTo(3);
    assertThat(count(html, "class=\"tick\"")).isGreaterThan(20);
    assertThat(count(html, "class=\"grid\"")).isGreaterThan(20);
    assertThat(html).contains(">criterion: achieved ≥ 9,500 ev/s</text>")
        .contains(">criterion: p99 ≤ 500 ms</text>")
        .contains(">planned end</text>").contains(">warm-up ends</text>")
        .contains(">p50</text>").contains(">p99</text>");
    // the percentile axis: each label sits under its point
    String pct = html.substring(html.indexOf("Latency by percentile"));
    Matcher circles = Pattern.compile("<circle cx=\"([0-9.]+)\"").matcher(pct);
    Matcher labels = Pattern.compile(
        "<text class=\"tick-label\" x=\"([0-9.]+)\" y=\"[0-9.]+\" text-anchor=\"middle\">([^<]+)</text>")
        .matcher(pct);
    int n = 0;
    while (circles.find()) {
      assertThat(labels.find()).isTrue();
      assertThat(labels.group(1)).as(labels.group(2)).isEqualTo(circles.group(1));
      n++;
    }
    assertThat(n).isEqualTo(12);
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
