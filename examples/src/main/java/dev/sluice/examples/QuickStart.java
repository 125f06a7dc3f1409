package dev.sluice.examples;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.KeyedValue;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.aggregate.AggregateOperations;
import java.time.Duration;
import java.util.List;

/** The README's quick start, kept compiling. Prints the rolling word counts. */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start. */
  public static void main(String[] args) throws Exception {
    Pipeline pipeline = Pipeline.create();
    CollectSink<KeyedValue<String, Long>> out = Sinks.collect("out");
    pipeline
        .source(Sources.fromIterable("words", List.of("a", "b", "a")))
        .keyBy(word -> word)
        .rollingAggregate(AggregateOperations.counting())
        .sink(out);

    try (Engine engine = Engine.create()) {
      engine.submit(pipeline).join(Duration.ofSeconds(10));
    }
    System.out.println(out.items());
  }
}
