package dev.sluice.examples;

import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.Job;
import dev.sluice.core.JobStatus;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.StageCounts;
import dev.sluice.core.aggregate.AggregateOperations;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The README's demo: generated sensor readings flow through a parse/filter chain into a keyed
 * rolling average per sensor; the program prints live throughput once a second, then drains the
 * job and prints the per-stage counts.
 *
 * <p>Usage: {@code ThroughputDemo [seconds]} (default 10).
 */
public final class ThroughputDemo {

  /** A generated reading. */
  record Reading(int sensor, double value) {}

  private ThroughputDemo() {}

  /** Runs the demo. */
  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    SplittableRandom random = new SplittableRandom(42);
    CountingSink<Object> sink = Sinks.counting("sink");

    Pipeline pipeline = Pipeline.create();
    pipeline
        .source(
            Sources.generator(
                "sensors",
                () -> new Reading(random.nextInt(1000), 20 + random.nextGaussian() * 5),
                Long.MAX_VALUE))
        .filter(r -> r.value() > 0)
        .named("valid")
        .keyBy(Reading::sensor)
        .rollingAggregate(AggregateOperations.averagingDouble(Reading::value))
        .named("average-per-sensor")
        .sink(sink);

    try (Engine engine = Engine.create(EngineConfig.defaults())) {
      System.out.println(engine.plan(pipeline).toText());
      Job job = engine.submit(pipeline, "throughput-demo");
      long last = 0;
      for (int s = 1; s <= seconds; s++) {
        Thread.sleep(1000);
        long now = sink.count();
        System.out.printf("t=%2ds  %,12d events/s  (total %,d)%n", s, now - last, now);
        last = now;
      }
      job.drain();
      JobStatus status = job.join(Duration.ofSeconds(30));
      System.out.println("job " + status + "; per-stage counts:");
      for (StageCounts c : job.counts()) {
        System.out.printf(
            "  %-22s in=%,d out=%,d filtered=%,d dropped=%,d%n",
            c.stage(), c.in(), c.out(), c.filtered(), c.dropped());
      }
    }
  }
}
