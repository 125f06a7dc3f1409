package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageUidTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  /** Reports its stage's uid per stage name. */
  static final class UidProbe implements Operator<Integer, Integer> {
    static final Map<String, String> SEEN = new ConcurrentHashMap<>();

    @Override
    public void open(OperatorContext context) {
      SEEN.put(context.stageName(), context.stageUid());
    }

    @Override
    public void onEvent(Integer x, long ts, Output<Integer> out) {
      out.emit(x);
    }
  }

  private static Map<String, String> uidsByStage(Plan plan) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    for (Plan.Chain c : plan.chains()) {
      for (int i = 0; i < c.stages().size(); i++) {
        m.put(c.stages().get(i), c.uids().get(i));
      }
    }
    return m;
  }

  @Test
  void operatorsSeeTheirUid() throws Exception {
    UidProbe.SEEN.clear();
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("numbers", List.of(1, 2, 3)))
        .customOperator("given", UidProbe::new)
        .uid("probe-v1")
        .customOperator("named", UidProbe::new)
        .customOperator(null, UidProbe::new)
        .sink(Sinks.discard("out"));
    assertThat(engine.submit(p).join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(UidProbe.SEEN)
        .containsEntry("given", "probe-v1")
        .containsEntry("named", "named")
        .containsEntry("operator-3", "operator#0");
  }

  @Test
  void generatedUidsDoNotDependOnStagesOfOtherKinds() {
    Pipeline a = Pipeline.create();
    a.source(Sources.fromIterable("numbers", List.of(1, 2, 3)))
        .keyBy(x -> x)
        .rollingAggregate(AggregateOperations.counting())
        .sink(Sinks.discard("out"));
    Pipeline b = Pipeline.create();
    b.source(Sources.fromIterable("numbers", List.of(1, 2, 3)))
        .map(x -> x + 1)
        .filter(x -> x > 0)
        .peek(x -> {})
        .keyBy(x -> x)
        .rollingAggregate(AggregateOperations.counting())
        .sink(Sinks.discard("out"));
    Map<String, String> ua = uidsByStage(engine.plan(a));
    Map<String, String> ub = uidsByStage(engine.plan(b));
    // the default names embed the node index, the generated uids do not
    assertThat(ua).containsEntry("rolling-aggregate-1", "rolling-aggregate#0");
    assertThat(ub).containsEntry("rolling-aggregate-4", "rolling-aggregate#0");
    assertThat(ub).containsEntry("map-1", "map#0").containsEntry("numbers", "numbers");
    assertThat(engine.plan(b).toText()).contains("map 'map-1' [uid map#0]");
  }

  @Test
  void aUidMayBeGivenAfterStagesWereAttached() {
    Pipeline p = Pipeline.create();
    Stage<Integer> src = p.source(Sources.fromIterable("numbers", List.of(1, 2, 3)));
    SinkStage<Integer> sink = src.map(x -> x).sink(Sinks.discard("out"));
    src.uid("numbers-v2");
    sink.uid("out-v2");
    assertThat(src.uid()).isEqualTo("numbers-v2");
    assertThat(uidsByStage(engine.plan(p)))
        .containsEntry("numbers", "numbers-v2")
        .containsEntry("out", "out-v2");
  }

  @Test
  void aDuplicateUidFailsValidationNamingBothStages() {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("numbers", List.of(1, 2, 3)))
        .customOperator("first", UidProbe::new)
        .uid("same")
        .customOperator("second", UidProbe::new)
        .uid("same")
        .sink(Sinks.discard("out"));
    assertThatThrownBy(() -> engine.plan(p))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("'first'")
        .hasMessageContaining("'second'")
        .hasMessageContaining("same uid 'same'");
  }

  @Test
  void aUserUidClashingWithAGeneratedOneFailsValidation() {
    Pipeline p = Pipeline.create();
    p.source(Sources.fromIterable("numbers", List.of(1, 2, 3)))
        .map(x -> x)
        .customOperator("op", UidProbe::new)
        .uid("map#0")
        .sink(Sinks.discard("out"));
    assertThatThrownBy(() -> engine.plan(p))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("'map-1' and 'op' have the same uid 'map#0'");
  }

  @Test
  void requireUidsNamesEveryStatefulStageWithoutOne() {
    Pipeline p = Pipeline.create().requireUids();
    p.source(Sources.fromIterable("numbers", List.of(1, 2, 3)))
        .map(x -> x) // stateless: needs none
        .keyBy(x -> x)
        .rollingAggregate(AggregateOperations.counting())
        .uid("counts")
        .customOperator("probe", () -> new Operator<KeyedValue<Integer, Long>, Long>() {
          @Override
          public void onEvent(KeyedValue<Integer, Long> kv, long ts, Output<Long> out) {
            out.emit(kv.value());
          }
        })
        .sink(Sinks.discard("out"));
    assertThatThrownBy(() -> engine.plan(p))
        .isInstanceOf(PipelineValidationException.class)
        .satisfies(
            e -> {
              List<String> problems = ((PipelineValidationException) e).problems();
              assertThat(problems).hasSize(3);
              assertThat(problems).anyMatch(s -> s.contains("'numbers' (source)"));
              assertThat(problems).anyMatch(s -> s.contains("'probe' (operator)"));
              assertThat(problems).anyMatch(s -> s.contains("'out' (sink)"));
              assertThat(problems).allMatch(s -> s.contains("requireUids"));
            });
  }

  @Test
  void withEveryStatefulStageGivenAUidARequiringPipelineRuns() throws Exception {
    Pipeline p = Pipeline.create().requireUids();
    CollectSink<KeyedValue<Integer, Long>> out = Sinks.collect("out");
    p.source(Sources.fromIterable("numbers", List.of(1, 2, 1)))
        .uid("numbers")
        .map(x -> x)
        .keyBy(x -> x)
        .rollingAggregate(AggregateOperations.counting())
        .uid("counts")
        .sink(out)
        .uid("out");
    assertThat(p.uidsRequired()).isTrue();
    assertThat(engine.submit(p).join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(out.items()).hasSize(3);
  }

  @Test
  void aBlankUidIsRejected() {
    Pipeline p = Pipeline.create();
    Stage<Integer> s = p.source(Sources.fromIterable("numbers", List.of(1)));
    assertThatThrownBy(() -> s.uid(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
