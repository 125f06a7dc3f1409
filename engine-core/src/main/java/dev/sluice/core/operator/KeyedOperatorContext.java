package dev.sluice.core.operator;

import dev.sluice.core.state.MapState;
import dev.sluice.core.state.MapStateDescriptor;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.ValueStateDescriptor;
import java.util.function.Supplier;

/**
 * The context of a {@link KeyedOperator}: managed keyed state, timers, and everything of {@link
 * OperatorContext}.
 *
 * <p>Keyed state is stored per key group and is what the runtime snapshots, restores and
 * redistributes when the parallelism changes; declare it in {@code open} with a descriptor that
 * carries a {@link dev.sluice.core.state.StateCodec}. The same name asked for twice returns the
 * same state; the same name with another kind or codec fails with {@link IllegalStateException}.
 *
 * <p><b>State values:</b> {@code get} reads for inspection (do not mutate what it returns);
 * {@code getOrCreate}/{@code getForUpdate} read for update. Never keep a state value beyond the
 * callback that read it: after the callback the runtime may copy, move or serialize it.
 *
 * <p><b>Threading:</b> use only from the operator's own callbacks, on its thread.
 *
 * @param <K> key type
 */
public interface KeyedOperatorContext<K> extends OperatorContext {

  /**
   * Value state by descriptor: one value per key.
   *
   * @param descriptor its name (unique within the operator), codec and initial supplier
   * @param <S> state type
   */
  <S> KeyedState<K, S> state(ValueStateDescriptor<S> descriptor);

  /**
   * Value state whose values are written with the self-describing {@link
   * dev.sluice.core.state.StateCodecs#dynamic()} codec, created by {@code initial} on {@link
   * KeyedState#getOrCreate}. Convenient; a descriptor with a typed codec snapshots faster.
   */
  <S> KeyedState<K, S> state(String name, Supplier<S> initial);

  /**
   * Value state without an initial supplier (only get/put/remove; {@code getOrCreate} throws
   * {@link IllegalStateException}), written with the dynamic codec.
   */
  <S> KeyedState<K, S> state(String name);

  /** Map state: per key, a map from user key to value. */
  <UK, UV> MapState<K, UK, UV> mapState(MapStateDescriptor<UK, UV> descriptor);

  /** Namespaced state: one value per (key, namespace), e.g. per key and window. */
  <N, S> NamespacedState<K, N, S> namespacedState(NamespacedStateDescriptor<N, S> descriptor);

  /** Event-time and processing-time timers for this operator. */
  TimerService<K> timers();

  /** The stage's maximum parallelism: its number of key groups. */
  int maxParallelism();
}
