package dev.sluice.core.operator;

import dev.sluice.core.state.BroadcastState;
import dev.sluice.core.state.BroadcastStateDescriptor;
import dev.sluice.core.state.ListState;
import dev.sluice.core.state.ListStateDescriptor;

/**
 * What the runtime tells an operator about where it runs, and where it obtains its side
 * outputs.
 *
 * <p><b>Threading:</b> use only from the operator's own callbacks.
 */
public interface OperatorContext {

  /** The stage's name, as shown in plans and metrics. */
  String stageName();

  /**
   * The stage's stable id: the uid given with {@code stage.uid(...)}, else one generated from
   * the stage's name (see docs/core.md, "Stable ids"). Unlike the instance index it is the same
   * for every instance of the stage, and unlike a default name it does not change when unrelated
   * stages are added to the pipeline; state that must survive a restart is filed under it.
   */
  String stageUid();

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

  /**
   * The side output named by {@code tag}: call it in {@code open} and keep the result. Events
   * emitted to it reach the stages connected with {@code stage.sideOutput(tag)}, crossing a
   * queue; the main output is not affected. Emitting follows the contract of {@link Output}
   * (never blocks, never refuses; a full side channel stops the operator's input like a full
   * main output). If the pipeline does not connect {@code tag}, what is emitted to it is counted
   * as dropped ({@code sideOutputDropped}) and goes nowhere. Asking twice for the same tag
   * returns the same output.
   *
   * <p><b>Allocation:</b> the first call per tag allocates the output; emitting allocates
   * nothing when the side channel has room.
   *
   * @throws IllegalArgumentException if the pipeline connects a tag with this id for another
   *     event type
   */
  <T> Output<T> sideOutput(OutputTag<T> tag);
}
