package dev.sluice.core.operator;

import dev.sluice.core.state.BroadcastState;
import dev.sluice.core.state.BroadcastStateDescriptor;
import dev.sluice.core.state.ListState;
import dev.sluice.core.state.ListStateDescriptor;

/**
 * What the runtime tells an operator about where it runs.
 *
 * <p><b>Threading:</b> use only from the operator's own callbacks.
 */
public interface OperatorContext {

  /** The stage's name, as shown in plans and metrics. */
  String stageName();

  /** This instance's index, from 0 to {@link #parallelism()} - 1. */
  int instanceIndex();

  /** How many parallel instances the stage has. */
  int parallelism();

  /** The current watermark at this operator, or {@code Long.MIN_VALUE} before the first. */
  long currentWatermark();

  /** Processing time in milliseconds since the epoch, from the engine's clock. */
  long processingTimeMillis();

  /**
   * Non-keyed operator list state: a list per instance that the runtime snapshots and, when the
   * parallelism changes, splits evenly (round-robin by element) among the new instances.
   */
  <T> ListState<T> listState(ListStateDescriptor<T> descriptor);

  /**
   * Broadcast state: a map with the same content on every instance (an operator updates it only
   * from input that every instance receives, such as a broadcast input). On restore at any
   * parallelism every instance gets instance 0's copy.
   */
  <K, V> BroadcastState<K, V> broadcastState(BroadcastStateDescriptor<K, V> descriptor);
}
