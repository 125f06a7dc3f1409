package dev.sluice.core;

/** The engine refused a job: its queue of waiting jobs is full, or it is closed. */
public final class JobRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public JobRejectedException(String message) {
    super(message);
  }
}
