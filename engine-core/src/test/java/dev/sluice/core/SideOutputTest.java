package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SideOutputTest {
  static final OutputTag<Integer> ODD = OutputTag.of("odd", Integer.class);
  static final OutputTag<Integer> FIVES = OutputTag.of("fives", Integer.class);
  static final OutputTag<String> MARKS = OutputTag.of("marks", String.class);

  private final Engine engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2));

  @AfterEach
  void close() {
    engine.close();
  }

  /** Evens to the main output, odds to "odd", multiples of 5 also to "fives". */
  static final class Splitter implements Operator<Integer, Integer> {
    private Output<Integer> odd;
    private Output<Integer> fives;

    @Override
    public void open(OperatorContext context) {
      odd = context.sideOutput(ODD);
      fives = context.sideOutput(FIVES);
    }

    @Override
    public void onEvent(Integer x, long timestamp, Output<Integer> output) {
      if (x % 2 == 0) {
        output.emit(x);
      } else {
        odd.emit(x);
      }
      if (x % 5 == 0) {
        fives.emit(x);
      }
    }
  }

  private static List<Integer> range(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void sideEventsReachTheConnectedSinkAndEveryStageBalances() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> main = Sinks.collect("main");
    CollectSink<Integer> odds = Sinks.collect("odds");
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(1000))).customOperator("split", Splitter::new);
    split.sink(main);
    split.sideOutput(ODD).map(x -> x * 10).sink(odds);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

    assertThat(main.items()).containsExactlyElementsOf(range(1000).stream().filter(x -> x % 2 == 0).toList());
    assertThat(odds.items())
        .containsExactlyElementsOf(range(1000).stream().filter(x -> x % 2 == 1).map(x -> x * 10).toList());
    StageCounts c = job.counts("split");
    assertThat(c.in()).isEqualTo(1000);
    assertThat(c.out()).isEqualTo(500);
    assertThat(c.sideOutput()).isEqualTo(500);
    // "fives" is requested by the operator but not connected: counted as dropped, never silent
    assertThat(c.sideOutputDropped()).isEqualTo(200);
    assertThat(c.dropped()).isEqualTo(200);
    assertThat(c.expanded()).isEqualTo(200);
    assertThat(job.counts("split.odd").in()).isEqualTo(500);
    job.counts().forEach(s -> assertThat(s.balanced()).as(s.toString()).isTrue());
  }

  @Test
  void aSideOutputIsOneStagePerTagAndCanFeedSeveralConsumers() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<Integer> a = Sinks.collect("a");
    CollectSink<Integer> b = Sinks.collect("b");
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(100))).customOperator("split", Splitter::new);
    split.sink(Sinks.discard("main"));
    split.sideOutput(ODD).sink(a);
    split.sideOutput(ODD).filter(x -> x > 50).sink(b);
    assertThat(split.sideOutput(ODD).name()).isEqualTo("split.odd");
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(a.items()).hasSize(50);
    assertThat(b.items()).hasSize(25).allMatch(x -> x > 50 && x % 2 == 1);
  }

  /**
   * Emits to the main output, and on every watermark first a marker "wm:W" to the side output:
   * the side consumer must see the marker before the watermark W itself.
   */
  static final class Marking implements Operator<Integer, Integer> {
    private Output<String> marks;

    @Override
    public void open(OperatorContext context) {
      marks = context.sideOutput(MARKS);
    }

    @Override
    public void onEvent(Integer x, long timestamp, Output<Integer> output) {
      output.emit(x);
      if (x % 7 == 0) {
        marks.emit("event:" + x);
      }
    }

    @Override
    public void onWatermark(long watermark, Output<Integer> output) {
      marks.emit("wm:" + watermark);
    }

    @Override
    public void onEnd(Output<Integer> output) {
      marks.emit("end");
    }
  }

  /** Records events and watermarks it hears, in order, and whether onEnd came after the last. */
  static final class Recording implements Operator<String, String> {
    static final List<String> HEARD = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(String s, long timestamp, Output<String> output) {
      HEARD.add(s);
    }

    @Override
    public void onWatermark(long watermark, Output<String> output) {
      HEARD.add("W" + watermark);
    }

    @Override
    public void onEnd(Output<String> output) {
      HEARD.add("END");
    }
  }

  @Test
  void watermarksAndEndReachSideConsumersAfterTheOperatorHandledThem() throws Exception {
    Recording.HEARD.clear();
    Pipeline p = Pipeline.create();
    Stage<Integer> marked =
        p.source(Sources.fromIterable("numbers", range(5000)))
            .withTimestamps(x -> x, 0)
            .customOperator("mark", Marking::new);
    marked.sink(Sinks.discard("main"));
    marked.sideOutput(MARKS).customOperator("record", Recording::new).sink(Sinks.discard("out"));
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);

    List<String> heard = List.copyOf(Recording.HEARD);
    List<String> watermarks = heard.stream().filter(s -> s.startsWith("W")).toList();
    assertThat(watermarks).isNotEmpty().last().isEqualTo("W" + Long.MAX_VALUE);
    assertThat(watermarks.size()).as("watermarks before the final one").isGreaterThan(1);
    for (String w : watermarks) {
      int at = heard.indexOf(w);
      assertThat(heard.subList(0, at)).as("marker before " + w).contains("wm:" + w.substring(1));
    }
    // the operator's onEnd output arrives, then end of stream reaches the consumer
    assertThat(heard.get(heard.size() - 2)).isEqualTo("end");
    assertThat(heard.get(heard.size() - 1)).isEqualTo("END");
    assertThat(heard.stream().filter(s -> s.startsWith("event:")).count()).isEqualTo(715);
  }

  @Test
  void aConnectedTagTheOperatorNeverRequestsProducesNothingAndEnds() throws Exception {
    Pipeline p = Pipeline.create();
    CollectSink<String> never = Sinks.collect("never");
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(100))).customOperator("split", Splitter::new);
    split.sink(Sinks.discard("main"));
    split.sideOutput(MARKS).sink(never);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    assertThat(never.items()).isEmpty();
    assertThat(job.counts("split").sideOutput()).isZero();
  }

  /** Accepts one offer in three: a sink that keeps its input edge full. */
  static final class Stingy<T> implements Sink<T> {
    final List<T> written = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "stingy";
    }

    @Override
    public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
      return new SinkWriter<>() {
        int calls;

        @Override
        public boolean offer(T event, long timestamp) {
          if (++calls % 3 != 0) {
            return false;
          }
          written.add(event);
          return true;
        }
      };
    }
  }

  @Test
  void aFullSideChannelBlocksTheProducerAndUnderBlockLosesNothing() throws Exception {
    int n = 20_000;
    Pipeline p = Pipeline.create();
    CollectSink<Integer> main = Sinks.collect("main");
    Stingy<Integer> slow = new Stingy<>();
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(n)))
            .customOperator("split", Splitter::new)
            .parallelism(2);
    split.sink(main);
    split.sideOutput(ODD).queueCapacity(1).sink(slow).queueCapacity(2);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
    assertThat(slow.written).hasSize(n / 2);
    assertThat(asSet(slow.written)).isEqualTo(asSet(range(n).stream().filter(x -> x % 2 == 1).toList()));
    assertThat(main.items()).hasSize(n / 2);
    for (StageCounts c : job.counts()) {
      assertThat(c.balanced()).as(c.toString()).isTrue();
      assertThat(c.dropped() - c.sideOutputDropped()).as(c.toString()).isZero();
    }
  }

  /** Refuses every event until opened. */
  static final class Closed<T> implements Sink<T> {
    final List<T> written = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean open;

    @Override
    public String name() {
      return "closed";
    }

    @Override
    public SinkWriter<T> createWriter(int instanceIndex, int parallelism) {
      return (event, timestamp) -> {
        if (!open) {
          return false;
        }
        written.add(event);
        return true;
      };
    }
  }

  @Test
  void whileTheSideChannelIsFullTheProducerTakesNoInput() throws Exception {
    int n = 200_000;
    Pipeline p = Pipeline.create();
    Closed<Integer> side = new Closed<>();
    CountingSink<Integer> main = Sinks.counting("main");
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(n))).customOperator("split", Splitter::new);
    split.sink(main);
    split.sideOutput(ODD).queueCapacity(64).sink(side);
    Job job = engine.submit(p);
    // give the producer time to run; a side port that did not block it would take all input
    long seen = -1;
    for (int i = 0; i < 30 && job.counts("split").in() != seen; i++) {
      seen = job.counts("split").in();
      Thread.sleep(20);
    }
    assertThat(job.counts("split").in()).as("input taken while the side channel is full").isLessThan(2_000);
    side.open = true;
    assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
    assertThat(side.written).hasSize(n / 2);
    assertThat(main.count()).isEqualTo(n / 2);
  }

  @Test
  void mainAndSideOutputJoiningAgainDoNotDeadlockOnSmallQueues() throws Exception {
    int n = 20_000;
    Pipeline p = Pipeline.create();
    CollectSink<Integer> out = Sinks.collect("out");
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(n))).customOperator("split", Splitter::new);
    Stage<Integer> odds = split.sideOutput(ODD).queueCapacity(1);
    split.union(odds).sink(out).queueCapacity(1);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(60))).isEqualTo(JobStatus.COMPLETED);
    assertThat(asSet(out.items())).isEqualTo(asSet(range(n)));
    assertThat(out.items()).hasSize(n);
  }

  @Test
  void theMainPathStaysFusedAroundAMidChainSideOutput() {
    Pipeline p = Pipeline.create();
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(10)))
            .map(x -> x + 1)
            .named("inc")
            .customOperator("split", Splitter::new);
    split.map(x -> x * 2).named("double").sink(Sinks.discard("main"));
    split.sideOutput(ODD).sink(Sinks.discard("odds"));
    Plan plan = engine.plan(p);
    assertThat(plan.chains().get(0).stages())
        .containsExactly("numbers", "inc", "split", "double", "main");
    assertThat(plan.edges()).hasSize(1);
    Plan.Edge side = plan.edges().get(0);
    assertThat(side.sideOutputOf()).isEqualTo("split");
    assertThat(side.sideOutput()).isEqualTo("odd");
    assertThat(plan.toText()).contains("side-output 'split.odd'");
  }

  @Test
  void onlyOperatorStagesHaveSideOutputs() {
    Pipeline p = Pipeline.create();
    Stage<Integer> m = p.source(Sources.fromIterable("numbers", range(10))).map(x -> x);
    assertThatThrownBy(() -> m.sideOutput(ODD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no side outputs");
  }

  @Test
  void aSideOutputWithoutItsMainOutputConnectedFailsValidation() {
    Pipeline p = Pipeline.create();
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(10))).customOperator("split", Splitter::new);
    split.sideOutput(ODD).sink(Sinks.discard("odds"));
    assertThatThrownBy(() -> engine.plan(p))
        .isInstanceOf(PipelineValidationException.class)
        .hasMessageContaining("'split'")
        .hasMessageContaining("main output");
  }

  @Test
  void anOperatorAskingForAConnectedTagWithAnotherTypeFailsTheJob() {
    OutputTag<String> oddAsText = OutputTag.of("odd", String.class);
    Pipeline p = Pipeline.create();
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(10)))
            .customOperator(
                "split",
                () ->
                    new Operator<Integer, Integer>() {
                      @Override
                      public void open(OperatorContext context) {
                        context.sideOutput(oddAsText);
                      }

                      @Override
                      public void onEvent(Integer x, long ts, Output<Integer> out) {}
                    });
    split.sink(Sinks.discard("main"));
    split.sideOutput(ODD).sink(Sinks.discard("odds"));
    Job job = engine.submit(p);
    assertThatThrownBy(() -> job.join(Duration.ofSeconds(30)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("side output 'odd'")
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void sideOutputsTravelInOrderPerProducerInstance() throws Exception {
    // a keyed producer at parallelism 3; per key, side events arrive in input order
    int n = 9_000;
    Pipeline p = Pipeline.create();
    CollectSink<Integer> odds = Sinks.collect("odds");
    Stage<Integer> split =
        p.source(Sources.fromIterable("numbers", range(n)))
            .keyBy(x -> x % 10)
            .customOperator(
                "split",
                () ->
                    new dev.sluice.core.operator.KeyedOperator<Integer, Integer, Integer>() {
                      Output<Integer> odd;

                      @Override
                      public void open(dev.sluice.core.operator.KeyedOperatorContext<Integer> c) {
                        odd = c.sideOutput(ODD);
                      }

                      @Override
                      public void onEvent(Integer k, Integer x, long ts, Output<Integer> out) {
                        if (x % 2 == 0) {
                          out.emit(x);
                        } else {
                          odd.emit(x);
                        }
                      }
                    })
            .parallelism(3);
    split.sink(Sinks.discard("main"));
    split.sideOutput(ODD).queueCapacity(4).sink(odds).parallelism(1);
    Job job = engine.submit(p);
    assertThat(job.join(Duration.ofSeconds(30))).isEqualTo(JobStatus.COMPLETED);
    Map<Integer, List<Integer>> byKey =
        odds.items().stream().collect(Collectors.groupingBy(x -> x % 10, ConcurrentHashMap::new, Collectors.toList()));
    assertThat(byKey).hasSize(5);
    byKey.values().forEach(xs -> assertThat(xs).isSorted().hasSize(n / 10));
  }

  private static <T> java.util.Set<T> asSet(List<T> xs) {
    return new java.util.HashSet<>(new ArrayList<>(xs));
  }
}
