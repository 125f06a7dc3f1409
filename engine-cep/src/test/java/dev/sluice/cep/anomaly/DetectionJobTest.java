package dev.sluice.cep.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cep.correlate.MarkedSource;
import dev.sluice.core.CollectSink;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Detection stages in real jobs: seeded determinism across parallelism, late events. */
class DetectionJobTest {

  @Test
  void isolationForestScoresAreTheSameAtParallelismOneTwoAndFour() throws Exception {
    SplittableRandom r = new SplittableRandom(17);
    List<Reading> readings = new ArrayList<>();
    for (int t = 0; t < 600; t++) {
      readings.add(new Reading("s" + r.nextInt(7), t, r.nextDouble() < 0.02 ? 20 * r.nextGaussian() : r.nextGaussian()));
    }
    List<Anomaly<String>> first = null;
    for (int p : new int[] {1, 2, 4}) {
      List<Anomaly<String>> scores =
          new ArrayList<>(
              Jobs.run(
                      readings,
                      p,
                      keyed ->
                          AnomalyDetection.of(keyed, Reading::value)
                              .window(DetectionWindow.lastValues(40))
                              .seed(99)
                              .named("detect")
                              .scores(Detectors.isolationForest().trees(20).sampleSize(16).retrainEvery(10).minValues(16)))
                  .anomalies());
      // per key, emission order is the key's arrival order; across keys it varies with p
      scores.sort(java.util.Comparator.comparing((Anomaly<String> a) -> a.key()).thenComparingLong(Anomaly::timestamp));
      assertThat(scores).hasSizeGreaterThan(400);
      if (first == null) {
        first = scores;
      } else {
        assertThat(scores).as("scores at parallelism %d", p).isEqualTo(first);
      }
    }
    // another seed gives other forests, hence other scores
    List<Anomaly<String>> other =
        Jobs.run(readings, 1, keyed -> AnomalyDetection.of(keyed, Reading::value)
                .window(DetectionWindow.lastValues(40)).seed(100).named("detect")
                .scores(Detectors.isolationForest().trees(20).sampleSize(16).retrainEvery(10).minValues(16)))
            .anomalies();
    assertThat(new ArrayList<>(other)).isNotEqualTo(first);
  }

  /** Readings, a marker (sensor null) after which the watermark is 49, then late and on-time readings. */
  @Test
  void lateEventsOfATimeWindowGoToTheSideOutputAndAreCounted() throws Exception {
    List<Reading> items = new ArrayList<>();
    for (int t = 0; t < 20; t++) {
      items.add(new Reading("a", t, t % 2));
    }
    items.add(new Reading(null, 50, 0)); // marker: watermark 49
    items.add(new Reading("a", 30, 5)); // late: behind the watermark
    items.add(new Reading("b", 49, 5)); // late: at the watermark
    items.add(new Reading("a", 50, 100)); // on time
    Pipeline p = Pipeline.create();
    Stage<Reading> in =
        p.source(new MarkedSource<>("items", items, x -> x.sensor() == null))
            .withTimestamps(Reading::time, 0)
            .filter(x -> x.sensor() != null);
    Stage<Anomaly<String>> anomalies =
        AnomalyDetection.of(in.keyBy(Reading::sensor), Reading::value)
            .window(DetectionWindow.lastDuration(Duration.ofMillis(100), 50))
            .named("detect")
            .detect(Detectors.zScore());
    CollectSink<Anomaly<String>> out = Sinks.collect("out");
    CollectSink<Object> late = Sinks.collect("late");
    anomalies.sink(out);
    anomalies.sideOutput(AnomalyDetection.LATE_EVENTS).sink(late);
    Job job = Jobs.engine().submit(p, "late");
    job.join(Duration.ofMinutes(1));
    assertThat(late.items()).containsExactlyInAnyOrder(new Reading("a", 30, 5), new Reading("b", 49, 5));
    assertThat(AnomalyDetection.lateCount(job.counts("detect"))).isEqualTo(2);
    assertThat(out.items()).extracting(Anomaly::timestamp).containsExactly(50L);
  }
}
