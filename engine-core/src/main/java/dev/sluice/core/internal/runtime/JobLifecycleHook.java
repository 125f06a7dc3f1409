package dev.sluice.core.internal.runtime;

import dev.sluice.core.JobStatus;

/**
 * Something outside the job's tasklets that must follow its life cycle (a push source and the
 * threads feeding it). Registered once per job; kept across the job's restarts.
 */
public interface JobLifecycleHook {

  /** The job was asked to drain; called on the thread that called {@code drain()}. */
  void onDrain();

  /**
   * The job reached its final status (never called for a restart); called on the thread that
   * ended it, before the job's completion completes.
   */
  void onEnd(JobStatus status);
}
