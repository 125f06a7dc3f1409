package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.KeyedBroadcastOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import java.util.function.Function;

/**
 * Runs a {@link KeyedTwoInputOperator} (or a {@link KeyedBroadcastOperator}, adapted to one):
 * extracts the key of each input with that input's key function (none for a broadcast input),
 * gives the operator keyed state and event-time timers shared by both inputs, fires due timers
 * on each watermark (the minimum over the inputs that hold event time). Keyed state and timers
 * follow the patterns of {@link KeyedOperatorLink}. Counting as in {@link OperatorLinkBase}.
 */
/**
 * Runs a {@link KeyedTwoInputOperator} (or a {@link KeyedBroadcastOperator}, adapted to one) on
 * the keyed machinery of {@link KeyedLinkBase}: managed keyed state and timers shared by both
 * inputs, resumable timer firing on the watermark (the minimum over the inputs that hold event
 * time). Each input's key comes from that input's key function (none for a broadcast input).
 * Counting as in {@link OperatorLinkBase}, with per-input {@code in}.
 */
final class KeyedTwoInputOperatorLink extends KeyedLinkBase {
  private final Function<Object, Object> keyFn1;
  /** The second input's key function; null for a broadcast input (no key). */
  private final Function<Object, Object> keyFn2;
  private final KeyedTwoInputOperator<Object, Object, Object, Object> operator;
  /** The chain head for events of the second input. */
  final Link secondInput = new SecondInput(this);

  KeyedTwoInputOperatorLink(
      StageCounter counter,
      Function<Object, Object> keyFn1,
      Function<Object, Object> keyFn2,
      Object operator,
      int maxParallelism) {
    super(counter, null, maxParallelism);
    this.keyFn1 = keyFn1;
    this.keyFn2 = keyFn2;
    this.operator = adapt(operator);
    this.listener =
        operator instanceof dev.sluice.core.checkpoint.CheckpointListener l ? l : null;
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
    public void onTimer(
        Object key, Object namespace, long time, TimeDomain domain, Output<Object> output)
        throws Exception {
      op.onTimer(key, namespace, time, domain, output);
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
    carriedGroup = NO_KEY;
    carriedKey = null;
    Object key = keyFn1.apply(item);
    useKey(key, NO_KEY);
    operator.onEvent1(key, item, timestamp, this);
  }

  @Override
  void invokeSecond(Object item, long timestamp) throws Exception {
    Function<Object, Object> k = keyFn2;
    Object key = k == null ? null : k.apply(item);
    if (k != null) {
      useKey(key, NO_KEY);
    }
    operator.onEvent2(key, item, timestamp, this);
  }

  @Override
  void openOperator() throws Exception {
    operator.open(this);
  }

  @Override
  void closeOperator() throws Exception {
    operator.close();
  }

  @Override
  void callOnTimer(Object key, Object namespace, long time, TimeDomain domain) throws Exception {
    operator.onTimer(key, namespace, time, domain, this);
  }

  @Override
  void callOnWatermark(long watermark) throws Exception {
    operator.onWatermark(watermark, this);
  }

  @Override
  void callOnEnd() throws Exception {
    operator.onEnd(this);
  }
}
