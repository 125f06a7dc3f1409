package dev.sluice.core.internal.runtime;

import dev.sluice.core.Timestamps;
import dev.sluice.core.internal.operators.LongKeyedContext;
import dev.sluice.core.internal.operators.LongKeyedOperator;
import dev.sluice.core.internal.state.KeyedStateBackend;
import dev.sluice.core.internal.state.LongKeyedStateTable;
import dev.sluice.core.internal.state.TimerHeap;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.KeyGroupRange;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.MapState;
import dev.sluice.core.state.MapStateDescriptor;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Runs a {@link KeyedOperator}: takes each event's key and key group (carried across the edge by
 * the sender, or computed here), gives the operator managed keyed and operator state, and runs
 * its event-time and processing-time timers from two {@link TimerHeap}s.
 *
 * <p>Firing is resumable: a watermark fires due timers while the chain's tail has room; when the
 * tail fills, the link closes the tasklet's gate (no new input), and {@link #poll()} resumes on
 * the next call. The watermark (then {@code onEnd}, if the input ended meanwhile) goes downstream
 * only after the last due timer. Processing-time timers fire from {@link #poll()}, which the
 * tasklet calls on every call. Counting as in {@link OperatorLinkBase}.
 */
/**
 * Runs a {@link KeyedOperator} on the keyed machinery of {@link KeyedLinkBase}: takes each
 * event's key and key group from the edge (or computes them), and calls the operator, unboxed for
 * a stage keyed by primitive longs when the operator supports it.
 */
final class KeyedOperatorLink extends KeyedLinkBase {
  private final Function<Object, Object> keyFn;
  private final KeyedOperator<Object, Object, Object> operator;
  /** The operator, if the stage is keyed by longs and it takes them unboxed. */
  private final LongKeyedOperator<Object, Object> longOperator;

  KeyedOperatorLink(
      StageCounter counter,
      Function<Object, Object> keyFn,
      KeyedOperator<Object, Object, Object> operator,
      int maxParallelism) {
    this(counter, keyFn, null, operator, maxParallelism);
  }

  @SuppressWarnings("unchecked")
  KeyedOperatorLink(
      StageCounter counter,
      Function<Object, Object> keyFn,
      ToLongFunction<Object> longKeyFn,
      KeyedOperator<Object, Object, Object> operator,
      int maxParallelism) {
    super(counter, longKeyFn, maxParallelism);
    this.keyFn = keyFn;
    this.operator = operator;
    this.listener =
        operator instanceof dev.sluice.core.checkpoint.CheckpointListener l ? l : null;
    this.longOperator =
        longKeyFn != null && operator instanceof LongKeyedOperator<?, ?> l
            ? (LongKeyedOperator<Object, Object>) l
            : null;
  }

  @Override
  void invoke(Object item, long timestamp) throws Exception {
    Object key;
    int group = carriedGroup;
    if (longKeyFn != null && group != KEY_FAILED) {
      // keyed by primitive longs: the key is recomputed here (cheap), never boxed on the edge
      carriedGroup = NO_KEY;
      long k = longKeyFn.applyAsLong(item);
      if (longOperator != null) {
        currentKey = null;
        currentGroup = NO_KEY;
        longOperator.onEventLong(k, item, timestamp, this);
        return;
      }
      key = k;
    } else if (group >= 0) {
      key = carriedKey;
      carriedKey = null;
      carriedGroup = NO_KEY;
    } else if (group == KEY_FAILED) {
      Object error = carriedKey;
      carriedKey = null;
      carriedGroup = NO_KEY;
      // the sender's key function threw: fail here, under this stage's error policy
      if (error instanceof Exception e) {
        throw e;
      }
      throw (Error) error;
    } else {
      // one instance owns every group: the group is computed only if state or a timer needs it
      key = keyFn.apply(item);
      group = NO_KEY;
    }
    useKey(key, group);
    operator.onEvent(key, item, timestamp, this);
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
