package dev.sluice.core;

import java.util.Objects;

/**
 * The end of a branch of a {@link Pipeline}: a sink. Only settings remain to be chosen.
 *
 * @param <T> event type
 */
public final class SinkStage<T> {
  private final Pipeline pipeline;
  private final int id;

  SinkStage(Pipeline pipeline, int id) {
    this.pipeline = pipeline;
    this.id = id;
  }

  /** The sink's stage name. */
  public String name() {
    return pipeline.node(id).name();
  }

  /**
   * Gives the sink a stable id, unique in the pipeline (see {@link Stage#uid(String)}).
   *
   * @throws IllegalArgumentException if {@code uid} is blank
   */
  public SinkStage<T> uid(String uid) {
    pipeline.setUid(id, uid);
    return this;
  }

  /** Sets the sink's parallelism (default: its input's, capped by the sink's maximum). */
  public SinkStage<T> parallelism(int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException(
          "sink '" + name() + "': parallelism must be >= 1, was " + parallelism);
    }
    pipeline.replace(pipeline.node(id).withParallelism(parallelism));
    return this;
  }

  /** Renames the sink stage. */
  public SinkStage<T> named(String name) {
    Objects.requireNonNull(name, "name");
    pipeline.replace(pipeline.node(id).withName(name));
    return this;
  }

  /** Sets what the sink's input edge does when full; gives the sink its own queue. */
  public SinkStage<T> backpressure(BackpressureStrategy strategy) {
    pipeline.replace(pipeline.node(id).withStrategy(Objects.requireNonNull(strategy)));
    return this;
  }

  /** Sets the sink's input edge capacity in events; gives the sink its own queue. */
  public SinkStage<T> queueCapacity(int capacityEvents) {
    if (capacityEvents < 1) {
      throw new IllegalArgumentException("queue capacity must be >= 1, was " + capacityEvents);
    }
    pipeline.replace(pipeline.node(id).withQueueCapacity(capacityEvents));
    return this;
  }

  /**
   * Sets what the sink stage does when its writer throws (default FAIL); see {@link
   * dev.sluice.core.fault.ErrorPolicy}.
   */
  public SinkStage<T> onError(dev.sluice.core.fault.ErrorPolicy policy) {
    pipeline.replace(pipeline.node(id).withErrorPolicy(Objects.requireNonNull(policy)));
    return this;
  }

  /**
   * Sets how a failing sink writer is restarted (default never): the writer is closed, created
   * again after the strategy's delay, and offered the event that failed (at-least-once). When
   * restarts are exhausted the failure goes to the sink stage's error policy.
   */
  public SinkStage<T> restart(dev.sluice.core.fault.RestartStrategy strategy) {
    pipeline.replace(pipeline.node(id).withRestart(Objects.requireNonNull(strategy)));
    return this;
  }

  /**
   * The sink's dead-letter port: the events its writer failed on under {@link
   * dev.sluice.core.fault.ErrorPolicy#DEAD_LETTER} (or that a {@link
   * dev.sluice.core.fault.CircuitBreakingSink} refused while open under {@code FAIL_FAST}), in
   * order with the watermarks that reached the sink. See {@link Stage#deadLetters()}; set {@code
   * onError} before calling this.
   */
  public Stage<dev.sluice.core.fault.DeadLetter> deadLetters() {
    return new Stage<>(pipeline, Stage.deadLetterPort(pipeline, id));
  }

  /** The pipeline. */
  public Pipeline pipeline() {
    return pipeline;
  }
}
