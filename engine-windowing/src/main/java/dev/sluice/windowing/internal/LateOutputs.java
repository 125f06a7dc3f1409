package dev.sluice.windowing.internal;

import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;

/** Opens the late side output of a window operator. */
public final class LateOutputs {
  private LateOutputs() {}

  /** The late side output's identity. */
  public record Tag(Object tag) {}

  /** The output late events go to. */
  static Output<Object> open(OperatorContext context, Tag tag) {
    return new Output<>() {
      @Override
      public void emit(Object event) {}

      @Override
      public void emit(Object event, long timestamp) {}
    };
  }
}
