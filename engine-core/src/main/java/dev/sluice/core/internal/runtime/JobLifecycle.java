package dev.sluice.core.internal.runtime;

import dev.sluice.core.JobListener;
import dev.sluice.core.JobStatus;
import dev.sluice.core.JobStatusChange;
import dev.sluice.core.fault.RestartStrategy;
import dev.sluice.core.metrics.DebugEvent;
import dev.sluice.core.metrics.DebugEventLog;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job's status and its changes: every change is made under one lock, written to the debug log
 * and queued for the listeners in that order; the final change runs the hooks and the engine's
 * admission callback, then completes the job's completion after the listeners. Also decides
 * whether a failed attempt is restarted. Thread-safe.
 */
final class JobLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(JobLifecycle.class);

  /** What {@link #drain()} asks the job to do. */
  enum DrainAction {
    /** Nothing (already draining, stopping or ended). */
    NONE,
    /** Tell the hooks and the sources. */
    DRAIN,
    /** The job was waiting to restart: the restart was abandoned and the job has ended. */
    ENDED
  }

  private final JobExecution job;
  private final Object lock = new Object();
  private final CompletableFuture<JobStatus> completion = new CompletableFuture<>();
  private final List<JobLifecycleHook> hooks = new CopyOnWriteArrayList<>();
  private volatile JobStatus status = JobStatus.QUEUED;
  private volatile JobEventDispatcher dispatcher;
  private volatile DebugEventLog debugLog;
  private volatile List<JobListener> listeners = List.of();
  private volatile Consumer<JobExecution> onTerminated = j -> {};
  private volatile boolean cancelRequested;
  private volatile boolean drainRequested;
  private volatile int restarts;
  private RestartStrategy restartStrategy = RestartStrategy.none();
  /** Guarded by {@link #lock}. */
  private RestartTracker restartTracker;
  /** Guarded by {@link #lock}: the failure of the attempt waiting to restart. */
  private Throwable restartCause;
  /** Guarded by {@link #lock}: the scheduled restart. */
  private Future<?> pendingRestart;

  JobLifecycle(JobExecution job) {
    this.job = job;
  }

  void configure(
      JobEventDispatcher dispatcher,
      DebugEventLog debugLog,
      List<JobListener> listeners,
      RestartStrategy restartStrategy) {
    this.dispatcher = dispatcher;
    this.debugLog = debugLog;
    this.listeners = List.copyOf(listeners);
    synchronized (lock) {
      this.restartStrategy = restartStrategy;
    }
  }

  void addHook(JobLifecycleHook hook) {
    hooks.add(hook);
  }

  void onTerminated(Consumer<JobExecution> callback) {
    this.onTerminated = callback;
  }

  JobStatus status() {
    return status;
  }

  CompletableFuture<JobStatus> completion() {
    return completion;
  }

  int restarts() {
    return restarts;
  }

  boolean cancelRequested() {
    return cancelRequested;
  }

  /** Writes the submission (QUEUED) to the debug log. */
  void submitted() {
    record(DebugEvent.Kind.JOB_STATE, job.name(), JobStatus.QUEUED.name());
  }

  /**
   * {@code from} (QUEUED or RESTARTING) to RUNNING, or to DRAINING if the job was drained while
   * queued.
   *
   * @return false if the status was not {@code from} (the job was cancelled meanwhile)
   */
  boolean begin(JobStatus from) {
    synchronized (lock) {
      if (status != from) {
        return false;
      }
      change(from, drainRequested ? JobStatus.DRAINING : JobStatus.RUNNING, null);
      return true;
    }
  }

  /**
   * Cancels: a QUEUED or RESTARTING job ends CANCELLED at once; a running one goes to CANCELLING.
   *
   * @return true if tasklets run and must be stopped
   */
  boolean cancel() {
    synchronized (lock) {
      JobStatus from = status;
      if (from.isTerminal() || from == JobStatus.CANCELLING) {
        return false;
      }
      cancelRequested = true;
      if (from == JobStatus.RUNNING || from == JobStatus.DRAINING) {
        change(from, JobStatus.CANCELLING, null);
        return true;
      }
      cancelPendingRestart();
      change(from, JobStatus.CANCELLED, null);
    }
    finish(JobStatus.CANCELLED, null);
    return false;
  }

  /** Drains: see {@link DrainAction}. */
  DrainAction drain() {
    Throwable abandoned;
    synchronized (lock) {
      JobStatus from = status;
      if (from == JobStatus.QUEUED) {
        drainRequested = true;
        return DrainAction.DRAIN;
      }
      if (from == JobStatus.RUNNING) {
        drainRequested = true;
        change(from, JobStatus.DRAINING, null);
        return DrainAction.DRAIN;
      }
      if (from != JobStatus.RESTARTING) {
        return DrainAction.NONE;
      }
      drainRequested = true;
      cancelPendingRestart();
      abandoned = restartCause;
      change(from, JobStatus.FAILED, abandoned);
    }
    finish(JobStatus.FAILED, abandoned);
    return DrainAction.ENDED;
  }

  private void cancelPendingRestart() {
    if (pendingRestart != null) {
      pendingRestart.cancel(false);
      pendingRestart = null;
    }
  }

  /**
   * Every tasklet of the attempt has stopped: the job restarts (RESTARTING, {@code restart} runs
   * on the event thread after the strategy's delay) or ends.
   *
   * @param failure the attempt's failure, or null
   */
  void attemptEnded(Throwable failure, Runnable restart) {
    JobStatus end;
    synchronized (lock) {
      JobStatus from = status;
      if (from.isTerminal() || from == JobStatus.QUEUED || from == JobStatus.RESTARTING) {
        return;
      }
      long delayMillis =
          failure != null && !cancelRequested && !drainRequested ? grantRestart() : -1;
      if (delayMillis >= 0) {
        restarts++;
        restartCause = failure;
        change(from, JobStatus.RESTARTING, failure);
        record(
            DebugEvent.Kind.RESTART, job.name(),
            "job restart " + restarts + " in " + delayMillis + " ms after: "
                + failure.getMessage());
        pendingRestart = dispatcher.schedule(restart, delayMillis);
        if (pendingRestart != null) {
          return;
        }
        from = JobStatus.RESTARTING; // the engine is shutting down: no restart after all
      }
      if (failure != null) {
        end = JobStatus.FAILED;
      } else if (cancelRequested) {
        end = JobStatus.CANCELLED;
      } else {
        end = JobStatus.COMPLETED;
      }
      change(from, end, failure);
    }
    finish(end, failure);
  }

  /** Under the lock: the delay of another attempt, or -1 if the strategy allows none. */
  private long grantRestart() {
    if (dispatcher == null || restartStrategy.maxRestarts() == 0) {
      return -1;
    }
    if (restartTracker == null) {
      restartTracker = new RestartTracker(restartStrategy, EngineClock.SYSTEM, job.id());
    }
    if (restartTracker.onFailure() < 0) {
      return -1;
    }
    return restartTracker.lastDelayMillis();
  }

  /** The rebuilt attempt could not be created: RESTARTING to FAILED. */
  void restartFailed(Throwable failure) {
    synchronized (lock) {
      if (status != JobStatus.RESTARTING) {
        return;
      }
      pendingRestart = null;
      change(JobStatus.RESTARTING, JobStatus.FAILED, failure);
    }
    finish(JobStatus.FAILED, failure);
  }

  /** True while the job waits for its restart (the restart task checks it before rebuilding). */
  boolean isRestarting() {
    return status == JobStatus.RESTARTING;
  }

  /** Under the lock: the change, the debug log entry, the listeners' notification. */
  private void change(JobStatus from, JobStatus to, Throwable cause) {
    status = to;
    StringBuilder message = new StringBuilder(to.name());
    if (to == JobStatus.RUNNING && restarts > 0) {
      message.append(" (restart ").append(restarts).append(')');
    }
    if (cause != null) {
      message.append(": ").append(cause.getMessage());
    }
    record(
        to == JobStatus.FAILED ? DebugEvent.Kind.FAILURE : DebugEvent.Kind.JOB_STATE,
        job.name(), message.toString());
    JobEventDispatcher d = dispatcher;
    if (d != null) {
      d.publish(
          new JobStatusChange(job, from, to, cause, restarts, System.currentTimeMillis()),
          listeners);
    }
  }

  void record(DebugEvent.Kind kind, String subject, String message) {
    DebugEventLog log = debugLog;
    if (log != null) {
      log.record(kind, subject, message);
    }
  }

  /** After the final change: hooks, the engine's admission callback, then the completion. */
  private void finish(JobStatus end, Throwable failure) {
    for (JobLifecycleHook h : hooks) {
      try {
        h.onEnd(end);
      } catch (RuntimeException e) {
        LOG.warn("job '{}': a life-cycle hook failed", job.name(), e);
      }
    }
    try {
      onTerminated.accept(job);
    } finally {
      Runnable complete =
          end == JobStatus.FAILED
              ? () -> completion.completeExceptionally(failure)
              : () -> completion.complete(end);
      JobEventDispatcher d = dispatcher;
      if (d != null) {
        d.execute(complete);
      } else {
        complete.run();
      }
    }
  }

  /** Tells the hooks that the job drains. */
  void drainHooks() {
    for (JobLifecycleHook h : hooks) {
      h.onDrain();
    }
  }
}
