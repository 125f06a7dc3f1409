package dev.sluice.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScenarioJsonTest {

  @Test
  void readsEverySeedFieldAndTheExtensions() {
    Scenario s = ScenarioJson.parse("""
        {"_tag": "ScenarioConfig", "name": "Stress Test", "description": "d",
         "targetEps": 10000, "burstSize": 100, "duration": 30000,
         "payloadType": "senml", "payloadSizeBytes": 256, "errorRate": 0.001,
         "latencySpike": {"probability": 0.01, "durationMs": 50},
         "circuitBreaker": {"failureThreshold": 50, "resetTimeoutMs": 5000},
         "arrival": "poisson",
         "phases": [{"kind": "warmup", "durationMs": 2000, "eps": 500},
                    {"kind": "ramp", "durationMs": 3000, "fromEps": 500, "toEps": 10000},
                    {"kind": "steady", "durationMs": 25000}],
         "successCriteria": {"minSustainedEps": 9500, "maxP95Ms": 100, "maxP99Ms": 250,
                             "minSuccessRate": 0.99, "maxHeapMb": 512}}""");
    assertThat(s.name()).isEqualTo("Stress Test");
    assertThat(s.targetEps()).isEqualTo(10_000);
    assertThat(s.duration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.payloadType()).isEqualTo("senml");
    assertThat(s.latencySpike()).isEqualTo(new Scenario.LatencySpike(0.01, 50));
    assertThat(s.circuitBreaker()).isEqualTo(new Scenario.CircuitBreaker(50, 5000));
    assertThat(s.arrival()).isEqualTo(Scenario.Arrival.POISSON);
    assertThat(s.phases()).extracting(Scenario.Phase::kind)
        .containsExactly(Scenario.Phase.Kind.WARMUP, Scenario.Phase.Kind.RAMP,
            Scenario.Phase.Kind.STEADY);
    assertThat(s.phases().get(2).toEps()).isEqualTo(10_000);
    assertThat(s.phases().get(0).measured()).isFalse();
    assertThat(s.criteria().maxHeapBytes()).isEqualTo(512L << 20);
    assertThat(s.totalDuration()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.warmupDuration()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void reportsEveryProblemWithItsJsonPathAndOnlyFieldsAUserMayWrite() {
    assertThatThrownBy(() -> ScenarioJson.parse("""
        {"name": "x", "targetEps": -5, "burstSize": "many", "colour": "red",
         "latencySpike": {"probability": 1.5, "durationMs": 10},
         "phases": [{"kind": "sprint", "durationMs": 10}, {"kind": "steady"}],
         "arrival": "random"}"""))
        .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems())
            .containsExactlyInAnyOrder(
                "$.colour: unknown field; known fields: [arrival, burstSize, circuitBreaker, description, duration, durationMs, errorRate, latencySpike, name, payloadSizeBytes, payloadType, phases, successCriteria, targetEps]",
                "$.targetEps: must be in [0.001, 10000000], was -5",
                "$.burstSize: must be a number, was STRING",
                "$.latencySpike.probability: must be in [0, 1], was 1.5",
                "$.arrival: must be \"constant\" or \"poisson\", was \"random\"",
                "$.phases[0].kind: must be \"warmup\", \"steady\" or \"ramp\", was \"sprint\"",
                "$.phases[1].durationMs: required"));
  }

  @Test
  void anUnknownPayloadTypeListsTheKnownOnes() {
    assertThatThrownBy(() -> ScenarioJson.parse("{\"name\": \"x\", \"targetEps\": 10,"
        + " \"payloadType\": \"protobuf\"}"))
        .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems())
            .containsExactly("$.payloadType: unknown payload type \"protobuf\"; known: "
                + ScenarioJson.knownPayloadTypes()));
    // engine-payloads is on the test class path: its generators are offered
    assertThat(ScenarioJson.knownPayloadTypes()).contains("synthetic", "senml");
  }

  @Test
  void aRateAboveTheLimitIsRejected() {
    assertThatThrownBy(() -> ScenarioJson.parse("{\"name\": \"x\", \"targetEps\": 2e7}"))
        .hasMessage("invalid scenario: $.targetEps: must be in [0.001, 10000000], was 20000000");
  }

  @Test
  void syntaxErrorsNameLineAndColumnWithoutParserInternals() {
    assertThatThrownBy(() -> ScenarioJson.parse("{\n  \"name\": \"x\",\n  \"targetEps\": 10,,\n}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("line 3, column 19")
        .hasMessageNotContaining("Source:")
        .hasMessageNotContaining("REDACTED");
  }

  @Test
  void durationMsIsTheSameAsTheSeedsDuration() {
    Scenario a = ScenarioJson.parse("{\"name\": \"x\", \"targetEps\": 10, \"duration\": 1500}");
    Scenario b = ScenarioJson.parse("{\"name\": \"x\", \"targetEps\": 10, \"durationMs\": 1500}");
    assertThat(a).isEqualTo(b);
    assertThatThrownBy(() -> ScenarioJson.parse(
        "{\"name\": \"x\", \"targetEps\": 10, \"duration\": 1, \"durationMs\": 1}"))
        .hasMessageContaining("$.durationMs: give \"duration\" or \"durationMs\", not both");
  }

  @Test
  void criteriaThatAreNotSetAreAbsentFromTheJson() {
    Scenario s = ScenarioJson.parse("{\"name\": \"x\", \"targetEps\": 10,"
        + " \"successCriteria\": {\"maxP99Ms\": 20}}");
    String json = ScenarioJson.write(s);
    assertThat(json).contains("\"maxP99Ms\" : 20.0").doesNotContain("minSustainedEps")
        .doesNotContain("maxP95Ms").doesNotContain("minSuccessRate").doesNotContain("maxHeapMb");
    Scenario none = ScenarioJson.parse("{\"name\": \"x\", \"targetEps\": 10}");
    assertThat(ScenarioJson.write(none)).doesNotContain("successCriteria");
  }

  @Test
  void everyPresetRoundTripsThroughJson() {
    assertThat(Presets.all().keySet())
        .containsExactly("warmup", "steady", "stress", "spike", "soak", "firehose");
    for (Scenario s : Presets.all().values()) {
      assertThat(ScenarioJson.parse(ScenarioJson.write(s))).as(s.name()).isEqualTo(s);
    }
    assertThat(Presets.find("stress").orElseThrow().targetEps()).isEqualTo(10_000);
    assertThat(Presets.find("firehose").orElseThrow().targetEps()).isEqualTo(1_000_000);
  }
}
