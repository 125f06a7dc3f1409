package dev.sluice.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsAndLogTest {

  private static EngineSnapshot snapshot(long time, long p99Millis, double utilisation) {
    LatencySnapshot lat =
        new LatencySnapshot(10, 0, 0, 0, 0, p99Millis * 1_000_000, p99Millis * 1_000_000,
            p99Millis * 1_000_000);
    StageSnapshot stage =
        new StageSnapshot("parse", 10, 10, 0, 0, 0, 0, 0, 0, 0, Long.MIN_VALUE, -1, lat,
            LatencySnapshot.EMPTY, List.of(), List.of());
    EdgeSnapshot edge = new EdgeSnapshot("parse", "sink", (long) (utilisation * 100), 100,
        utilisation, 0);
    return new EngineSnapshot(time, List.of(new JobSnapshot(1, "job", "RUNNING",
        List.of(stage), List.of(edge))));
  }

  @Test
  void hysteresisRaisesOnceAndClearsOnlyPastTheClearThreshold() {
    List<String> seen = new ArrayList<>();
    AlertMonitor monitor =
        new AlertMonitor()
            .add(AlertRule.p99LatencyMillis("slow", 100, 50))
            .onAlert(a -> seen.add(a.timeMillis() + " " + a.rule() + " " + a.state()));
    long[] p99 = {10, 120, 90, 130, 60, 51, 50, 140};
    for (int i = 0; i < p99.length; i++) {
      monitor.evaluate(snapshot(i, p99[i], 0));
    }
    // raised at 120, stays raised through 90/130/60/51 (flapping), clears at 50, raises at 140
    assertThat(seen).containsExactly("1 slow RAISED", "6 slow CLEARED", "7 slow RAISED");
  }

  @Test
  void bufferUtilisationAlertsOnEdges() {
    List<AlertEvent> seen = new ArrayList<>();
    AlertMonitor monitor = new AlertMonitor().bufferUtilisation("full", 0.9, 0.5);
    monitor.onAlert(seen::add);
    for (double u : new double[] {0.2, 0.95, 0.7, 1.0, 0.4}) {
      monitor.evaluate(snapshot(0, 0, u));
    }
    assertThat(seen).extracting(AlertEvent::subject, AlertEvent::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("parse->sink", AlertEvent.State.RAISED),
            org.assertj.core.groups.Tuple.tuple("parse->sink", AlertEvent.State.CLEARED));
  }

  @Test
  void aClearThresholdOnTheBadSideIsRejected() {
    assertThatThrownBy(() -> AlertRule.errorRate("e", 0.1, 0.2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clearAt (0.2)");
  }

  @Test
  void debugLogKeepsTheNewestAndCountsOverwritten() {
    DebugEventLog log = new DebugEventLog(3);
    for (int i = 0; i < 5; i++) {
      log.record(new DebugEvent(i, DebugEvent.Kind.INFO, "s", "m" + i));
    }
    assertThat(log.events()).extracting(DebugEvent::message).containsExactly("m2", "m3", "m4");
    assertThat(log.overwritten()).isEqualTo(2);
  }

  @Test
  void throughputMeterComputesRatesAndKeepsHistory() {
    ThroughputMeter m = new ThroughputMeter(2);
    m.sample(1000, 0, 0);
    m.sample(2000, 500, 1000);
    m.sample(2500, 1000, 1000);
    m.sample(3500, 1000, 3000);
    assertThat(m.history())
        .containsExactly(new ThroughputPoint(2500, 1000, 0), new ThroughputPoint(3500, 0, 2000));
  }
}
