package dev.sluice.core;

/**
 * Hears every status change of a job: register one for every job with {@link
 * Engine#addJobListener}, or for one job with {@link JobOptions#withListener}.
 *
 * <p><b>Threading:</b> called on the engine's event thread (named {@code <threadNamePrefix>-events}),
 * one change at a time, in the order the changes happened for each job; for one change the job's
 * own listeners are called before the engine's. A job's {@link Job#completion()} completes only
 * after its listeners heard its final change, so when {@link Job#join} returns they all have. A
 * listener must return promptly and must not wait for a job (it would hold back every job's
 * notifications and completions). After {@link Engine#close()} has stopped the event thread, the
 * few changes still to come are delivered on the thread that made them.
 *
 * <p><b>Failure:</b> an exception thrown by a listener is logged (SLF4J, WARN), written to the
 * debug log and counted in {@link Engine#listenerFailures()}; it never affects the job or the
 * other listeners.
 */
@FunctionalInterface
public interface JobListener {

  /** Called once per status change of a job this listener hears. */
  void onStatusChange(JobStatusChange change);
}
