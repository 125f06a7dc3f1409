package dev.sluice.core.internal.operators;

import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import dev.sluice.core.KeyedStage;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import java.util.function.Supplier;

/** Per key, applies a mapper to the key's mutable state and the event; emits non-null results. */
public final class StatefulMapOperator<K, T, S, R> implements KeyedOperator<K, T, R> {
  private final Supplier<? extends S> createState;
  private final StateCodec<S> codec;
  private final KeyedStage.StatefulMapper<S, ? super K, ? super T, ? extends R> mapper;
  private KeyedState<K, S> state;

  /** Creates the operator; its state is written into snapshots with the dynamic codec. */
  public StatefulMapOperator(
      Supplier<? extends S> createState,
      KeyedStage.StatefulMapper<S, ? super K, ? super T, ? extends R> mapper) {
    this(StateCodecs.dynamic(), createState, mapper);
  }

  /** Creates the operator; {@code codec} writes its state into snapshots. */
  public StatefulMapOperator(
      StateCodec<S> codec,
      Supplier<? extends S> createState,
      KeyedStage.StatefulMapper<S, ? super K, ? super T, ? extends R> mapper) {
    this.codec = codec;
    this.createState = createState;
    this.mapper = mapper;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    state = context.state(ValueStateDescriptor.of("state", codec).withInitial(createState));
  }

  @Override
  public void onEvent(K key, T event, long timestamp, Output<R> output) {
    R r = mapper.apply(state.getOrCreate(key), key, event);
    if (r != null) {
      output.emit(r);
    }
  }
}
