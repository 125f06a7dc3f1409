package dev.sluice.core.operator;

/**
 * What the runtime tells an operator about where it runs.
 *
 * <p><b>Threading:</b> use only from the operator's own callbacks.
 */
public interface OperatorContext {

  /** The stage's name, as shown in plans and metrics. */
  String stageName();

  /** This instance's index, from 0 to {@link #parallelism()} - 1. */
  int instanceIndex();

  /** How many parallel instances the stage has. */
  int parallelism();

  /** The current watermark at this operator, or {@code Long.MIN_VALUE} before the first. */
  long currentWatermark();

  /** Processing time in milliseconds since the epoch, from the engine's clock. */
  long processingTimeMillis();
}
