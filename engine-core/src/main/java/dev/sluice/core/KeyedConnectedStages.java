package dev.sluice.core;

import dev.sluice.core.internal.plan.StageNode;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Two keyed stages, keyed by the same key type, connected as the first and second input of a
 * {@link KeyedTwoInputOperator}; made by {@link KeyedStage#connect(KeyedStage)}. Both input edges
 * hash the key by the same scheme, so equal keys of either input reach the same instance.
 *
 * <p><b>Threading:</b> like {@link Pipeline}, build from one thread.
 *
 * @param <K> key type
 * @param <A> type of the first input
 * @param <B> type of the second input
 */
public final class KeyedConnectedStages<K, A, B> {
  private final Pipeline pipeline;
  private final int first;
  private final Function<Object, Object> firstKey;
  private final int second;
  private final Function<Object, Object> secondKey;

  KeyedConnectedStages(
      Pipeline pipeline,
      int first,
      Function<Object, Object> firstKey,
      int second,
      Function<Object, Object> secondKey) {
    this.pipeline = pipeline;
    this.first = first;
    this.firstKey = firstKey;
    this.second = second;
    this.secondKey = secondKey;
  }

  /**
   * Adds the keyed two-input operator stage (one operator per parallel instance); its
   * parallelism is by default the larger of its inputs'. Keys must be equal across the inputs
   * where they should meet: an {@code Integer} 1 and a {@code Long} 1 are different keys.
   *
   * @param name the stage's name, or null for a default one
   */
  public <R> Stage<R> process(
      String name,
      Supplier<? extends KeyedTwoInputOperator<K, ? super A, ? super B, ? extends R>>
          operatorSupplier) {
    Objects.requireNonNull(operatorSupplier, "operatorSupplier");
    int n =
        pipeline.add(
            StageNode.Kind.KEYED_TWO_INPUT_OPERATOR,
            name,
            null,
            List.of(
                StageNode.Input.of(first, StageNode.Routing.HASH, firstKey),
                StageNode.Input.of(second, StageNode.Routing.HASH, secondKey).withOrdinal(1)),
            operatorSupplier,
            null);
    return new Stage<>(pipeline, n);
  }
}
