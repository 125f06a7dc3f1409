package dev.sluice.core;

import dev.sluice.core.internal.plan.StageNode;
import dev.sluice.core.operator.KeyedBroadcastOperator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A keyed stage with a broadcast input, for a {@link KeyedBroadcastOperator}; made by {@link
 * KeyedStage#withBroadcast(Stage)}. Only {@link #process} remains to be chosen.
 *
 * <p><b>Threading:</b> like {@link Pipeline}, build from one thread.
 *
 * @param <K> key type of the data input
 * @param <T> data input type
 * @param <B> broadcast input type
 */
public final class KeyedBroadcastConnectedStage<K, T, B> {
  private final Pipeline pipeline;
  private final int data;
  private final Function<Object, Object> keyFn;
  private final int broadcast;

  KeyedBroadcastConnectedStage(
      Pipeline pipeline, int data, Function<Object, Object> keyFn, int broadcast) {
    this.pipeline = pipeline;
    this.data = data;
    this.keyFn = keyFn;
    this.broadcast = broadcast;
  }

  /**
   * Adds the keyed broadcast operator stage (one operator per parallel instance). Data events
   * are routed by key; every broadcast event reaches every instance.
   *
   * @param name the stage's name, or null for a default one
   */
  public <R> Stage<R> process(
      String name,
      Supplier<? extends KeyedBroadcastOperator<K, ? super T, ? super B, ? extends R>>
          operatorSupplier) {
    Objects.requireNonNull(operatorSupplier, "operatorSupplier");
    int n =
        pipeline.add(
            StageNode.Kind.KEYED_BROADCAST_OPERATOR,
            name,
            null,
            List.of(
                StageNode.Input.of(data, StageNode.Routing.HASH, keyFn),
                StageNode.Input.of(broadcast, StageNode.Routing.BROADCAST, null)
                    .withOrdinal(1)
                    .asBroadcastInput()),
            operatorSupplier,
            null);
    return new Stage<>(pipeline, n);
  }
}
