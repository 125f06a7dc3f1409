package dev.sluice.windowing.internal;

import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;

/** Opens the late side output of a window operator. */
final class LateOutputs {
  private LateOutputs() {}

  /**
   * The output late events go to: the side output {@code tag} (counted on the stage as {@code
   * sideOutput}, or as {@code dropped}/{@code sideOutputDropped} if the pipeline does not connect
   * it).
   */
  @SuppressWarnings("unchecked")
  static Output<Object> open(OperatorContext context, OutputTag<?> tag) {
    return (Output<Object>) context.sideOutput(tag);
  }
}
