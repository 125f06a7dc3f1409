package dev.sluice.windowing.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.CollectSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.JobStatus;
import dev.sluice.core.KeyedValue;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Sources;
import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.state.ValueStateDescriptor;
import dev.sluice.core.testing.Emitted;
import dev.sluice.core.testing.OperatorTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregations in real jobs ({@code keyBy(..).rollingAggregate(..)}) and in the operator test
 * harness, whose snapshot after every step and rescaling exercise every accumulator's codec inside
 * the core's state backend.
 */
class AggregationsInPipelinesTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  record Sale(String region, String product, long amount, long time) {}

  static List<Sale> sales(SplittableRandom random, int n) {
    List<Sale> sales = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sales.add(
          new Sale(
              "r" + random.nextInt(3),
              "p" + random.nextInt(4),
              random.nextLong(1, 10_000),
              random.nextLong(0, 1_000) * 10));
    }
    return sales;
  }

  /** One operation over every kind of accumulator, several of them past their exact limits. */
  static AggregateOperation<Sale, AllOfAccumulator, List<Object>> everything() {
    return Aggregations.allOf(
        List.of(
            Aggregations.<Sale>counting(),
            Aggregations.summingLong(Sale::amount),
            Aggregations.summingDouble(Sale::amount),
            Aggregations.averagingLong(Sale::amount),
            Aggregations.averagingDouble(Sale::amount),
            Aggregations.minLong(Sale::amount),
            Aggregations.maxDouble(Sale::amount),
            Aggregations.minBy(Comparator.comparingLong(Sale::amount)),
            Aggregations.<Sale>first(),
            Aggregations.<Sale>last(),
            Aggregations.firstByTime(Sale::time),
            Aggregations.lastByTime(Sale::time),
            Aggregations.percentile(Sale::amount, 50),
            Aggregations.percentilesWithExactLimit(Sale::amount, 20, 10, 50, 99),
            Aggregations.variance(Sale::amount),
            Aggregations.sampleStddev(Sale::amount),
            Aggregations.distinctCount(Sale::product),
            Aggregations.distinctCountLong(Sale::amount),
            Aggregations.topN(3, Comparator.comparingLong(Sale::amount)),
            Aggregations.groupingBy(
                Sale::product,
                Aggregations.having(Aggregations.<Sale>counting(), c -> c >= 2)),
            Aggregations.mapping(Sale::product, Aggregations.<String>last())));
  }

  @Test
  void rollingAggregatesByCompositeKeyInAJob() throws Exception {
    SplittableRandom random = new SplittableRandom(20261201L);
    List<Sale> sales = sales(random, 5_000);
    var op = everything();
    Pipeline p = Pipeline.create();
    CollectSink<KeyedValue<CompositeKey, List<Object>>> out = Sinks.collect("out");
    p.source(Sources.fromIterable("sales", sales))
        .keyBy(s -> CompositeKey.of(s.region(), s.product()))
        .rollingAggregate(op)
        .parallelism(2)
        .sink(out);
    assertThat(engine.submit(p).join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);

    Map<CompositeKey, List<Sale>> byKey = new LinkedHashMap<>();
    sales.forEach(s -> byKey.computeIfAbsent(CompositeKey.of(s.region(), s.product()), k -> new ArrayList<>()).add(s));
    Map<CompositeKey, List<Object>> last = new HashMap<>();
    out.items().forEach(kv -> last.put(kv.key(), kv.value()));
    assertThat(out.items()).hasSize(sales.size());
    assertThat(last.keySet()).isEqualTo(byKey.keySet());
    byKey.forEach(
        (key, events) -> {
          AllOfAccumulator acc = op.create();
          events.forEach(e -> op.accumulate(acc, e));
          assertThat(last.get(key)).as("key %s", key).isEqualTo(op.export(acc));
        });
    // the percentiles went past their exact limit of 20 in every key
    assertThat(last.values()).allSatisfy(r -> assertThat(((Percentiles) r.get(13)).isExact()).isFalse());
  }

  /** The core's rolling aggregate, written against the public SPI so the harness can drive it. */
  static final class Rolling<K, T, A, R> implements KeyedOperator<K, T, KeyedValue<K, R>> {
    private final AggregateOperation<T, A, R> op;
    private KeyedState<K, A> state;

    Rolling(AggregateOperation<T, A, R> op) {
      this.op = op;
    }

    @Override
    public void open(KeyedOperatorContext<K> context) {
      state =
          context.state(
              ValueStateDescriptor.of("accumulators", op.accumulatorCodec()).withInitial(op::create));
    }

    @Override
    public void onEvent(K key, T event, long timestamp, Output<KeyedValue<K, R>> output) {
      A acc = state.getOrCreate(key);
      op.accumulate(acc, event);
      output.emit(new KeyedValue<>(key, op.export(acc)));
    }
  }

  @Test
  void accumulatorsSurviveSnapshotsAndRescalingInTheStateBackend() {
    SplittableRandom random = new SplittableRandom(77);
    var op = everything();
    OperatorTestHarness<Sale, KeyedValue<String, List<Object>>> h =
        OperatorTestHarness.forKeyedOperator(Sale::region, () -> new Rolling<String, Sale, AllOfAccumulator, List<Object>>(op));
    Map<String, AllOfAccumulator> reference = new HashMap<>();
    int[] parallelisms = {3, 1, 2};
    List<Sale> sales = sales(random, 240);
    for (int i = 0; i < sales.size(); i++) {
      Sale s = sales.get(i);
      AllOfAccumulator acc = reference.computeIfAbsent(s.region(), k -> op.create());
      op.accumulate(acc, s);
      h.event(s, i).expect(List.of(Emitted.event(new KeyedValue<>(s.region(), op.export(acc)), i)));
      if (i % 80 == 79) {
        h.rescale(parallelisms[i / 80]);
      }
    }
    h.end().verify();
  }
}
