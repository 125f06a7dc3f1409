package dev.sluice.core;

import dev.sluice.core.internal.plan.KeySpec;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.internal.operators.RollingAggregateOperator;
import dev.sluice.core.internal.operators.RollingReduceOperator;
import dev.sluice.core.internal.operators.StatefulMapOperator;
import dev.sluice.core.internal.plan.StageNode;
import dev.sluice.core.operator.KeyedOperator;
import java.util.List;
import java.util.Objects;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A stream grouped by key: the operations here keep state per key, and every event of a key is
 * routed (hash-partitioned) to the same parallel instance, so results per key do not depend on
 * parallelism.
 *
 * <p>The key function runs once per event, on the sending side: the event crosses to its keyed
 * instance with its key and key group ({@link KeyGroups}), so the receiver does not compute them
 * again (with a single receiving instance the receiver computes the key instead). It must be
 * deterministic; keys need consistent {@code equals}/{@code hashCode} and a stable hash (see
 * {@link KeyGroups#stableHash}). A key function that throws is handled by the keyed stage's
 * error policy, at any parallelism.
 *
 * @param <K> key type
 * @param <T> event type
 */
public final class KeyedStage<K, T> {
  private final Pipeline pipeline;
  private final int upstream;
  private final Function<? super T, ? extends K> keyFn;
  private final ToLongFunction<? super T> longKeyFn;
  private final int maxParallelism;

  KeyedStage(Pipeline pipeline, int upstream, Function<? super T, ? extends K> keyFn) {
    this(pipeline, upstream, keyFn, null, KeyGroups.DEFAULT_MAX_PARALLELISM);
  }

  private KeyedStage(
      Pipeline pipeline,
      int upstream,
      Function<? super T, ? extends K> keyFn,
      ToLongFunction<? super T> longKeyFn,
      int maxParallelism) {
    this.pipeline = pipeline;
    this.upstream = upstream;
    this.keyFn = keyFn;
    this.longKeyFn = longKeyFn;
    this.maxParallelism = maxParallelism;
  }

  /** A stage keyed by a primitive {@code long} (see {@code Stage.keyByLong}). */
  static <T> KeyedStage<Long, T> ofLong(
      Pipeline pipeline, int upstream, ToLongFunction<? super T> longKeyFn) {
    return new KeyedStage<>(
        pipeline,
        upstream,
        (T t) -> longKeyFn.applyAsLong(t),
        longKeyFn,
        KeyGroups.DEFAULT_MAX_PARALLELISM);
  }

  /** What the planner and runtime need to know about the keys. */
  @SuppressWarnings("unchecked")
  private KeySpec keySpec() {
    return new KeySpec(maxParallelism, (ToLongFunction<Object>) longKeyFn);
  }

  /**
   * Sets the number of key groups of the keyed stage that follows (default {@value
   * KeyGroups#DEFAULT_MAX_PARALLELISM}): the most parallel instances it can ever run with, and
   * the unit in which its state is partitioned and redistributed. Keep it fixed for the life of
   * the stage's saved state.
   *
   * @throws IllegalArgumentException if outside 1..{@value KeyGroups#UPPER_BOUND_MAX_PARALLELISM}
   */
  public KeyedStage<K, T> maxParallelism(int maxParallelism) {
    KeyGroups.checkParallelism(1, maxParallelism);
    return new KeyedStage<>(pipeline, upstream, keyFn, longKeyFn, maxParallelism);
  }

  /** The number of key groups of the keyed stage that follows. */
  public int maxParallelism() {
    return maxParallelism;
  }

  /** Maps an event and the mutable state of its key to a result; null emits nothing. */
  @FunctionalInterface
  public interface StatefulMapper<S, K, T, R> {
    /** Computes the result; may mutate {@code state}. */
    R apply(S state, K key, T event);
  }

  /** The key function, for plug-in operators. */
  public Function<? super T, ? extends K> keyFunction() {
    return keyFn;
  }

  /** The pipeline. */
  public Pipeline pipeline() {
    return pipeline;
  }

  /**
   * Emits, for every event, its key and the aggregate of all events of that key so far.
   *
   * <p>Allocation: one {@link KeyedValue} per event plus the exported result.
   */
  public <A, R> Stage<KeyedValue<K, R>> rollingAggregate(
      AggregateOperation<? super T, A, R> operation) {
    Objects.requireNonNull(operation, "operation");
    Supplier<KeyedOperator<K, T, KeyedValue<K, R>>> s =
        () -> new RollingAggregateOperator<K, T, A, R>(operation);
    return keyedOperator(null, "rolling-aggregate", s);
  }

  /** Emits, for every event, the reduction of all events of its key so far. */
  public Stage<T> rollingReduce(BinaryOperator<T> reducer) {
    Objects.requireNonNull(reducer, "reducer");
    Supplier<KeyedOperator<K, T, T>> s = () -> new RollingReduceOperator<>(reducer);
    return keyedOperator(null, "rolling-reduce", s);
  }

  /**
   * Maps each event with mutable per-key state created by {@code createState}. The state is
   * written into snapshots with {@link dev.sluice.core.state.StateCodecs#dynamic()} (records,
   * boxed values, collections, or {@code Serializable} classes); use {@link
   * #mapStateful(StateCodec, Supplier, StatefulMapper)} for other state types.
   *
   * @param createState creates the state of a key seen for the first time
   * @param mapper computes the output from the state, key and event; null emits nothing
   */
  public <S, R> Stage<R> mapStateful(
      Supplier<? extends S> createState, StatefulMapper<S, ? super K, ? super T, ? extends R> mapper) {
    return mapStateful(StateCodecs.dynamic(), createState, mapper);
  }

  /**
   * Maps each event with mutable per-key state whose snapshots {@code codec} writes.
   *
   * @param codec writes and reads the state
   * @param createState creates the state of a key seen for the first time
   * @param mapper computes the output from the state, key and event; null emits nothing
   */
  public <S, R> Stage<R> mapStateful(
      StateCodec<S> codec,
      Supplier<? extends S> createState,
      StatefulMapper<S, ? super K, ? super T, ? extends R> mapper) {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(createState, "createState");
    Objects.requireNonNull(mapper, "mapper");
    Supplier<KeyedOperator<K, T, R>> s =
        () -> new StatefulMapOperator<K, T, S, R>(codec, createState, mapper);
    return keyedOperator(null, "map-stateful", s);
  }

  /**
   * Adds a keyed operator (one instance per parallel instance); the extension point of the
   * windowing and CEP modules.
   */
  public <R> Stage<R> customOperator(
      String name, Supplier<? extends KeyedOperator<K, ? super T, ? extends R>> operatorSupplier) {
    return keyedOperator(name, null, operatorSupplier);
  }

  /** Adds a keyed operator; with a null name, its default name is built on {@code base}. */
  @SuppressWarnings("unchecked")
  private <R> Stage<R> keyedOperator(
      String name,
      String base,
      Supplier<? extends KeyedOperator<K, ? super T, ? extends R>> operatorSupplier) {
    Objects.requireNonNull(operatorSupplier, "operatorSupplier");
    int n =
        pipeline.add(
            StageNode.Kind.KEYED_OPERATOR,
            name,
            base,
            List.of(
                StageNode.Input.of(
                    upstream, StageNode.Routing.HASH, (Function<Object, Object>) keyFn)),
            operatorSupplier,
            keySpec());
    return new Stage<>(pipeline, n);
  }

  /**
   * Connects this keyed stage (the first input) with {@code other} (the second), keyed by the
   * same key type, for a {@link dev.sluice.core.operator.KeyedTwoInputOperator}: both input
   * edges hash keys by the same scheme, so equal keys of either input reach the same instance.
   *
   * @throws IllegalArgumentException if {@code other} belongs to another pipeline
   */
  @SuppressWarnings("unchecked")
  public <U> KeyedConnectedStages<K, T, U> connect(KeyedStage<K, U> other) {
    Objects.requireNonNull(other, "other");
    if (other.pipeline != pipeline) {
      throw new IllegalArgumentException("the other keyed stage belongs to another pipeline");
    }
    return new KeyedConnectedStages<>(
        pipeline,
        upstream,
        (Function<Object, Object>) keyFn,
        other.upstream,
        (Function<Object, Object>) other.keyFn);
  }

  /**
   * Connects {@code broadcast} to this keyed stage as a broadcast input for a {@link
   * dev.sluice.core.operator.KeyedBroadcastOperator}: every instance receives every broadcast
   * event, the broadcast input does not hold back event time, and queued broadcast events are
   * read before the next batch of data.
   *
   * @throws IllegalArgumentException if {@code broadcast} belongs to another pipeline
   */
  @SuppressWarnings("unchecked")
  public <B> KeyedBroadcastConnectedStage<K, T, B> withBroadcast(Stage<B> broadcast) {
    Objects.requireNonNull(broadcast, "broadcast");
    if (broadcast.pipeline() != pipeline) {
      throw new IllegalArgumentException(
          "stage '" + broadcast.name() + "' belongs to another pipeline");
    }
    return new KeyedBroadcastConnectedStage<>(
        pipeline, upstream, (Function<Object, Object>) keyFn, broadcast.id());
  }

  /** Passes events on, partitioned by key, without keyed processing. */
  @SuppressWarnings("unchecked")
  public Stage<T> partition() {
    int n =
        pipeline.add(
            StageNode.Kind.PARTITION,
            null,
            List.of(upstream),
            StageNode.Routing.HASH,
            (Function<Object, Object>) keyFn,
            null,
            keySpec());
    return new Stage<>(pipeline, n);
  }
}
