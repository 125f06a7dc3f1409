package dev.sluice.core;

import dev.sluice.core.internal.plan.StageNode;
import dev.sluice.core.operator.TwoInputOperator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Two stages connected as the first and second input of a {@link TwoInputOperator}; made by
 * {@link Stage#connect(Stage)}. Only {@link #process} remains to be chosen.
 *
 * <p><b>Threading:</b> like {@link Pipeline}, build from one thread.
 *
 * @param <A> type of the first input
 * @param <B> type of the second input
 */
public final class ConnectedStages<A, B> {
  private final Pipeline pipeline;
  private final int first;
  private final int second;

  ConnectedStages(Pipeline pipeline, int first, int second) {
    this.pipeline = pipeline;
    this.first = first;
    this.second = second;
  }

  /**
   * Adds the two-input operator stage (one operator per parallel instance). Its parallelism is
   * by default the larger of its inputs'; each input reaches it forward at equal parallelism,
   * else round-robin. Its watermark is the minimum over both inputs (idle inputs left out).
   *
   * @param name the stage's name, or null for a default one
   */
  @SuppressWarnings("unchecked")
  public <R> Stage<R> process(
      String name,
      Supplier<? extends TwoInputOperator<? super A, ? super B, ? extends R>> operatorSupplier) {
    Objects.requireNonNull(operatorSupplier, "operatorSupplier");
    int n =
        pipeline.add(
            StageNode.Kind.TWO_INPUT_OPERATOR,
            name,
            null,
            List.of(
                StageNode.Input.of(first, StageNode.Routing.FORWARD, null),
                StageNode.Input.of(second, StageNode.Routing.FORWARD, null).withOrdinal(1)),
            operatorSupplier,
            null);
    return new Stage<>(pipeline, n);
  }
}
