package dev.sluice.bench.windowing;

import dev.sluice.bench.core.Bid;
import dev.sluice.core.CountingSink;
import dev.sluice.core.Engine;
import dev.sluice.core.EngineConfig;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.Pipeline;
import dev.sluice.core.Sinks;
import dev.sluice.core.Source;
import dev.sluice.core.SourceOutput;
import dev.sluice.core.SourceReader;
import dev.sluice.core.Stage;
import dev.sluice.core.aggregate.AggregateOperations;
import dev.sluice.core.aggregate.LongAccumulator;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowResult;
import dev.sluice.windowing.Windowing;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The window operator of engine-windowing beside the same queries written by hand as keyed
 * operators on the core SPI (namespaced state, event-time timers): a tumbling count (10 s
 * windows) and a sliding sum (10 s windows every 2 s), over 1M pre-generated bids, one per
 * millisecond of event time, keyed by {@code auction % keys}. Each invocation submits and joins a
 * whole job (source and window stage on two worker threads); the score is events per second.
 *
 * <p>The hand-written operators are what a careful user writes: the window start's boxed {@code
 * Long} is cached while events stay in one window, the sliding one adds each event to each of
 * its five windows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class WindowOperatorBench {
  static final int N = 1 << 20;
  static final long SIZE = 10_000;
  static final long SLIDE = 2_000;

  /** How many distinct keys. */
  @Param({"1000", "10000"})
  public int keys;

  Bid[] bids;
  Long[] keyObjects;
  Engine engine;
  CountingSink<Object> sink;
  Pipeline tumblingWindow;
  Pipeline tumblingByHand;
  Pipeline slidingWindow;
  Pipeline slidingByHand;

  @Setup(Level.Trial)
  public void setup() {
    bids = Bid.generate(N, 7);
    keyObjects = new Long[keys];
    for (int i = 0; i < keys; i++) {
      keyObjects[i] = (long) i;
    }
    engine = Engine.create(EngineConfig.defaults().withWorkerThreads(2).withMetricsEnabled(false));
    sink = Sinks.counting("count");
    tumblingWindow = pipeline((keyed, s) ->
        Windowing.of(keyed).window(TumblingWindows.ofMillis(SIZE))
            .aggregate(AggregateOperations.counting()).sink(s));
    tumblingByHand = pipeline((keyed, s) ->
        keyed.customOperator("tumbling-count", HandTumblingCount::new).sink(s));
    slidingWindow = pipeline((keyed, s) ->
        Windowing.of(keyed).window(SlidingWindows.ofMillis(SIZE, SLIDE))
            .aggregate(AggregateOperations.summingLong((Bid b) -> b.price)).sink(s));
    slidingByHand = pipeline((keyed, s) ->
        keyed.customOperator("sliding-sum", HandSlidingSum::new).sink(s));
  }

  interface Shape {
    void build(KeyedStage<Long, Bid> keyed, CountingSink<Object> sink);
  }

  Pipeline pipeline(Shape shape) {
    Pipeline p = Pipeline.create();
    Long[] k = keyObjects;
    int n = keys;
    Stage<Bid> bidStage =
        p.source(new BidSource(bids)).withTimestamps((Bid b) -> b.dateTime, 0);
    shape.build(bidStage.keyBy(b -> k[(int) (b.auction % n)]), sink);
    return p;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  long run(Pipeline p) throws Exception {
    sink.reset();
    engine.submit(p).join(Duration.ofMinutes(2));
    return sink.count();
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long tumblingCountWindowOperator() throws Exception {
    return run(tumblingWindow);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long tumblingCountHandWritten() throws Exception {
    return run(tumblingByHand);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long slidingSumWindowOperator() throws Exception {
    return run(slidingWindow);
  }

  @Benchmark
  @OperationsPerInvocation(N)
  public long slidingSumHandWritten() throws Exception {
    return run(slidingByHand);
  }

  /** Emits the bids in order, without allocating. */
  static final class BidSource implements Source<Bid> {
    private final Bid[] bids;

    BidSource(Bid[] bids) {
      this.bids = bids;
    }

    @Override
    public String name() {
      return "bids";
    }

    @Override
    public SourceReader<Bid> createReader(int instanceIndex, int parallelism) {
      return new SourceReader<>() {
        private int next;

        @Override
        public int read(SourceOutput<Bid> out, int max) {
          Bid[] a = bids;
          int i = next;
          if (i >= a.length) {
            return END;
          }
          int end = Math.min(a.length, i + max);
          for (; i < end; i++) {
            out.emit(a[i]);
          }
          int n = i - next;
          next = i;
          return n;
        }
      };
    }
  }

  /** A tumbling count by hand: a counter per (key, window start), a timer at the window end. */
  static final class HandTumblingCount
      implements KeyedOperator<Long, Bid, WindowResult<Long, Long>> {
    private NamespacedState<Long, Long, LongAccumulator> counts;
    private KeyedOperatorContext<Long> context;
    private long cachedStart = Long.MIN_VALUE;
    private Long cachedNamespace;

    @Override
    public void open(KeyedOperatorContext<Long> context) {
      this.context = context;
      counts = context.namespacedState(
          NamespacedStateDescriptor.of("counts", StateCodecs.longs(), LongAccumulator.codec()));
    }

    @Override
    public void onEvent(Long key, Bid bid, long ts, Output<WindowResult<Long, Long>> out) {
      long start = ts - Math.floorMod(ts, SIZE);
      if (start != cachedStart) {
        cachedStart = start;
        cachedNamespace = start;
      }
      Long ns = cachedNamespace;
      LongAccumulator acc = counts.getForUpdate(key, ns);
      if (acc == null) {
        acc = new LongAccumulator();
        counts.put(key, ns, acc);
        context.timers().registerEventTimeTimer(key, ns, start + SIZE - 1);
      }
      acc.add(1);
    }

    @Override
    public void onTimer(Long key, Object namespace, long time, TimeDomain domain,
        Output<WindowResult<Long, Long>> out) {
      Long start = (Long) namespace;
      LongAccumulator acc = counts.get(key, start);
      out.emit(new WindowResult<>(key, start, start + SIZE, acc.get(), FiringKind.ON_TIME));
      counts.remove(key, start);
    }
  }

  /** A sliding sum by hand: each event added to its five windows' sums. */
  static final class HandSlidingSum implements KeyedOperator<Long, Bid, WindowResult<Long, Long>> {
    private NamespacedState<Long, Long, LongAccumulator> sums;
    private KeyedOperatorContext<Long> context;
    private final long[] cachedStarts = new long[(int) (SIZE / SLIDE)];
    private final Long[] cachedNamespaces = new Long[(int) (SIZE / SLIDE)];

    @Override
    public void open(KeyedOperatorContext<Long> context) {
      this.context = context;
      sums = context.namespacedState(
          NamespacedStateDescriptor.of("sums", StateCodecs.longs(), LongAccumulator.codec()));
      java.util.Arrays.fill(cachedStarts, Long.MIN_VALUE);
    }

    @Override
    public void onEvent(Long key, Bid bid, long ts, Output<WindowResult<Long, Long>> out) {
      long last = ts - Math.floorMod(ts, SLIDE);
      for (long start = last; start > ts - SIZE; start -= SLIDE) {
        int slot = (int) Math.floorMod(start / SLIDE, (long) cachedStarts.length);
        if (cachedStarts[slot] != start) {
          cachedStarts[slot] = start;
          cachedNamespaces[slot] = start;
        }
        Long ns = cachedNamespaces[slot];
        LongAccumulator acc = sums.getForUpdate(key, ns);
        if (acc == null) {
          acc = new LongAccumulator();
          sums.put(key, ns, acc);
          context.timers().registerEventTimeTimer(key, ns, start + SIZE - 1);
        }
        acc.add(bid.price);
      }
    }

    @Override
    public void onTimer(Long key, Object namespace, long time, TimeDomain domain,
        Output<WindowResult<Long, Long>> out) {
      Long start = (Long) namespace;
      LongAccumulator acc = sums.get(key, start);
      out.emit(new WindowResult<>(key, start, start + SIZE, acc.get(), FiringKind.ON_TIME));
      sums.remove(key, start);
    }
  }
}
