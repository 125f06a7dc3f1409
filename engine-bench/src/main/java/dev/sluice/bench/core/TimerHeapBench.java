package dev.sluice.bench.core;

import dev.sluice.core.internal.runtime.EventTimeTimers;
import dev.sluice.core.internal.state.TimerHeap;
import java.util.SplittableRandom;
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

/**
 * Timer registration and firing: the new {@link TimerHeap} (binary and 4-ary) beside the current
 * {@link EventTimeTimers} (a {@code TreeMap<Long, LinkedHashSet>}), in one run. Scores are
 * nanoseconds per timer; with {@code -prof gc}, {@code gc.alloc.rate.norm} is bytes per timer.
 *
 * <ul>
 *   <li>{@code registerNew}: 16,384 keys at 4 distinct times (many keys share one time), keys in
 *       shuffled order, into an empty structure. The heap is emptied with {@code clear()} before
 *       each invocation and keeps its grown arrays; the current structure is created anew.
 *   <li>{@code registerDuplicate}: the same 65,536 registrations into a structure that already
 *       holds them all.
 *   <li>{@code fireDue}: 1,048,576 due timers (16,384 keys × 64 times, registered in random order
 *       before each invocation, outside the timed method) fired in order. The gc profiler counts
 *       allocation in the per-invocation refill too, so the current structure's bytes per timer
 *       there include registering it; the heap's refill allocates nothing after the first.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TimerHeapBench {
  static final int KEYS = 16_384;
  static final int REGISTER_TIMES = 4;
  static final int REGISTER_OPS = KEYS * REGISTER_TIMES;
  static final int FIRE_TIMES = 64;
  static final int FIRE_OPS = KEYS * FIRE_TIMES;
  static final long START_TIME = 1_700_000_000_000L;
  static final long FIRE_WATERMARK = START_TIME + FIRE_TIMES - 1;

  /** Boxed keys and registration orders, created once. */
  @State(Scope.Thread)
  public static class Data {
    Long[] keys;
    /** Key indexes in shuffled order, for registration. */
    int[] keyOrder;
    /** A shuffled permutation of [0, FIRE_OPS): key = i % KEYS, time = START_TIME + i / KEYS. */
    int[] fireOrder;

    @Setup(Level.Trial)
    public void setup() {
      SplittableRandom random = new SplittableRandom(1);
      keys = new Long[KEYS];
      for (int i = 0; i < KEYS; i++) {
        keys[i] = (long) i * 7919;
      }
      keyOrder = shuffled(KEYS, random);
      fireOrder = shuffled(FIRE_OPS, random);
    }

    private static int[] shuffled(int n, SplittableRandom random) {
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      return order;
    }
  }

  /** Consumes fired timers the same way for both structures. */
  static final class FiredSink {
    long timeSum;
    Object lastKey;

    void onTimer(Object key, long time) {
      timeSum += time;
      lastKey = key;
    }
  }

  static void registerAll(TimerHeap heap, Data data) {
    Long[] keys = data.keys;
    int[] order = data.keyOrder;
    for (int t = 0; t < REGISTER_TIMES; t++) {
      for (int k : order) {
        heap.register(keys[k], k & 127, null, START_TIME + t);
      }
    }
  }

  static void registerAll(EventTimeTimers<Long> timers, Data data) {
    Long[] keys = data.keys;
    int[] order = data.keyOrder;
    for (int t = 0; t < REGISTER_TIMES; t++) {
      for (int k : order) {
        timers.registerEventTimeTimer(keys[k], START_TIME + t);
      }
    }
  }

  // ---- new timer registration ----

  /** An empty heap whose arrays have grown to hold the registrations. */
  @State(Scope.Thread)
  public static class EmptyHeap {
    @Param({"2", "4"})
    public int arity;

    TimerHeap heap;

    @Setup(Level.Trial)
    public void setup(Data data) {
      heap = new TimerHeap(TimerHeap.DEFAULT_INITIAL_CAPACITY, arity);
      registerAll(heap, data);
    }

    @Setup(Level.Invocation)
    public void empty() {
      heap.clear();
    }
  }

  /** A new, empty current-implementation timer set per invocation. */
  @State(Scope.Thread)
  public static class EmptyCurrent {
    EventTimeTimers<Long> timers;

    @Setup(Level.Invocation)
    public void empty() {
      timers = new EventTimeTimers<>();
    }
  }

  @Benchmark
  @OperationsPerInvocation(REGISTER_OPS)
  public int registerNewHeap(EmptyHeap state, Data data) {
    registerAll(state.heap, data);
    return state.heap.size();
  }

  @Benchmark
  @OperationsPerInvocation(REGISTER_OPS)
  public int registerNewCurrent(EmptyCurrent state, Data data) {
    registerAll(state.timers, data);
    return state.timers.pendingTimers();
  }

  // ---- duplicate registration ----

  /** A heap that holds every registration already. */
  @State(Scope.Thread)
  public static class FullHeap {
    @Param({"2", "4"})
    public int arity;

    TimerHeap heap;

    @Setup(Level.Trial)
    public void setup(Data data) {
      heap = new TimerHeap(TimerHeap.DEFAULT_INITIAL_CAPACITY, arity);
      registerAll(heap, data);
    }
  }

  /** A current-implementation timer set that holds every registration already. */
  @State(Scope.Thread)
  public static class FullCurrent {
    EventTimeTimers<Long> timers;

    @Setup(Level.Trial)
    public void setup(Data data) {
      timers = new EventTimeTimers<>();
      registerAll(timers, data);
    }
  }

  @Benchmark
  @OperationsPerInvocation(REGISTER_OPS)
  public int registerDuplicateHeap(FullHeap state, Data data) {
    registerAll(state.heap, data);
    return state.heap.size();
  }

  @Benchmark
  @OperationsPerInvocation(REGISTER_OPS)
  public int registerDuplicateCurrent(FullCurrent state, Data data) {
    registerAll(state.timers, data);
    return state.timers.pendingTimers();
  }

  // ---- firing a million due timers ----

  /** A heap refilled with 1M due timers before each invocation. */
  @State(Scope.Thread)
  public static class DueHeap {
    @Param({"2", "4"})
    public int arity;

    TimerHeap heap;
    final FiredSink sink = new FiredSink();

    @Setup(Level.Trial)
    public void setup() {
      heap = new TimerHeap(TimerHeap.DEFAULT_INITIAL_CAPACITY, arity);
    }

    @Setup(Level.Invocation)
    public void refill(Data data) {
      heap.clear();
      Long[] keys = data.keys;
      for (int i : data.fireOrder) {
        int k = i % KEYS;
        heap.register(keys[k], k & 127, null, START_TIME + i / KEYS);
      }
    }
  }

  /** A current-implementation timer set refilled with 1M due timers before each invocation. */
  @State(Scope.Thread)
  public static class DueCurrent {
    EventTimeTimers<Long> timers;
    final FiredSink sink = new FiredSink();
    final EventTimeTimers.Handler<Long> handler = sink::onTimer;

    @Setup(Level.Invocation)
    public void refill(Data data) {
      timers = new EventTimeTimers<>();
      Long[] keys = data.keys;
      for (int i : data.fireOrder) {
        timers.registerEventTimeTimer(keys[i % KEYS], START_TIME + i / KEYS);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(FIRE_OPS)
  public long fireDueHeap(DueHeap state) {
    TimerHeap heap = state.heap;
    FiredSink sink = state.sink;
    while (heap.pollDue(FIRE_WATERMARK)) {
      sink.onTimer(heap.firedKey(), heap.firedTime());
    }
    return sink.timeSum;
  }

  @Benchmark
  @OperationsPerInvocation(FIRE_OPS)
  public long fireDueCurrent(DueCurrent state) throws Exception {
    state.timers.advance(FIRE_WATERMARK, state.handler);
    return state.sink.timeSum;
  }
}
