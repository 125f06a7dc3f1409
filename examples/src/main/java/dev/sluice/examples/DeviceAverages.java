package dev.sluice.examples;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.Job;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.Stage;
import dev.sluice.core.StageCounts;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.payload.GeneratorSpec;
import dev.sluice.core.payload.PayloadGenerator;
import dev.sluice.core.payload.PayloadGenerators;
import dev.sluice.payloads.senml.ResolvedRecord;
import dev.sluice.payloads.senml.SenmlCodec;
import dev.sluice.payloads.senml.SenmlResolver;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.Windowing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Per-device one-minute average temperatures over SenML readings, with late data.
 *
 * <p>The {@code senml} payload generator (engine-payloads) produces packs of readings from a
 * fleet of devices; they are decoded and resolved to absolute records, and their delivery is
 * disturbed the way a network does it: readings arrive up to 8 s out of order, and one in fifteen
 * arrives 60 to 180 s late; they are replayed at 500 readings per second of processing time.
 * The pipeline assigns event time from each reading's SenML time with a
 * 10 s watermark bound, keys by device, and averages each device's temperature per minute,
 * keeping windows 60 s after they close: a reading up to a minute late updates its window (a
 * {@code LATE} result), a later one goes to the late side output.
 *
 * <p>Usage: {@code DeviceAverages [devices] [minutes]} (defaults 3 and 5).
 */
public final class DeviceAverages {

  /** One temperature reading of a device. */
  public record Reading(String device, double celsius, long timeMillis) {}

  /** Where readings later than the allowed lateness go. */
  static final OutputTag<Reading> LATE = OutputTag.of("late-readings", Reading.class);

  private DeviceAverages() {}

  /** Runs the example and prints the averages, then the late readings and the stage counts. */
  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<Reading> delivered = deliver(generate(devices, minutes), new SplittableRandom(7));

    Pipeline pipeline = Pipeline.create();
    CollectSink<WindowResult<String, Double>> averages = Sinks.collect("averages");
    Stage<WindowResult<String, Double>> perMinute =
        Windowing.of(
                pipeline
                    .source(
                        Sources.generator(
                            "readings", delivered.iterator()::next, delivered.size(), 500))
                    .withTimestamps(Reading::timeMillis, 10_000)
                    .keyBy(Reading::device))
            .window(TumblingWindows.of(Duration.ofMinutes(1)))
            .allowedLateness(Duration.ofSeconds(60))
            .lateEvents(LATE)
            .named("average-per-minute")
            .aggregate(AggregateOperations.averagingDouble(Reading::celsius));
    perMinute.sink(averages);
    CollectSink<Reading> late = Sinks.collect("late-readings");
    perMinute.sideOutput(LATE).sink(late);

    try (Engine engine = Engine.create()) {
      Job job = engine.submit(pipeline, "device-averages");
      job.join(Duration.ofMinutes(1));
      for (WindowResult<String, Double> r : averages.items()) {
        System.out.printf(
            "%s  %s  %-7s %6.2f °C%n",
            r.key(), Instant.ofEpochMilli(r.start()), r.kind(), r.value());
      }
      for (Reading r : late.items()) {
        System.out.printf(
            "late: %s  %s  %6.2f °C%n", r.device(), Instant.ofEpochMilli(r.timeMillis()),
            r.celsius());
      }
      for (StageCounts c : job.counts()) {
        System.out.printf(
            "  %-34s in=%,d out=%,d filtered=%,d dropped=%,d%s%n",
            c.stage(), c.in(), c.out(), c.filtered(), c.dropped(),
            c.stage().equals("average-per-minute") ? " late=" + Windowing.lateCount(c) : "");
      }
    }
  }

  /** Temperature readings of the generated fleet, in generation (event-time) order. */
  static List<Reading> generate(int devices, int minutes) {
    PayloadGenerator generator =
        PayloadGenerators.require("senml")
            .create(
                new GeneratorSpec(
                    42,
                    4096,
                    Map.of(
                        "devices", Integer.toString(devices),
                        "sensorsPerDevice", "2",
                        "intervalSeconds", "5")));
    SenmlCodec codec = SenmlCodec.json();
    List<Reading> readings = new ArrayList<>();
    long start = Long.MIN_VALUE;
    while (true) {
      for (ResolvedRecord r : SenmlResolver.resolve(codec.decode(generator.next()), 0)) {
        long t = Math.round(r.timeSeconds() * 1000);
        if (start == Long.MIN_VALUE) {
          start = t;
        }
        if (t - start >= minutes * 60_000L) {
          return readings;
        }
        int split = r.name().lastIndexOf(':');
        if (r.name().endsWith(":temperature") && r.value() != null) {
          readings.add(new Reading(r.name().substring(0, split), r.value(), t));
        }
      }
    }
  }

  /** Delivery order: each reading delayed by 0-8 s, one in fifteen by 60-180 s. */
  static List<Reading> deliver(List<Reading> readings, SplittableRandom random) {
    List<long[]> order = new ArrayList<>();
    for (int i = 0; i < readings.size(); i++) {
      long delay =
          random.nextInt(15) == 0 ? 60_000 + random.nextInt(120_000) : random.nextInt(8_000);
      order.add(new long[] {readings.get(i).timeMillis() + delay, i});
    }
    order.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    List<Reading> out = new ArrayList<>();
    for (long[] o : order) {
      out.add(readings.get((int) o[1]));
    }
    return out;
  }
}
