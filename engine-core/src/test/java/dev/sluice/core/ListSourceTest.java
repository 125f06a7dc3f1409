package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListSourceTest {
  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  record Tagged(int instance, int value) {}

  /** Tags each value with the index of the instance that saw it (fused with the source). */
  static final class TagInstance implements Operator<Integer, Tagged> {
    private int index;

    @Override
    public void open(OperatorContext context) {
      index = context.instanceIndex();
    }

    @Override
    public void onEvent(Integer value, long timestamp, Output<Tagged> output) {
      output.emit(new Tagged(index, value));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7})
  void everyElementOnceAndEachInstanceInListOrder(int parallelism) throws Exception {
    List<Integer> items = IntStream.range(0, 10_001).boxed().toList();
    CollectSink<Tagged> out = Sinks.collect("out");
    Pipeline p = Pipeline.create();
    p.source(Sources.fromList("ints", items))
        .parallelism(parallelism)
        .customOperator("tag", TagInstance::new)
        .sink(out);
    Job job = engine.submit(p);
    job.join(Duration.ofSeconds(30));
    assertThat(out.items().stream().map(Tagged::value).toList())
        .containsExactlyInAnyOrderElementsOf(items);
    assertThat(job.counts("ints").out()).isEqualTo(items.size());
    // instance i emits the contiguous slice [i*n/p, (i+1)*n/p) in order
    for (int i = 0; i < parallelism; i++) {
      int instance = i;
      List<Integer> mine =
          out.items().stream().filter(t -> t.instance() == instance).map(Tagged::value).toList();
      int from = (int) ((long) i * items.size() / parallelism);
      int to = (int) ((long) (i + 1) * items.size() / parallelism);
      assertThat(mine).isEqualTo(items.subList(from, to));
    }
  }
}
