package dev.sluice.core;

/**
 * A job failed. The message names the job, the stage and, where one was being processed, the
 * event; {@link #getCause()} is what user code (or the runtime) threw.
 */
public final class JobFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String stage;
  private final String event;

  /**
   * Creates the exception.
   *
   * @param job the job's name
   * @param stage the failing stage's name
   * @param event a bounded description of the event being processed, or null
   * @param cause what was thrown
   */
  public JobFailedException(String job, String stage, String event, Throwable cause) {
    super(
        "job '"
            + job
            + "' failed in stage '"
            + stage
            + "'"
            + (event == null ? "" : " on event " + event)
            + ": "
            + cause,
        cause);
    this.stage = stage;
    this.event = event;
  }

  /** The failing stage's name. */
  public String stage() {
    return stage;
  }

  /** A bounded description of the event being processed when it failed, or null. */
  public String event() {
    return event;
  }
}
