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
  }

  @Test
  void reportsEveryProblemWithItsJsonPath() {
    assertThatThrownBy(() -> ScenarioJson.parse("""
        {"name": "x", "targetEps": -5, "burstSize": "many", "colour": "red",
         "latencySpike": {"probability": 1.5, "durationMs": 10},
         "phases": [{"kind": "sprint", "durationMs": 10}, {"kind": "steady"}],
         "arrival": "random"}"""))
        .isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems())
            .containsExactlyInAnyOrder(
                "$.colour: unknown field; known fields: [_tag, arrival, burstSize, circuitBreaker, description, duration, errorRate, latencySpike, name, payloadSizeBytes, payloadType, phases, successCriteria, targetEps]",
                "$.targetEps: must be in [0.001, 1000000000], was -5",
                "$.burstSize: must be a number, was STRING",
                "$.latencySpike.probability: must be in [0, 1], was 1.5",
                "$.arrival: must be \"constant\" or \"poisson\", was \"random\"",
                "$.phases[0].kind: must be \"warmup\", \"steady\" or \"ramp\", was \"sprint\"",
                "$.phases[1].durationMs: required"));
  }

  @Test
  void syntaxErrorsNameLineAndColumn() {
    assertThatThrownBy(() -> ScenarioJson.parse("{\n  \"name\": \"x\",\n  \"targetEps\": 10,,\n}"))
        .isInstanceOf(ScenarioException.class)
        .hasMessageContaining("line 3, column 19");
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
