package dev.sluice.core;

/**
 * One status change of a job, as heard by a {@link JobListener}.
 *
 * @param job the job (the same handle {@link Engine#submit} returned)
 * @param previous the status before the change
 * @param status the status after the change
 * @param cause for a change to FAILED, the {@link JobFailedException}; for a change to RESTARTING,
 *     the failure of the attempt that is restarted; otherwise null
 * @param restarts how many times the engine has restarted the job so far (including the restart
 *     this change starts or announces)
 * @param timeMillis when the change happened, milliseconds since the epoch
 */
public record JobStatusChange(
    Job job, JobStatus previous, JobStatus status, Throwable cause, int restarts, long timeMillis) {

  @Override
  public String toString() {
    return "job '" + job.name() + "' " + previous + " -> " + status
        + (restarts > 0 ? " (restarts: " + restarts + ")" : "")
        + (cause != null ? ": " + cause.getMessage() : "");
  }
}
