package dev.sluice.core;

import dev.sluice.core.internal.plan.StageNode;
import dev.sluice.core.operator.BroadcastOperator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A data stage with a broadcast input, for a {@link BroadcastOperator}; made by {@link
 * Stage#withBroadcast(Stage)}. Only {@link #process} remains to be chosen.
 *
 * <p><b>Threading:</b> like {@link Pipeline}, build from one thread.
 *
 * @param <T> data input type
 * @param <B> broadcast input type
 */
public final class BroadcastConnectedStage<T, B> {
  private final Pipeline pipeline;
  private final int data;
  private final int broadcast;

  BroadcastConnectedStage(Pipeline pipeline, int data, int broadcast) {
    this.pipeline = pipeline;
    this.data = data;
    this.broadcast = broadcast;
  }

  /**
   * Adds the broadcast operator stage (one operator per parallel instance). Its parallelism is
   * by default the data input's; data reaches it forward at equal parallelism, else
   * round-robin; every broadcast event reaches every instance.
   *
   * @param name the stage's name, or null for a default one
   */
  public <R> Stage<R> process(
      String name,
      Supplier<? extends BroadcastOperator<? super T, ? super B, ? extends R>> operatorSupplier) {
    Objects.requireNonNull(operatorSupplier, "operatorSupplier");
    int n =
        pipeline.add(
            StageNode.Kind.BROADCAST_OPERATOR,
            name,
            null,
            List.of(
                StageNode.Input.of(data, StageNode.Routing.FORWARD, null),
                StageNode.Input.of(broadcast, StageNode.Routing.BROADCAST, null)
                    .withOrdinal(1)
                    .asBroadcastInput()),
            operatorSupplier,
            null);
    return new Stage<>(pipeline, n);
  }
}
