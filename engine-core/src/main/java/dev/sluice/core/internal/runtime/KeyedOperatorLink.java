package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimerService;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a {@link KeyedOperator}: extracts the key, gives the operator keyed state and event-time
 * timers, fires due timers on each watermark. Counting as in {@link OperatorLink}.
 */
final class KeyedOperatorLink extends Link
    implements Output<Object>, KeyedOperatorContext<Object>, EventTimeTimers.Handler<Object> {
  private final Function<Object, Object> keyFn;
  private final KeyedOperator<Object, Object, Object> operator;
  private final EventTimeTimers<Object> timers = new EventTimeTimers<>();
  private final Map<String, KeyedStateStore<Object, ?>> states = new HashMap<>();
  private long currentTimestamp;
  private long emitted;
  private TaskletContext context;

  KeyedOperatorLink(
      StageCounter counter,
      Function<Object, Object> keyFn,
      KeyedOperator<Object, Object, Object> operator) {
    super(counter);
    this.keyFn = keyFn;
    this.operator = operator;
  }

  @Override
  void open(TaskletContext context) throws Exception {
    this.context = context;
    operator.open(this);
  }

  @Override
  void close(Throwable failure) throws Exception {
    operator.close();
  }

  @Override
  void onEventTimed(Object item, long timestamp) {
    process(item, timestamp, true);
  }

  @Override
  void onEvent(Object item, long timestamp) {
    process(item, timestamp, false);
  }

  private void process(Object item, long timestamp, boolean timed) {
    StageCounter c = counter;
    c.in++;
    currentTimestamp = timestamp;
    long before = emitted;
    long t0 = timed ? System.nanoTime() : 0;
    try {
      operator.onEvent(keyFn.apply(item), item, timestamp, this);
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      c.expanded += emitted - before;
      handleError(item, timestamp, e);
      return;
    }
    if (timed) {
      recordProcessing(t0);
    }
    long k = emitted - before;
    if (k == 0) {
      c.filtered++;
    } else {
      c.expanded += k - 1;
    }
  }

  @Override
  void onWatermark(long wm) {
    noteWatermark(wm);
    long before = emitted;
    try {
      timers.advance(wm, this);
      currentTimestamp = wm;
      operator.onWatermark(wm, this);
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
    counter.expanded += emitted - before;
    next.onWatermark(wm);
  }

  @Override
  public void onTimer(Object key, long time) throws Exception {
    currentTimestamp = time;
    operator.onTimer(key, time, this);
  }

  @Override
  void onEnd() {
    long before = emitted;
    try {
      operator.onEnd(this);
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
    counter.expanded += emitted - before;
    next.onEnd();
  }

  @Override
  public void emit(Object event) {
    emit(event, currentTimestamp);
  }

  @Override
  public void emit(Object event, long timestamp) {
    if (event == null) {
      throw new NullPointerException("operator of stage '" + counter.stage + "' emitted null");
    }
    emitted++;
    counter.out++;
    // Outputs go on untimed: a timed path through the operator's results would make them
    // escape, and the JIT would then allocate every result the operator emits.
    next.onEvent(event, timestamp);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S> KeyedState<Object, S> state(String name, Supplier<S> initial) {
    return (KeyedState<Object, S>)
        states.computeIfAbsent(name, n -> new KeyedStateStore<Object, S>(initial));
  }

  @Override
  public TimerService<Object> timers() {
    return timers;
  }

  @Override
  public String stageName() {
    return counter.stage;
  }

  @Override
  public int instanceIndex() {
    return context.instanceIndex();
  }

  @Override
  public int parallelism() {
    return context.parallelism();
  }

  @Override
  public long currentWatermark() {
    return timers.currentWatermark();
  }

  @Override
  public long processingTimeMillis() {
    return context.clock().currentTimeMillis();
  }
}
