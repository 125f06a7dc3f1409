package dev.sluice.examples;

import dev.sluice.cep.anomaly.Anomaly;
import dev.sluice.cep.anomaly.AnomalyDetection;
import dev.sluice.cep.anomaly.DetectionWindow;
import dev.sluice.cep.anomaly.Detectors;
import dev.sluice.cep.correlate.CompletionRule;
import dev.sluice.cep.correlate.CorrelatedSet;
import dev.sluice.cep.correlate.Correlation;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Per-sensor anomaly detection on synthetic machine telemetry, and correlation of the anomalies
 * into incidents.
 *
 * <p>Every device reports a temperature and a vibration reading each second. A few times per
 * device a fault makes both jump at once; now and then one sensor alone glitches. The pipeline
 * scores each sensor's reading against that sensor's last 60 readings with a z-score detector
 * (threshold 4), then correlates the anomalies by device in 5-second event-time windows: a
 * device with a temperature anomaly and a vibration anomaly in the same window is an incident,
 * reported as soon as both are there.
 *
 * <p>Usage: {@code SensorAnomalies [devices] [seconds]} (defaults 5 and 600).
 */
public final class SensorAnomalies {

  /** One reading: device, sensor kind ("temperature" or "vibration"), value, event time. */
  public record Reading(String device, String sensor, double value, long timeMillis) {
    /** The sensor's id, the detection key. */
    public String sensorId() {
      return device + "/" + sensor;
    }
  }

  /** What a run found, with the injected truth to compare against. */
  public record Result(
      List<Anomaly<String>> anomalies,
      List<CorrelatedSet<String>> incidents,
      List<Reading> injectedFaults,
      List<Reading> injectedGlitches,
      List<StageCounts> counts) {}

  private SensorAnomalies() {}

  /** Runs the example and prints the incidents, the anomalies and the stage counts. */
  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    Result r = run(devices, seconds, 7);
    for (CorrelatedSet<String> incident : r.incidents()) {
      System.out.printf(
          "incident on %s in [%d s, %d s): %s%n",
          incident.key(), incident.windowStart() / 1000, incident.windowEnd() / 1000,
          incident.eventsOf("temperature", Anomaly.class).size() + " temperature and "
              + incident.eventsOf("vibration", Anomaly.class).size() + " vibration anomalies");
    }
    System.out.printf(
        "%d anomalies, %d incidents; injected %d faults (both sensors) and %d glitches (one)%n",
        r.anomalies().size(), r.incidents().size(), r.injectedFaults().size() / 2,
        r.injectedGlitches().size());
    for (StageCounts c : r.counts()) {
      System.out.printf("  %-28s in=%,d out=%,d%n", c.stage(), c.in(), c.out());
    }
  }

  /** Generates the telemetry with {@code seed}, runs the pipeline and returns what it found. */
  public static Result run(int devices, int seconds, long seed) throws Exception {
    List<Reading> faults = new ArrayList<>();
    List<Reading> glitches = new ArrayList<>();
    List<Reading> readings = telemetry(devices, seconds, seed, faults, glitches);

    Pipeline pipeline = Pipeline.create();
    Stage<Reading> telemetry =
        pipeline.source(Sources.fromList("telemetry", readings))
            .withTimestamps(Reading::timeMillis, 2_000);
    Stage<Anomaly<String>> anomalies =
        AnomalyDetection.of(telemetry.keyBy(Reading::sensorId), Reading::value)
            .window(DetectionWindow.lastValues(60))
            .named("sensor-anomalies")
            .detect(Detectors.zScore().threshold(4));
    CollectSink<Anomaly<String>> anomalySink = Sinks.collect("anomalies");
    anomalies.sink(anomalySink);

    Stage<Anomaly<String>> hot = anomalies.filter(a -> a.key().endsWith("/temperature")).named("hot");
    Stage<Anomaly<String>> shaking =
        anomalies.filter(a -> a.key().endsWith("/vibration")).named("shaking");
    Stage<CorrelatedSet<String>> incidents =
        Correlation.of("temperature", hot, SensorAnomalies::device)
            .and("vibration", shaking, SensorAnomalies::device)
            .window(Duration.ofSeconds(5))
            .completeWhen(CompletionRule.allStreams())
            .named("incidents")
            .sets();
    CollectSink<CorrelatedSet<String>> incidentSink = Sinks.collect("incident-sink");
    incidents.filter(CorrelatedSet::complete).named("complete-only").sink(incidentSink);
    incidents.sideOutput(Correlation.LATE_EVENTS).sink(Sinks.discard("late-anomalies"));

    try (Engine engine = Engine.create()) {
      Job job = engine.submit(pipeline, "sensor-anomalies");
      job.join(Duration.ofMinutes(2));
      return new Result(
          List.copyOf(anomalySink.items()), List.copyOf(incidentSink.items()), faults, glitches,
          job.counts());
    }
  }

  /** The device of an anomaly's sensor id. */
  static String device(Anomaly<String> a) {
    return a.key().substring(0, a.key().indexOf('/'));
  }

  /**
   * One reading per sensor per second. Temperature: 40 °C plus a slow daily-like wave plus noise
   * (sd 0.5); vibration: 2 mm/s plus noise (sd 0.2). Faults (0.3 % of seconds per device, not in
   * the first minute): temperature +6 to +10 °C and vibration +2 to +3 mm/s in the same second.
   * Glitches (0.3 %): one sensor alone, by as much.
   */
  static List<Reading> telemetry(
      int devices, int seconds, long seed, List<Reading> faults, List<Reading> glitches) {
    SplittableRandom r = new SplittableRandom(seed);
    List<Reading> out = new ArrayList<>();
    for (int t = 0; t < seconds; t++) {
      for (int d = 0; d < devices; d++) {
        String device = "device-" + d;
        long time = t * 1000L + d;
        double temperature = 40 + 2 * Math.sin(2 * Math.PI * t / 3600.0 + d) + 0.5 * r.nextGaussian();
        double vibration = 2 + 0.2 * r.nextGaussian();
        boolean warm = t >= 60;
        double p = r.nextDouble();
        boolean fault = warm && p < 0.003;
        boolean glitchTemperature = warm && p >= 0.003 && p < 0.0045;
        boolean glitchVibration = warm && p >= 0.0045 && p < 0.006;
        if (fault || glitchTemperature) {
          temperature += 6 + 4 * r.nextDouble();
        }
        if (fault || glitchVibration) {
          vibration += 2 + r.nextDouble();
        }
        Reading tr = new Reading(device, "temperature", temperature, time);
        Reading vr = new Reading(device, "vibration", vibration, time);
        out.add(tr);
        out.add(vr);
        if (fault) {
          faults.add(tr);
          faults.add(vr);
        } else if (glitchTemperature) {
          glitches.add(tr);
        } else if (glitchVibration) {
          glitches.add(vr);
        }
      }
    }
    return out;
  }
}
