package dev.sluice.core.testing;

import dev.sluice.core.Timestamps;
import dev.sluice.core.internal.runtime.EngineClock;
import dev.sluice.core.internal.runtime.HarnessDriver;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.Operator;
import dev.sluice.core.state.KeyGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Drives an operator deterministically through a script of events, watermarks and the end of
 * input — through the same code the runtime uses, so timers fire and watermarks are forwarded
 * exactly as in a job — and checks its full output at every step.
 *
 * <pre>{@code
 * OperatorTestHarness.forKeyedOperator(Reading::sensor, MyWindowOperator::new)
 *     .event(r1, 1_000).expectNothing()
 *     .watermark(10_000).expect(Emitted.event(result, 9_999), Emitted.watermark(10_000))
 *     .verify();
 * }</pre>
 *
 * <p>{@link #verify()} also checks what a user relies on without writing it down: that no
 * emitted event is mutated after it was emitted (the runtime may still hold it in a queue), and
 * that two instances created by the supplier do not share state (they run interleaved and must
 * each produce the full output). A mismatch throws {@link AssertionError} naming the step.
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
  private long lastWatermark = Long.MIN_VALUE;
  private boolean ended;

  private record Step(Kind kind, Object event, long value, List<?> expected) {
    Step withExpected(List<?> e) {
      return new Step(kind, event, value, e);
    }

    String describe(int index) {
      return "step "
          + index
          + " ("
          + switch (kind) {
            case EVENT -> "event " + event + " @" + value;
            case WATERMARK -> "watermark " + value;
            case END -> "end of input";
          }
          + ")";
    }
  }

  private enum Kind {
    EVENT,
    WATERMARK,
    END
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

  /** Adds an event to the script. */
  public OperatorTestHarness<I, O> event(I event, long timestamp) {
    checkNotEnded();
    steps.add(new Step(Kind.EVENT, Objects.requireNonNull(event, "event"), timestamp, null));
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
    steps.add(new Step(Kind.WATERMARK, null, watermark, null));
    return this;
  }

  /**
   * Adds the end of input: like the runtime, the final watermark ({@link
   * Timestamps#MAX_WATERMARK}) is delivered first if it was not, then {@code onEnd}.
   */
  public OperatorTestHarness<I, O> end() {
    checkNotEnded();
    ended = true;
    steps.add(new Step(Kind.END, null, 0, null));
    return this;
  }

  /** The full output the last step must produce (events and forwarded watermarks, in order). */
  public OperatorTestHarness<I, O> expect(List<Emitted<O>> outputs) {
    if (steps.isEmpty()) {
      throw new IllegalStateException("add a step before its expected output");
    }
    int last = steps.size() - 1;
    steps.set(last, steps.get(last).withExpected(List.copyOf(outputs)));
    return this;
  }

  /** The last step must produce nothing (for a watermark step: only the watermark itself). */
  public OperatorTestHarness<I, O> expectNothing() {
    Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
    if (last != null && last.kind == Kind.WATERMARK) {
      return expect(List.of(Emitted.watermark(last.value)));
    }
    return expect(List.of());
  }

  private void checkNotEnded() {
    if (ended) {
      throw new IllegalStateException("the script already ended");
    }
  }

  /**
   * Runs the script and checks every expectation, that emitted events are not mutated after
   * emission, and that instances do not share state.
   *
   * @return the output of each step, from the first instance
   * @throws AssertionError naming the first step that differs
   */
  public List<List<Emitted<O>>> verify() {
    Run a = new Run(0);
    List<List<Emitted<O>>> outputs = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      List<Emitted<O>> out = a.step(steps.get(i), i);
      Step s = steps.get(i);
      if (s.expected != null && !s.expected.equals(out)) {
        throw new AssertionError(
            s.describe(i) + ": expected output " + s.expected + " but was " + out);
      }
      outputs.add(out);
    }
    a.checkNotMutated();
    a.close();

    Run b = new Run(0);
    Run c = new Run(1);
    for (int i = 0; i < steps.size(); i++) {
      List<Emitted<O>> ob = b.step(steps.get(i), i);
      List<Emitted<O>> oc = c.step(steps.get(i), i);
      if (!ob.equals(outputs.get(i)) || !oc.equals(outputs.get(i))) {
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
    return outputs;
  }

  /** One operator instance driven by the script. */
  private final class Run implements HarnessDriver.Recorder {
    private final HarnessDriver driver;
    private final List<Emitted<O>> current = new ArrayList<>();
    private final List<Object> emittedValues = new ArrayList<>();
    private final List<String> emittedAsText = new ArrayList<>();
    private boolean maxDelivered;

    @SuppressWarnings("unchecked")
    Run(int instanceIndex) {
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
                  KeyGroups.DEFAULT_MAX_PARALLELISM,
                  "operator-under-test",
                  this);
      try {
        // a keyed instance under test owns every key group; plain ones see two instances
        driver.open(keyFn == null ? instanceIndex : 0, keyFn == null ? 2 : 1, EngineClock.SYSTEM);
      } catch (Exception e) {
        throw new AssertionError("open failed: " + e, e);
      }
    }

    List<Emitted<O>> step(Step s, int index) {
      current.clear();
      try {
        switch (s.kind) {
          case EVENT -> driver.event(s.event, s.value);
          case WATERMARK -> {
            driver.watermark(s.value);
            maxDelivered = s.value == Timestamps.MAX_WATERMARK;
          }
          case END -> {
            if (!maxDelivered) {
              driver.watermark(Timestamps.MAX_WATERMARK);
            }
            driver.end();
          }
        }
      } catch (Exception e) {
        throw new AssertionError(s.describe(index) + ": the operator threw " + e, e);
      }
      return List.copyOf(current);
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onEvent(Object event, long timestamp) {
      current.add(Emitted.event((O) event, timestamp));
      emittedValues.add(event);
      emittedAsText.add(String.valueOf(event));
    }

    @Override
    public void onWatermark(long watermark) {
      current.add(Emitted.watermark(watermark));
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
      try {
        driver.close();
      } catch (Exception e) {
        throw new AssertionError("close failed: " + e, e);
      }
    }
  }
}
