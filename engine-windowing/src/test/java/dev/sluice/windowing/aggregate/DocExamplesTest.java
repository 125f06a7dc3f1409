package dev.sluice.windowing.aggregate;

import static dev.sluice.windowing.aggregate.Aggregations.allOf;
import static dev.sluice.windowing.aggregate.Aggregations.averagingDouble;
import static dev.sluice.windowing.aggregate.Aggregations.percentile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.KeyedValue;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of docs/aggregations.md, compiled and run. */
class DocExamplesTest {

  record Reading(String site, String sensor, double value) {}

  record Sale(String region, String product, long cents) {}

  @Test
  void rollingAverageAndP99PerCompositeKey() throws Exception {
    List<Reading> input = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      input.add(new Reading("s" + (i % 2), "t", i));
    }
    Pipeline p = Pipeline.create();
    CollectSink<KeyedValue<CompositeKey, Tuple2<Double, Double>>> sink = Sinks.collect("sink");
    p.source(Sources.fromIterable("readings", input))
        .keyBy(r -> CompositeKey.of(r.site(), r.sensor()))
        .rollingAggregate(allOf(averagingDouble(Reading::value), percentile(Reading::value, 99)))
        .sink(sink);
    try (Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(1))) {
      engine.submit(p).join(Duration.ofSeconds(30));
    }
    KeyedValue<CompositeKey, Tuple2<Double, Double>> lastOfSite1 =
        sink.items().stream().filter(kv -> kv.key().get(0).equals("s1")).reduce((a, b) -> b).orElseThrow();
    // site s1 holds the odd values 1..99: mean 50, nearest-rank p99 of 50 values is the 50th
    assertThat(lastOfSite1.value()).isEqualTo(new Tuple2<>(50.0, 99.0));
  }

  @Test
  void groupingWithHaving() {
    // per region, the sales count and revenue of each product, only products sold at least 10 times
    var op =
        Aggregations.groupingBy(
            Sale::product,
            Aggregations.having(
                Aggregations.allOf(Aggregations.counting(), Aggregations.summingLong(Sale::cents)),
                t -> t.first() >= 10));
    var acc = op.create();
    for (int i = 0; i < 25; i++) {
      op.accumulate(acc, new Sale("north", i < 20 ? "tea" : "cake", 100));
    }
    Map<String, Tuple2<Long, Long>> result = op.export(acc);
    assertThat(result).containsEntry("tea", new Tuple2<>(20L, 2000L)).containsEntry("cake", null);
  }
}
