package dev.sluice.pipeline;

import dev.sluice.core.BackpressureStrategy;
import dev.sluice.core.Stage;
import dev.sluice.core.fault.ErrorPolicy;
import java.util.Objects;

/**
 * The settings every node of a pipeline file may have, besides its type's own: its name and,
 * when given (or defaulted by the file's {@code settings}), parallelism, backpressure of its input
 * edge, queue capacity and error policy.
 *
 * @param name the node's name, unique in the file
 * @param parallelism the parallelism, or 0 for the engine's default (the input's)
 * @param backpressure the input edge's strategy, or null for the default ({@code block})
 * @param queueCapacity the input queue's capacity in events, or 0 for the default
 * @param errorPolicy the error policy, or null for the default ({@code fail})
 */
public record StageSettings(
    String name, int parallelism, BackpressureStrategy backpressure, int queueCapacity,
    ErrorPolicy errorPolicy) {

  /** Checks the name. */
  public StageSettings {
    Objects.requireNonNull(name, "name");
  }

  /** Names {@code stage} and applies the settings that are set; returns it. */
  public <T> Stage<T> applyTo(Stage<T> stage) {
    stage.named(name);
    if (parallelism > 0) {
      stage.parallelism(parallelism);
    }
    if (backpressure != null) {
      stage.backpressure(backpressure);
    }
    if (queueCapacity > 0) {
      stage.queueCapacity(queueCapacity);
    }
    if (errorPolicy != null) {
      stage.onError(errorPolicy);
    }
    return stage;
  }

  /** {@code name + "." + suffix}: the name of an auxiliary stage this node adds. */
  public String auxiliaryName(String suffix) {
    return name + "." + suffix;
  }
}
