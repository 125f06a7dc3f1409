package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.KeyedBroadcastOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimerService;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a {@link KeyedTwoInputOperator} (or a {@link KeyedBroadcastOperator}, adapted to one):
 * extracts the key of each input with that input's key function (none for a broadcast input),
 * gives the operator keyed state and event-time timers shared by both inputs, fires due timers
 * on each watermark (the minimum over the inputs that hold event time). Keyed state and timers
 * follow the patterns of {@link KeyedOperatorLink}. Counting as in {@link OperatorLinkBase}.
 */
final class KeyedTwoInputOperatorLink extends OperatorLinkBase
    implements KeyedOperatorContext<Object>, EventTimeTimers.Handler<Object> {
  private final Function<Object, Object> keyFn1;
  /** The second input's key function; null for a broadcast input (no key). */
  private final Function<Object, Object> keyFn2;
  private final KeyedTwoInputOperator<Object, Object, Object, Object> operator;
  private final EventTimeTimers<Object> timers = new EventTimeTimers<>();
  private final Map<String, KeyedStateStore<Object, ?>> states = new HashMap<>();
  /** The chain head for events of the second input. */
  final Link secondInput = new SecondInput(this);

  KeyedTwoInputOperatorLink(
      StageCounter counter,
      Function<Object, Object> keyFn1,
      Function<Object, Object> keyFn2,
      Object operator) {
    super(counter);
    this.keyFn1 = keyFn1;
    this.keyFn2 = keyFn2;
    this.operator = adapt(operator);
    if (counter.inByInput == null) {
      counter.inByInput = new long[2];
    }
  }

  @SuppressWarnings("unchecked")
  private static KeyedTwoInputOperator<Object, Object, Object, Object> adapt(Object op) {
    if (op instanceof KeyedTwoInputOperator<?, ?, ?, ?> t) {
      return (KeyedTwoInputOperator<Object, Object, Object, Object>) t;
    }
    if (op instanceof KeyedBroadcastOperator<?, ?, ?, ?> b) {
      return new BroadcastAdapter((KeyedBroadcastOperator<Object, Object, Object, Object>) b);
    }
    throw new IllegalArgumentException(
        "the supplier returned " + (op == null ? "null" : op.getClass().getName())
            + ", not a KeyedTwoInputOperator or KeyedBroadcastOperator");
  }

  /** A keyed broadcast operator seen as a keyed two-input one (second input: no key). */
  private record BroadcastAdapter(KeyedBroadcastOperator<Object, Object, Object, Object> op)
      implements KeyedTwoInputOperator<Object, Object, Object, Object> {
    @Override
    public void open(KeyedOperatorContext<Object> context) throws Exception {
      op.open(context);
    }

    @Override
    public void onEvent1(Object key, Object event, long timestamp, Output<Object> output)
        throws Exception {
      op.onEvent(key, event, timestamp, output);
    }

    @Override
    public void onEvent2(Object key, Object event, long timestamp, Output<Object> output)
        throws Exception {
      op.onBroadcast(event, timestamp, output);
    }

    @Override
    public void onTimer(Object key, long time, Output<Object> output) throws Exception {
      op.onTimer(key, time, output);
    }

    @Override
    public void onWatermark(long watermark, Output<Object> output) throws Exception {
      op.onWatermark(watermark, output);
    }

    @Override
    public void onEnd(Output<Object> output) throws Exception {
      op.onEnd(output);
    }

    @Override
    public void close() throws Exception {
      op.close();
    }
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
  void onEvent(Object item, long timestamp) {
    counter.inByInput[0]++;
    process(item, timestamp, false, false);
  }

  @Override
  void onEventTimed(Object item, long timestamp) {
    counter.inByInput[0]++;
    process(item, timestamp, true, false);
  }

  @Override
  void invoke(Object item, long timestamp) throws Exception {
    operator.onEvent1(keyFn1.apply(item), item, timestamp, this);
  }

  @Override
  void invokeSecond(Object item, long timestamp) throws Exception {
    Function<Object, Object> k = keyFn2;
    operator.onEvent2(k == null ? null : k.apply(item), item, timestamp, this);
  }

  @Override
  void onWatermark(long wm) {
    noteWatermark(wm);
    runCounted(
        () -> {
          timers.advance(wm, this);
          currentTimestamp = wm;
          operator.onWatermark(wm, this);
        });
    forwardWatermark(wm);
  }

  @Override
  public void onTimer(Object key, long time) throws Exception {
    currentTimestamp = time;
    operator.onTimer(key, time, this);
  }

  @Override
  void onEnd() {
    runCounted(() -> operator.onEnd(this));
    forwardEnd();
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
  public long currentWatermark() {
    return timers.currentWatermark();
  }
}
