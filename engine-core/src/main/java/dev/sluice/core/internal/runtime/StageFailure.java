package dev.sluice.core.internal.runtime;

/** Thrown through a chain when user code fails; carries the stage and the offending event. */
final class StageFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final transient Object event;
  final String stage;

  StageFailure(String stage, Object event, Throwable cause) {
    super(cause);
    this.stage = stage;
    this.event = event;
  }
}
