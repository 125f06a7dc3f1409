package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code broadcast()} and {@code rebalance()} set the routing of the edge into the stage that
 * follows them, at that stage's parallelism, whether the parallelism is set on the routing stage
 * or on the next one; a broadcast that could not reach every instance is rejected.
 */
class BroadcastRoutingTest {
  private static final int N = 100;
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  private static Stage<Integer> numbers(Pipeline p) {
    return p.source(Sources.fromIterable("numbers", IntStream.range(0, N).boxed().toList()));
  }

  /** Tags each event with the index of the instance that saw it. */
  private static Stage<String> tagged(Stage<Integer> s) {
    return s.customOperator(
        "tag",
        () ->
            new dev.sluice.core.operator.Operator<Integer, String>() {
              int instance;

              @Override
              public void open(dev.sluice.core.operator.OperatorContext context) {
                instance = context.instanceIndex();
              }

              @Override
              public void onEvent(
                  Integer event, long timestamp, dev.sluice.core.operator.Output<String> out) {
                out.emit(instance + ":" + event);
              }
            });
  }

  private static void assertEveryInstanceSawEveryEvent(List<String> items, int instances) {
    Map<String, Integer> seen = new HashMap<>();
    items.forEach(x -> seen.merge(x, 1, Integer::sum));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      for (int x = 0; x < N; x++) {
        expected.add(i + ":" + x);
      }
    }
    assertThat(items).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void parallelismSetOnTheStageAfterBroadcastBroadcasts() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> out = Sinks.collect("out");
    tagged(numbers(p).broadcast()).parallelism(3).sink(out);
    Plan plan = engine.plan(p);
    assertThat(plan.edges()).singleElement().satisfies(e -> {
      assertThat(e.routing()).isEqualTo("BROADCAST");
      assertThat(plan.chains().get(e.to()).parallelism()).isEqualTo(3);
      assertThat(plan.chains().get(e.to()).stages()).contains("tag"); // fused after the routing
    });
    engine.submit(p).join(Duration.ofSeconds(20));
    assertEveryInstanceSawEveryEvent(out.items(), 3);
  }

  @Test
  void parallelismSetOnBroadcastItselfBroadcasts() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> out = Sinks.collect("out");
    tagged(numbers(p).broadcast().parallelism(3)).sink(out);
    engine.submit(p).join(Duration.ofSeconds(20));
    assertEveryInstanceSawEveryEvent(out.items(), 3);
  }

  @Test
  void broadcastIntoASingleInstanceDeliversEachEventOnce() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> out = Sinks.collect("out");
    tagged(numbers(p).rebalance().parallelism(2).broadcast()).parallelism(1).sink(out);
    engine.submit(p).join(Duration.ofSeconds(20));
    // two upstream instances, each broadcasting its share to the one instance
    assertEveryInstanceSawEveryEvent(out.items(), 1);
  }

  @Test
  void rebalanceTakesTheParallelismOfTheNextStage() {
    Pipeline p = Pipeline.create();
    numbers(p).rebalance().map(x -> x).named("m").parallelism(3).sink(Sinks.discard("out"));
    Plan plan = engine.plan(p);
    assertThat(plan.edges()).singleElement().satisfies(e -> {
      assertThat(e.routing()).isEqualTo("ROUND_ROBIN");
      assertThat(plan.chains().get(e.to()).parallelism()).isEqualTo(3);
      assertThat(plan.chains().get(e.to()).stages()).contains("m");
    });
  }

  @Test
  void aBroadcastThatCannotReachEveryInstanceIsRejected() {
    Pipeline p = Pipeline.create();
    numbers(p).broadcast().named("b").parallelism(3).map(x -> x).named("m").parallelism(2)
        .sink(Sinks.discard("out"));
    assertThatThrownBy(() -> engine.plan(p))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("'b'")
        .hasMessageContaining("'m'");

    Pipeline fanOut = Pipeline.create();
    Stage<Integer> b = numbers(fanOut).broadcast().named("b");
    b.map(x -> x).named("m2").parallelism(2).sink(Sinks.discard("o2"));
    b.map(x -> x).named("m3").parallelism(3).sink(Sinks.discard("o3"));
    assertThatThrownBy(() -> engine.plan(fanOut))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("'m2'")
        .hasMessageContaining("'m3'");

    Pipeline rerouted = Pipeline.create();
    numbers(rerouted).broadcast().named("b").keyBy(x -> x % 3).partition().named("k")
        .sink(Sinks.discard("o"));
    assertThatThrownBy(() -> engine.plan(rerouted))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("stage 'k' routes the output of broadcast 'b' again (hash)");
  }

  @Test
  void branchesAfterOneBroadcastWithTheSameParallelismEachGetEveryEvent() throws Exception {
    Pipeline p = Pipeline.create();
    Stage<Integer> b = numbers(p).broadcast();
    CollectSink<String> left = Sinks.collect("left");
    CollectSink<Integer> right = Sinks.collect("right");
    tagged(b).parallelism(2).sink(left);
    b.map(x -> x).parallelism(2).sink(right);
    engine.submit(p).join(Duration.ofSeconds(20));
    assertEveryInstanceSawEveryEvent(left.items(), 2);
    assertThat(right.items()).hasSize(2 * N);
  }
}
