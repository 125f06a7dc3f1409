package dev.sluice.scenario;

import dev.sluice.core.metrics.LatencySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports built by hand, so the writers can be checked on known figures. */
final class ReportFixtures {
  private ReportFixtures() {}

  /**
   * The stress preset at 10,000 ev/s for 30 s, run on a target that managed about 6,000 ev/s:
   * it ended 20 s late.
   */
  static ScenarioReport fellBehind() {
    Scenario s = Presets.find("stress").orElseThrow();
    List<ScenarioReport.TimelinePoint> tl = new ArrayList<>();
    for (int t = 1; t <= 50; t++) {
      double eps = t <= 3 ? 1_000 : 6_000 + 300 * Math.sin(t);
      double p50 = t <= 3 ? 2 : 40.0 * t;
      tl.add(new ScenarioReport.TimelinePoint(t, eps, t == 2 ? Double.NaN : p50,
          t == 2 ? Double.NaN : p50 * 1.3 + 5, Math.max(0, (t - 3) * 4_000L)));
    }
    List<double[]> pc = new ArrayList<>();
    double[] qs = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100};
    for (double q : qs) {
      pc.add(new double[] {q, 5 + q * q / 5});
    }
    LatencySnapshot lat = new LatencySnapshot(270_000, 1_000_000, 900e6, 505_000_000,
        1_600_000_000, 1_960_000_000, 1_990_000_000, 2_005_000_000);
    RunInfo info = new RunInfo(Instant.parse("2026-12-01T23:00:00Z"), "0.1.0-SNAPSHOT", 42,
        "OpenJDK 64-Bit Server VM 17", "testhost (Linux, amd64)", 2, "built-in system under test",
        List.of(new RunInfo.OptionOverride("--rate", "10000", "10000")));
    ScenarioReport draft = new ScenarioReport(s, info, ScenarioReport.StopReason.COMPLETED,
        10_000, 6_000, s.plannedEventsBy(30), 273_000, 0, 272_700, 300,
        Map.of("injected failure", 280L, "circuit open", 20L), 0, 45_000, 30_000, 50_000,
        108_000, List.of(), lat, 300L << 20, tl, pc,
        List.of("warm-up: 3.0 s of the 30.0 s duration, not measured"), List.of());
    return draft.withFailures(ScenarioRunner.judge(draft));
  }

  /** A scenario of one steady phase, no criteria. */
  static Scenario plain(Duration d) {
    return new Scenario("plain", "one phase", 1_000, 10, d, "synthetic", 64, 0,
        Scenario.LatencySpike.NONE, null, Scenario.Arrival.CONSTANT, List.of(),
        Scenario.SuccessCriteria.NONE);
  }
}
