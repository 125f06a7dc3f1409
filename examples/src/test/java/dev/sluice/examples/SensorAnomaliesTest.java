package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cep.anomaly.Anomaly;
import dev.sluice.cep.correlate.CorrelatedSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The anomaly example finds the injected faults as incidents and the glitches as anomalies. */
class SensorAnomaliesTest {

  @Test
  void injectedFaultsBecomeIncidentsAndGlitchesStayAnomalies() throws Exception {
    SensorAnomalies.Result r = SensorAnomalies.run(5, 1200, 7);
    assertThat(r.injectedFaults()).hasSizeGreaterThan(10);
    assertThat(r.injectedGlitches()).isNotEmpty();

    Set<String> flagged = new HashSet<>();
    for (Anomaly<String> a : r.anomalies()) {
      flagged.add(a.key() + "@" + a.timestamp());
    }
    int found = 0;
    for (SensorAnomalies.Reading f : r.injectedFaults()) {
      found += flagged.contains(f.sensorId() + "@" + f.timeMillis()) ? 1 : 0;
    }
    assertThat((double) found / r.injectedFaults().size()).as("fault readings flagged").isGreaterThan(0.9);

    // every fault whose two readings were flagged is an incident of its device and window
    Set<String> incidents = new HashSet<>();
    for (CorrelatedSet<String> i : r.incidents()) {
      assertThat(i.complete()).isTrue();
      assertThat(i.count("temperature")).isPositive();
      assertThat(i.count("vibration")).isPositive();
      incidents.add(i.key() + "@" + i.windowStart());
    }
    List<SensorAnomalies.Reading> faults = r.injectedFaults();
    int expectedIncidents = 0;
    for (int k = 0; k < faults.size(); k += 2) {
      SensorAnomalies.Reading t = faults.get(k);
      SensorAnomalies.Reading v = faults.get(k + 1);
      if (flagged.contains(t.sensorId() + "@" + t.timeMillis())
          && flagged.contains(v.sensorId() + "@" + v.timeMillis())) {
        expectedIncidents++;
        assertThat(incidents).contains(t.device() + "@" + (t.timeMillis() / 5000) * 5000);
      }
    }
    assertThat(expectedIncidents).isGreaterThan(faults.size() / 2 * 8 / 10);
    // glitches of one sensor alone do not make incidents (unless a fault shares the window)
    assertThat(r.incidents().size()).isLessThanOrEqualTo(expectedIncidents + r.injectedGlitches().size() / 4);
  }
}
