package dev.sluice.core.testing;

import dev.sluice.core.Timestamps;
import dev.sluice.core.internal.runtime.EngineClock;
import dev.sluice.core.internal.runtime.HarnessDriver;
import dev.sluice.core.internal.runtime.OperatorSnapshot;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.state.KeyGroups;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Drives an operator deterministically through a script of events, watermarks, snapshots,
 * rescalings and the end of input — through the same code the runtime uses, so timers fire, state
 * is snapshotted and watermarks are forwarded exactly as in a job — and checks its full output at
 * every step.
 *
 * <pre>{@code
 * OperatorTestHarness.forKeyedOperator(Reading::sensor, MyWindowOperator::new)
 *     .event(r1, 1_000).expectNothing()
 *     .rescale(3)                       // snapshot, restore at parallelism 3, go on
 *     .watermark(10_000).expect(Emitted.event(result, 9_999), Emitted.watermark(10_000))
 *     .end().expectNoState()
 *     .verify();
 * }</pre>
 *
 * <p>{@link #verify()} runs the script three times and checks what a user relies on without
 * writing it down:
 *
 * <ol>
 *   <li>as written, comparing each step with its expectation, and checking that no emitted event
 *       is mutated after it was emitted (the runtime may still hold it in a queue);
 *   <li>with two sets of instances side by side, which must each produce the full output (they
 *       must not share state);
 *   <li>with a snapshot after <em>every</em> step restored into fresh operator instances, which
 *       must produce the same output: an operator that keeps state in its fields instead of the
 *       runtime's managed state fails here, naming the first step whose output differs.
 * </ol>
 *
 * <p>A keyed operator runs as one instance owning every key group until a {@link #rescale}
 * step; after it, events go to the instance whose key-group range holds their key, and a step's
 * output is the outputs of all instances: its events are compared as a multiset (instances
 * interleave), and a watermark appears once when every instance forwarded it. A plain operator
 * runs as one instance and cannot be rescaled (its list state is redistributed, so the output
 * would depend on how events are spread).
 *
 * <p>Side outputs: every tag the operator asks for ({@code context.sideOutput(tag)}) is recorded
 * as if the pipeline connected it — its events with their timestamps and, after them, each
 * watermark the runtime forwards to it (after the main output's). {@link #expectSideOutput}
 * checks a step's side output, {@link #sideOutput(OutputTag)} returns what each step emitted
 * there, and all three passes of {@link #verify()} compare side outputs as they compare the main
 * output.
 *
 * <p>A mismatch throws {@link AssertionError} naming the step and the pass.
 *
 * <p><b>Threading:</b> single-threaded; build and verify from one thread.
 *
 * @param <I> input type
 * @param <O> output type
 */
public final class OperatorTestHarness<I, O> {

  private final Supplier<?> supplier;
  private final Function<Object, Object> keyFn;
  private final List<Step> steps = new ArrayList<>();
  private int maxParallelism = KeyGroups.DEFAULT_MAX_PARALLELISM;
  private long lastWatermark = Long.MIN_VALUE;
  private boolean ended;
  /** Per step of the last verified run, the events and watermarks of each side output. */
  private List<Map<String, List<Emitted<Object>>>> verifiedSideOutputs;

  private record Step(
      Kind kind,
      Object event,
      long value,
      List<?> expected,
      boolean noState,
      Map<String, List<?>> sideExpected) {
    Step(Kind kind, Object event, long value, List<?> expected, boolean noState) {
      this(kind, event, value, expected, noState, Map.of());
    }

    Step withExpected(List<?> e) {
      return new Step(kind, event, value, e, noState, sideExpected);
    }

    Step withNoState() {
      return new Step(kind, event, value, expected, true, sideExpected);
    }

    Step withSideExpected(String tagId, List<?> e) {
      Map<String, List<?>> m = new java.util.LinkedHashMap<>(sideExpected);
      m.put(tagId, e);
      return new Step(kind, event, value, expected, noState, Map.copyOf(m));
    }

    String describe(int index) {
      return "step "
          + index
          + " ("
          + switch (kind) {
            case EVENT -> "event " + event + " @" + value;
            case WATERMARK -> "watermark " + value;
            case END -> "end of input";
            case SNAPSHOT -> "snapshot and restore";
            case RESCALE -> "rescale to parallelism " + value;
          }
          + ")";
    }
  }

  private enum Kind {
    EVENT,
    WATERMARK,
    END,
    SNAPSHOT,
    RESCALE
  }

  private OperatorTestHarness(Supplier<?> supplier, Function<Object, Object> keyFn) {
    this.supplier = supplier;
    this.keyFn = keyFn;
  }

  /** A harness for operators made by {@code supplier} (called once per instance under test). */
  public static <I, O> OperatorTestHarness<I, O> forOperator(
      Supplier<? extends Operator<? super I, ? extends O>> supplier) {
    return new OperatorTestHarness<>(Objects.requireNonNull(supplier, "supplier"), null);
  }

  /** A harness for keyed operators; {@code keyFn} extracts each event's key. */
  @SuppressWarnings("unchecked")
  public static <K, I, O> OperatorTestHarness<I, O> forKeyedOperator(
      Function<? super I, ? extends K> keyFn,
      Supplier<? extends KeyedOperator<K, ? super I, ? extends O>> supplier) {
    return new OperatorTestHarness<>(
        Objects.requireNonNull(supplier, "supplier"),
        (Function<Object, Object>) Objects.requireNonNull(keyFn, "keyFn"));
  }

  /**
   * The number of key groups of the keyed operator under test (default {@value
   * KeyGroups#DEFAULT_MAX_PARALLELISM}).
   */
  public OperatorTestHarness<I, O> maxParallelism(int maxParallelism) {
    KeyGroups.checkParallelism(1, maxParallelism);
    this.maxParallelism = maxParallelism;
    return this;
  }

  /** Adds an event to the script. */
  public OperatorTestHarness<I, O> event(I event, long timestamp) {
    checkNotEnded();
    steps.add(new Step(Kind.EVENT, Objects.requireNonNull(event, "event"), timestamp, null, false));
    return this;
  }

  /**
   * Adds a watermark to the script.
   *
   * @throws IllegalArgumentException if it does not advance past the previous watermark (the
   *     runtime never delivers such a watermark)
   */
  public OperatorTestHarness<I, O> watermark(long watermark) {
    checkNotEnded();
    if (watermark <= lastWatermark) {
      throw new IllegalArgumentException(
          "watermark " + watermark + " does not advance past " + lastWatermark);
    }
    lastWatermark = watermark;
    steps.add(new Step(Kind.WATERMARK, null, watermark, null, false));
    return this;
  }

  /**
   * Adds a snapshot of every instance, restored into fresh operator instances at the same
   * parallelism, which take over from here. Its expected output is nothing.
   */
  public OperatorTestHarness<I, O> snapshotAndRestore() {
    checkNotEnded();
    steps.add(new Step(Kind.SNAPSHOT, null, 0, List.of(), false));
    return this;
  }

  /**
   * Adds a snapshot of every instance, restored into {@code parallelism} fresh instances of a
   * keyed operator, each taking the key groups of its range; they take over from here.
   *
   * @throws IllegalStateException for a plain (non-keyed) operator
   * @throws IllegalArgumentException if {@code parallelism} exceeds the max parallelism
   */
  public OperatorTestHarness<I, O> rescale(int parallelism) {
    checkNotEnded();
    if (keyFn == null) {
      throw new IllegalStateException("only keyed operators can be rescaled in the harness");
    }
    KeyGroups.checkParallelism(parallelism, maxParallelism);
    steps.add(new Step(Kind.RESCALE, null, parallelism, List.of(), false));
    return this;
  }

  /**
   * Adds the end of input: like the runtime, the final watermark ({@link
   * Timestamps#MAX_WATERMARK}) is delivered first if it was not, then {@code onEnd}.
   */
  public OperatorTestHarness<I, O> end() {
    checkNotEnded();
    ended = true;
    steps.add(new Step(Kind.END, null, 0, null, false));
    return this;
  }

  /** The full output the last step must produce (events and forwarded watermarks, in order). */
  public OperatorTestHarness<I, O> expect(List<Emitted<O>> outputs) {
    int last = lastStep();
    steps.set(last, steps.get(last).withExpected(List.copyOf(outputs)));
    return this;
  }

  /**
   * The full output the last step must produce on the side output {@code tag}: the events the
   * operator emitted there with their timestamps and, after them, the watermark the runtime
   * forwarded to the side output (side outputs hear watermarks after the main output). A side
   * output the operator did not ask for produces nothing. Steps without this expectation are
   * not checked on that side output, but every pass of {@link #verify()} must still produce the
   * same side outputs as the first.
   */
  public <T> OperatorTestHarness<I, O> expectSideOutput(
      OutputTag<T> tag, List<Emitted<T>> outputs) {
    Objects.requireNonNull(tag, "tag");
    int last = lastStep();
    steps.set(last, steps.get(last).withSideExpected(tag.id(), List.copyOf(outputs)));
    return this;
  }

  /**
   * What each step of the last {@link #verify()} emitted to the side output {@code tag} (events
   * with timestamps, and the watermarks that reached it), one list per step; empty lists if the
   * operator never asked for the tag.
   *
   * @throws IllegalStateException if {@link #verify()} has not run
   */
  @SuppressWarnings("unchecked")
  public <T> List<List<Emitted<T>>> sideOutput(OutputTag<T> tag) {
    Objects.requireNonNull(tag, "tag");
    if (verifiedSideOutputs == null) {
      throw new IllegalStateException("call verify() first");
    }
    List<List<Emitted<T>>> out = new ArrayList<>();
    for (Map<String, List<Emitted<Object>>> step : verifiedSideOutputs) {
      out.add((List<Emitted<T>>) (List<?>) step.getOrDefault(tag.id(), List.of()));
    }
    return List.copyOf(out);
  }

  /** The last step must produce nothing (for a watermark step: only the watermark itself). */
  public OperatorTestHarness<I, O> expectNothing() {
    Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    if (last != null && last.kind == Kind.WATERMARK) {
      return expect(List.of(Emitted.watermark(last.value)));
    }
    return expect(List.of());
  }

  /**
   * After the last step the operator must hold nothing in managed state: no keyed entries, no
   * pending timers, no operator state — what a window or CEP operator must reach once the final
   * watermark has passed.
   */
  public OperatorTestHarness<I, O> expectNoState() {
    int last = lastStep();
    steps.set(last, steps.get(last).withNoState());
    return this;
  }

  private int lastStep() {
    if (steps.isEmpty()) {
      throw new IllegalStateException("add a step before its expectation");
    }
    return steps.size() - 1;
  }

  private void checkNotEnded() {
    if (ended) {
      throw new IllegalStateException("the script already ended");
    }
  }

  /**
   * Runs the script and checks every expectation, that emitted events are not mutated after
   * emission, that instances do not share state, and that a snapshot and restore after any step
   * changes nothing.
   *
   * @return the output of each step, from the first pass
   * @throws AssertionError naming the first step that differs
   */
  public List<List<Emitted<O>>> verify() {
    Cluster a = new Cluster();
    List<StepOutput> outputs = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      StepOutput out = a.step(s, i);
      boolean multi = a.size() > 1;
      if (s.expected != null && !sameOutput(s.expected, out.main, multi)) {
        throw new AssertionError(
            s.describe(i) + ": expected output " + s.expected + " but was " + out.main);
      }
      for (Map.Entry<String, List<?>> e : s.sideExpected.entrySet()) {
        List<?> actual = out.side.getOrDefault(e.getKey(), List.of());
        if (!sameOutput(e.getValue(), actual, multi)) {
          throw new AssertionError(
              s.describe(i) + ": expected side output '" + e.getKey() + "' " + e.getValue()
                  + " but was " + actual);
        }
      }
      if (s.noState && a.stateEntries() != 0) {
        throw new AssertionError(
            s.describe(i)
                + ": expected no managed state but the operator holds "
                + a.stateEntries()
                + " entries (keyed entries + timers + operator state)");
      }
      outputs.add(out);
    }
    a.checkNotMutated();
    a.close();

    Cluster b = new Cluster();
    Cluster c = new Cluster();
    for (int i = 0; i < steps.size(); i++) {
      StepOutput ob = b.step(steps.get(i), i);
      StepOutput oc = c.step(steps.get(i), i);
      boolean multi = b.size() > 1;
      if (!outputs.get(i).sameAs(ob, multi) || !outputs.get(i).sameAs(oc, multi)) {
        throw new AssertionError(
            steps.get(i).describe(i)
                + ": two instances run side by side produced "
                + ob
                + " and "
                + oc
                + " instead of "
                + outputs.get(i)
                + " each; do the instances share mutable state?");
      }
    }
    b.close();
    c.close();

    Cluster r = new Cluster();
    for (int i = 0; i < steps.size(); i++) {
      StepOutput or = r.step(steps.get(i), i);
      if (!outputs.get(i).sameAs(or, r.size() > 1)) {
        throw new AssertionError(
            steps.get(i).describe(i)
                + ": after a snapshot and restore before this step the operator produced "
                + or
                + " instead of "
                + outputs.get(i)
                + "; does it keep state in fields instead of the context's managed state?");
      }
      if (steps.get(i).kind != Kind.END) {
        r.restoreInPlace();
      }
    }
    r.close();
    List<List<Emitted<O>>> main = new ArrayList<>();
    List<Map<String, List<Emitted<Object>>>> side = new ArrayList<>();
    for (StepOutput o : outputs) {
      main.add(o.main);
      side.add(o.side);
    }
    verifiedSideOutputs = List.copyOf(side);
    return main;
  }

  /** What one step produced: the main output and each side output, by tag id. */
  private final class StepOutput {
    final List<Emitted<O>> main;
    final Map<String, List<Emitted<Object>>> side;

    StepOutput(List<Emitted<O>> main, Map<String, List<Emitted<Object>>> side) {
      this.main = List.copyOf(main);
      Map<String, List<Emitted<Object>>> copy = new java.util.TreeMap<>();
      side.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      this.side = java.util.Collections.unmodifiableMap(copy);
    }

    boolean sameAs(StepOutput other, boolean unordered) {
      if (!sameOutput(main, other.main, unordered)) {
        return false;
      }
      java.util.Set<String> tags = new java.util.TreeSet<>(side.keySet());
      tags.addAll(other.side.keySet());
      for (String t : tags) {
        if (!sameOutput(
            side.getOrDefault(t, List.of()), other.side.getOrDefault(t, List.of()), unordered)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public String toString() {
      return side.isEmpty() ? main.toString() : main + " side outputs " + side;
    }
  }

  /** Compares outputs; with several instances, events as a multiset and watermarks in order. */
  private static boolean sameOutput(List<?> expected, List<?> actual, boolean unordered) {
    if (!unordered) {
      return expected.equals(actual);
    }
    if (expected.size() != actual.size()) {
      return false;
    }
    Map<Object, Integer> counts = new HashMap<>();
    List<Object> expectedMarks = new ArrayList<>();
    List<Object> actualMarks = new ArrayList<>();
    for (Object o : expected) {
      if (o instanceof Emitted.Watermark<?>) {
        expectedMarks.add(o);
      } else {
        counts.merge(o, 1, Integer::sum);
      }
    }
    for (Object o : actual) {
      if (o instanceof Emitted.Watermark<?>) {
        actualMarks.add(o);
      } else if (counts.merge(o, -1, Integer::sum) < 0) {
        return false;
      }
    }
    return expectedMarks.equals(actualMarks);
  }

  /** The instances the script currently runs on. */
  private final class Cluster {
    private List<Run> runs = new ArrayList<>();
    private final List<Object> emittedValues = new ArrayList<>();
    private final List<String> emittedAsText = new ArrayList<>();
    private boolean maxDelivered;

    Cluster() {
      runs.add(new Run(0, 1, null));
    }

    int size() {
      return runs.size();
    }

    StepOutput step(Step s, int index) {
      List<Emitted<O>> out = new ArrayList<>();
      Map<String, List<Emitted<Object>>> side = new java.util.TreeMap<>();
      try {
        switch (s.kind) {
          case EVENT -> {
            Run target = runs.size() == 1 ? runs.get(0) : runs.get(instanceOf(s.event));
            target.clear();
            target.driver.event(s.event, s.value);
            out.addAll(target.current);
            target.currentSide.forEach((t, l) -> side.computeIfAbsent(t, k -> new ArrayList<>()).addAll(l));
          }
          case WATERMARK -> {
            deliverWatermark(s.value, out, side);
            maxDelivered = s.value == Timestamps.MAX_WATERMARK;
          }
          case END -> {
            if (!maxDelivered) {
              deliverWatermark(Timestamps.MAX_WATERMARK, out, side);
            }
            for (Run r : runs) {
              r.clear();
              r.driver.end();
              out.addAll(r.current);
              r.currentSide.forEach(
                  (t, l) -> side.computeIfAbsent(t, k -> new ArrayList<>()).addAll(l));
            }
          }
          case SNAPSHOT -> restoreAt(runs.size());
          case RESCALE -> restoreAt((int) s.value);
        }
      } catch (Exception e) {
        throw new AssertionError(s.describe(index) + ": the operator threw " + e, e);
      }
      for (Emitted<O> e : out) {
        if (e instanceof Emitted.Event<O> ev) {
          emittedValues.add(ev.value());
          emittedAsText.add(String.valueOf(ev.value()));
        }
      }
      for (List<Emitted<Object>> l : side.values()) {
        for (Emitted<Object> e : l) {
          if (e instanceof Emitted.Event<Object> ev) {
            emittedValues.add(ev.value());
            emittedAsText.add(String.valueOf(ev.value()));
          }
        }
      }
      return new StepOutput(out, side);
    }

    /**
     * Every instance hears the watermark; it appears once in the output, after the events, and
     * once in each side output that any instance forwarded it to, after that output's events.
     */
    private void deliverWatermark(
        long watermark, List<Emitted<O>> out, Map<String, List<Emitted<Object>>> side)
        throws Exception {
      int forwarded = 0;
      java.util.Set<String> sideForwarded = new java.util.TreeSet<>();
      for (Run r : runs) {
        r.clear();
        r.driver.watermark(watermark);
        for (Emitted<O> e : r.current) {
          if (e instanceof Emitted.Watermark<O>) {
            forwarded++;
          } else {
            out.add(e);
          }
        }
        r.currentSide.forEach(
            (t, l) -> {
              for (Emitted<Object> e : l) {
                if (e instanceof Emitted.Watermark<Object>) {
                  sideForwarded.add(t);
                } else {
                  side.computeIfAbsent(t, k -> new ArrayList<>()).add(e);
                }
              }
            });
      }
      if (forwarded == runs.size()) {
        out.add(Emitted.watermark(watermark));
      } else if (forwarded > 0) {
        throw new AssertionError(
            "watermark " + watermark + " was forwarded by " + forwarded + " of " + runs.size()
                + " instances");
      }
      for (String t : sideForwarded) {
        side.computeIfAbsent(t, k -> new ArrayList<>()).add(Emitted.watermark(watermark));
      }
    }

    private int instanceOf(Object event) {
      int group = KeyGroups.groupOf(keyFn.apply(event), maxParallelism);
      return KeyGroups.instanceFor(group, runs.size(), maxParallelism);
    }

    /** Snapshots every instance and continues on {@code parallelism} fresh, restored ones. */
    private void restoreAt(int parallelism) {
      List<OperatorSnapshot> snapshots = new ArrayList<>();
      for (Run r : runs) {
        snapshots.add(r.driver.snapshot());
      }
      close();
      List<Run> fresh = new ArrayList<>();
      for (int i = 0; i < parallelism; i++) {
        fresh.add(new Run(i, parallelism, snapshots));
      }
      runs = fresh;
    }

    void restoreInPlace() {
      restoreAt(runs.size());
    }

    int stateEntries() {
      int n = 0;
      for (Run r : runs) {
        n += r.driver.stateEntries();
      }
      return n;
    }

    void checkNotMutated() {
      for (int i = 0; i < emittedValues.size(); i++) {
        String now = String.valueOf(emittedValues.get(i));
        if (!now.equals(emittedAsText.get(i))) {
          throw new AssertionError(
              "emitted event #"
                  + i
                  + " changed after it was emitted: was "
                  + emittedAsText.get(i)
                  + ", now "
                  + now
                  + "; emit a fresh object instead of mutating one");
        }
      }
    }

    void close() {
      for (Run r : runs) {
        r.close();
      }
    }
  }

  /** One operator instance. */
  private final class Run implements HarnessDriver.Recorder {
    final HarnessDriver driver;
    final List<Emitted<O>> current = new ArrayList<>();
    /** What the current step emitted to side outputs, by tag id. */
    final Map<String, List<Emitted<Object>>> currentSide = new java.util.TreeMap<>();

    Run(int instanceIndex, int parallelism, List<OperatorSnapshot> restore) {
      Object op = supplier.get();
      if (op == null) {
        throw new IllegalStateException("the operator supplier returned null");
      }
      driver =
          keyFn == null
              ? HarnessDriver.of((Operator<?, ?>) op, "operator-under-test", this)
              : HarnessDriver.keyed(
                  (KeyedOperator<?, ?, ?>) op,
                  keyFn,
                  maxParallelism,
                  "operator-under-test",
                  this);
      try {
        if (restore != null) {
          driver.restoreFrom(restore);
        }
        driver.open(instanceIndex, parallelism, EngineClock.SYSTEM);
      } catch (Exception e) {
        throw new AssertionError("open failed: " + e, e);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onEvent(Object event, long timestamp) {
      current.add(Emitted.event((O) event, timestamp));
    }

    @Override
    public void onWatermark(long watermark) {
      current.add(Emitted.watermark(watermark));
    }

    @Override
    public void onSideEvent(String tagId, Object event, long timestamp) {
      currentSide.computeIfAbsent(tagId, k -> new ArrayList<>()).add(Emitted.event(event, timestamp));
    }

    @Override
    public void onSideWatermark(String tagId, long watermark) {
      currentSide.computeIfAbsent(tagId, k -> new ArrayList<>()).add(Emitted.watermark(watermark));
    }

    void clear() {
      current.clear();
      currentSide.clear();
    }

    void close() {
      try {
        driver.close();
      } catch (Exception e) {
        throw new AssertionError("close failed: " + e, e);
      }
    }
  }
}
