package dev.sluice.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PresetsTest {

  @Test
  void everyPresetHasARateCriterionThatAFallingBehindRunFails() {
    for (Scenario s : Presets.all().values()) {
      double planned = s.plannedEventsBy(s.totalDuration().toNanos() / 1e9);
      double measuredSeconds = (s.totalDuration().minus(s.warmupDuration())).toNanos() / 1e9;
      double warmupEvents = s.plannedEventsBy(s.warmupDuration().toNanos() / 1e9);
      double measuredMean = (planned - warmupEvents) / measuredSeconds;
      assertThat(s.criteria().minSustainedEps()).as(s.name())
          .isCloseTo(Presets.RATE_CRITERION_SHARE * measuredMean, within(measuredMean * 1e-6));
    }
  }

  @Test
  void rateAndDurationScaleThePhasesTheRateCriterionAndTheDescription() {
    Scenario own = Presets.find("stress").orElseThrow();
    Scenario s = Presets.find("stress", 50_000.0, Duration.ofSeconds(10)).orElseThrow();
    assertThat(own.description()).contains("10,000 events/s for 30 s");
    assertThat(s.description()).contains("50,000 events/s for 10 s")
        .contains("the first 1 s a warm-up at 5,000 events/s");
    assertThat(s.targetEps()).isEqualTo(50_000);
    assertThat(s.totalDuration()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.warmupDuration()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.phases().get(1).toEps()).isEqualTo(50_000);
    assertThat(s.criteria().minSustainedEps()).isEqualTo(47_500);
    // absolute criteria stay
    assertThat(s.criteria().maxP99Ms()).isEqualTo(own.criteria().maxP99Ms());
  }

  @Test
  void theWarmupIsInsideTheDuration() {
    Scenario s = Presets.find("firehose", null, Duration.ofSeconds(5)).orElseThrow();
    assertThat(s.totalDuration()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.warmupDuration()).isEqualTo(Duration.ofMillis(1250));
    assertThat(s.description()).contains("for 5 s (the first 1.3 s a warm-up");
  }

  @Test
  void aScenarioFileScalesItsRateCriterionWithTheRate() {
    Scenario s = ScenarioJson.parse("{\"name\": \"x\", \"targetEps\": 1000,"
        + " \"successCriteria\": {\"minSustainedEps\": 900, \"maxP99Ms\": 20}}");
    Scenario t = s.withTargetEps(4000);
    assertThat(t.criteria().minSustainedEps()).isEqualTo(3600);
    assertThat(t.criteria().maxP99Ms()).isEqualTo(20);
    assertThat(t.plannedEventsBy(2)).isEqualTo(8000);
  }
}
