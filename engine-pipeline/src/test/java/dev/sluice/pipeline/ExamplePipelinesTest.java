package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every pipeline of examples/pipelines on its input and checks the output against a
 * reference computed here from the same input, in plain Java.
 */
class ExamplePipelinesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void iotTemperatureAveragesAndAlerts() throws Exception {
    TestFiles.copyExample("iot-temperature", dir);
    TestFiles.run(dir.resolve("pipeline.json"), LoadOptions.defaults());

    // Reference: valid readings grouped by (sensor, minute).
    record Acc(List<Double> temps) {}
    Map<String, Acc> groups = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("readings.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      double t = n.get("temperature").asDouble();
      if (!(t > -50 && t < 150)) {
        continue;
      }
      long minute = Math.floorDiv(n.get("ts").asLong(), 60_000L) * 60_000L;
      String k = n.get("sensorId").asText() + "|" + String.format(Locale.ROOT, "%015d", minute);
      groups.computeIfAbsent(k, x -> new Acc(new ArrayList<>())).temps().add(t);
    }
    List<String> expectedAverages = new ArrayList<>();
    List<String> expectedAlerts = new ArrayList<>();
    for (Map.Entry<String, Acc> e : groups.entrySet()) {
      String[] k = e.getKey().split("\\|");
      long start = Long.parseLong(k[1]);
      List<Double> temps = e.getValue().temps();
      double avg = temps.stream().mapToDouble(Double::doubleValue).sum() / temps.size();
      double max = temps.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
      expectedAverages.add(String.format(Locale.ROOT, "%s %d %d %.6f %.2f %d", k[0], start,
          start + 60_000, avg, max, temps.size()));
      if (avg > 30) {
        expectedAlerts.add(String.format(Locale.ROOT, "%s %d %.6f %s", k[0], start, avg,
            avg > 35 ? "critical" : "warning"));
      }
    }
    List<String> averages = new ArrayList<>();
    for (JsonNode n : lines(dir.resolve("out/averages.jsonl"))) {
      assertThat(fieldNames(n)).containsExactly("sensorId", "windowStart", "windowEnd", "avgTemp",
          "maxTemp", "readings");
      averages.add(String.format(Locale.ROOT, "%s %d %d %.6f %.2f %d", n.get("sensorId").asText(),
          n.get("windowStart").asLong(), n.get("windowEnd").asLong(), n.get("avgTemp").asDouble(),
          n.get("maxTemp").asDouble(), n.get("readings").asLong()));
    }
    List<String> alerts = new ArrayList<>();
    for (JsonNode n : lines(dir.resolve("out/alerts.jsonl"))) {
      alerts.add(String.format(Locale.ROOT, "%s %d %.6f %s", n.get("sensorId").asText(),
          n.get("windowStart").asLong(), n.get("avgTemp").asDouble(), n.get("level").asText()));
    }
    assertThat(averages).containsExactlyInAnyOrderElementsOf(expectedAverages);
    assertThat(alerts).containsExactlyInAnyOrderElementsOf(expectedAlerts);
    assertThat(alerts).isNotEmpty().anyMatch(a -> a.endsWith("critical")).anyMatch(a -> a.endsWith("warning"));
    assertThat(averages).hasSizeGreaterThan(30);
    assertSortedByWindowEnd(dir.resolve("out/averages.jsonl"));
  }

  @Test
  void userRevenueGroupByHaving() throws Exception {
    TestFiles.copyExample("user-revenue", dir);
    TestFiles.run(dir.resolve("pipeline.yaml"), LoadOptions.defaults());

    Map<String, double[]> groups = new TreeMap<>();
    List<String> rows = Files.readAllLines(dir.resolve("orders.csv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] c = row.split(",");
      if (!c[3].equals("paid")) {
        continue;
      }
      long hour = Math.floorDiv(Long.parseLong(c[4]), 3_600_000L) * 3_600_000L;
      double[] acc = groups.computeIfAbsent(c[1] + "," + hour, x -> new double[3]);
      acc[0] += Double.parseDouble(c[2]);
      acc[1]++;
      acc[2] = Math.max(acc[2], Double.parseDouble(c[2]));
    }
    List<String> expected = new ArrayList<>();
    for (Map.Entry<String, double[]> e : groups.entrySet()) {
      double[] a = e.getValue();
      if (a[0] >= 400) {
        String[] k = e.getKey().split(",");
        long start = Long.parseLong(k[1]);
        expected.add(String.format(Locale.ROOT, "%s,%d,%d,%.2f,%d,%.2f", k[0], start,
            start + 3_600_000L, Math.round(a[0] * 100) / 100.0, (long) a[1], a[2]));
      }
    }
    List<String> out = Files.readAllLines(dir.resolve("out/revenue.csv"));
    assertThat(out.get(0)).isEqualTo("userId,windowStart,windowEnd,revenue,orders,largest");
    List<String> actual = new ArrayList<>();
    for (String line : out.subList(1, out.size())) {
      String[] c = line.split(",");
      actual.add(String.format(Locale.ROOT, "%s,%s,%s,%.2f,%s,%.2f", c[0], c[1], c[2],
          Double.parseDouble(c[3]), c[4], Double.parseDouble(c[5])));
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(expected).hasSizeGreaterThan(5);
    assertThat(groups.size()).isGreaterThan(expected.size()); // having removed some groups
  }

  @Test
  void senmlToPrometheus() throws Exception {
    TestFiles.copyExample("senml-to-prometheus", dir);
    TestFiles.run(dir.resolve("pipeline.json"), LoadOptions.defaults());

    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("packs.jsonl"))) {
      JsonNode outer = JSON.readTree(line);
      JsonNode pack = JSON.readTree(outer.get("payload").asText());
      String bn = pack.get(0).get("bn").asText();
      long bt = pack.get(0).get("bt").asLong();
      for (JsonNode rec : pack) {
        if (!rec.has("v")) {
          continue;
        }
        String device = bn.substring(8, bn.indexOf(':', 8));
        expected.add(String.format(Locale.ROOT, "senml_%s{device=\"%s\",gateway=\"%s\",unit=\"%s\"} %s %d",
            rec.get("n").asText(), device, outer.get("gateway").asText(), rec.get("u").asText(),
            number(rec.get("v").asDouble()), bt * 1000));
      }
    }
    List<String> samples = new ArrayList<>();
    List<String> text = Files.readAllLines(dir.resolve("out/metrics.prom"));
    for (String l : text) {
      if (!l.startsWith("#")) {
        samples.add(l);
      }
    }
    assertThat(text).contains("# TYPE senml_temperature gauge", "# TYPE senml_humidity gauge");
    assertThat(samples).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(samples).hasSize(120);
  }

  @Test
  void sameOutputBytesAtEveryParallelism() throws Exception {
    TestFiles.copyExample("iot-temperature", dir);
    List<byte[]> averages = new ArrayList<>();
    List<byte[]> alerts = new ArrayList<>();
    for (int p : new int[] {1, 2, 4}) {
      TestFiles.run(dir.resolve("pipeline.json"), LoadOptions.defaults().withParallelism(p));
      averages.add(Files.readAllBytes(dir.resolve("out/averages.jsonl")));
      alerts.add(Files.readAllBytes(dir.resolve("out/alerts.jsonl")));
    }
    assertThat(averages.get(0)).isNotEmpty();
    assertThat(averages.get(1)).isEqualTo(averages.get(0));
    assertThat(averages.get(2)).isEqualTo(averages.get(0));
    assertThat(alerts.get(1)).isEqualTo(alerts.get(0));
    assertThat(alerts.get(2)).isEqualTo(alerts.get(0));
  }

  private static String number(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static void assertSortedByWindowEnd(Path file) throws IOException {
    long last = Long.MIN_VALUE;
    for (JsonNode n : lines(file)) {
      long end = n.get("windowEnd").asLong();
      assertThat(end).isGreaterThanOrEqualTo(last);
      last = end;
    }
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }
}
